// Patch of @xmpp/connection and @xmpp/tls 0.14.0 (written against that exact version). Upstream
// lacks a way to give a transport its socket: Connection.connect() does `new this.Socket()`, read
// from the transport's prototype, where @xmpp/tls puts a TLS socket that verifies with no way to
// pin a certificate.
import type { TransportClass } from "@xmpp/client-core";

/** Makes `Transport` (a subclass of its own, so the upstream class stays untouched) connect with `Socket`. */
export function useTransportSocket(Transport: TransportClass, Socket: new () => unknown): void {
  (Transport.prototype as { Socket?: unknown }).Socket = Socket;
}
