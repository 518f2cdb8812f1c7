/**
 * Minimal structural types for the untyped JS packages we touch
 * (saslmechanisms, @xmpp/client 0.14). Declared here, structurally, so
 * this folder needs no ambient `declare module` that could clash with other
 * declarations in the tree. Elements they hand us are the core's `XmlElement`.
 */
import type { XmlElement } from "../protocol/xml.js";

/** What a `saslmechanisms` Factory needs from a mechanism class. */
export interface SaslMechanismClass {
  new (): SaslMechanism;
  readonly prototype: { readonly name: string };
}

export interface SaslMechanism {
  readonly name: string;
  readonly clientFirst: boolean;
  response(creds: object): string | Promise<string>;
  challenge(data: string): unknown;
  final?(data: string): unknown;
}

/** The `saslmechanisms` Factory (`xmpp.saslFactory` in @xmpp/client). */
export interface SaslFactory {
  use(mech: SaslMechanismClass): unknown;
  /** Instantiates the first registered mechanism whose name is in `names`. */
  create(names: readonly string[]): SaslMechanism | null;
}

/** The subset of an @xmpp/client entity (Client/Connection) we use. */
export interface XmppEntity {
  isSecure(): boolean;
  /** The transport's socket wrapper; xmpp/upstream-patches/tls-socket.ts finds the TLS socket in it. */
  readonly socket: unknown;
  /** Node EventEmitter's; used so our listener runs before @xmpp's middleware. */
  prependListener(event: "element", listener: (element: XmlElement) => void): unknown;
  removeListener(event: "element", listener: (element: XmlElement) => void): unknown;
}

/**
 * The `authenticate` callback @xmpp/sasl{,2} hand to a credentials function.
 * Legacy SASL ignores the third argument.
 */
export type AuthenticateFn = (
  credentials: object,
  mechanism: string,
  userAgent?: unknown,
) => Promise<void>;

/** Signature of @xmpp/client's `credentials` option when it is a function. */
export type CredentialsFn = (
  authenticate: AuthenticateFn,
  mechanisms: string[],
  fast: unknown,
  entity: XmppEntity,
) => Promise<void>;
