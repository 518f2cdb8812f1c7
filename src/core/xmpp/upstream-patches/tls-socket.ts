// Patch of @xmpp/connection and @xmpp/tls 0.14.0 (written against that exact version). Upstream
// lacks a way to reach a connection's TLS socket (channel binding needs its protocol version and
// exported keying material): `entity.socket` is the transport's wrapper, and the node TLSSocket is
// that wrapper's `socket` field — in @xmpp/tls's Socket, and in Warden's VerifiedTlsSocket, which
// names it alike.
import { TLSSocket } from "node:tls";

/** The node TLSSocket under the entity's current connection; undefined before TLS or when there is none. */
export function connectionTlsSocket(entity: { readonly socket: unknown }): TLSSocket | undefined {
  const wrapper = entity.socket;
  if (wrapper instanceof TLSSocket) return wrapper;
  if (typeof wrapper !== "object" || wrapper === null || !("socket" in wrapper)) return undefined;
  const inner: unknown = wrapper.socket;
  return inner instanceof TLSSocket ? inner : undefined;
}
