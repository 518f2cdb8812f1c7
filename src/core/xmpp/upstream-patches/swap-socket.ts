// Patch of @xmpp/connection and @xmpp/starttls 0.14.0 (written against that exact version).
// Upstream's STARTTLS builds its TLS socket itself, verifying with no way to pin a certificate, and
// Connection has no public way to put another socket in place of the plain one: Warden takes the
// plain TCP socket and attaches its own through the private `_attachSocket`.
import type { Socket } from "node:net";
import type { Client, XmppSocket } from "@xmpp/client-core";

/** Before STARTTLS the entity's socket is @xmpp/connection-tcp's, a net.Socket. */
export function plainSocket(entity: Client): Socket {
  return entity.socket as unknown as Socket;
}

/** Puts `socket` in place of the entity's current one, with Connection's own listeners on it. */
export function attachSocket(entity: Client, socket: XmppSocket): void {
  entity._attachSocket(socket);
}
