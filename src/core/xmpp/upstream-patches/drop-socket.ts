// Patch of @xmpp/connection 0.14.0 (written against that exact version). Upstream lacks a way to
// drop a connection at once: stop() and disconnect() first send the closing tag and wait (up to the
// client's timeout) for the server's. `entity.socket` is the Node stream underneath (net.Socket
// before STARTTLS, Warden's VerifiedTlsSocket after it or for direct TLS), which can be destroyed.
import type { Client } from "@xmpp/client-core";

/** Destroys the current connection's socket, if there is one; Connection then reports the disconnect. */
export function dropSocket(entity: Client): void {
  (entity.socket as { destroy?: () => void } | null)?.destroy?.();
}
