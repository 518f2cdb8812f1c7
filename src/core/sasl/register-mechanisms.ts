/**
 * Puts Warden's mechanisms into a `saslmechanisms` Factory, in preference
 * order (the Factory's order is the order @xmpp/sasl{,2} report the
 * server-supported mechanisms to the credentials function).
 */
import { Plain } from "./plain.js";
import { ScramSha1, ScramSha1Plus } from "./scram-sha-1.js";
import type { SaslFactory, SaslMechanismClass } from "./xmpp-types.js";

export const WARDEN_MECHANISMS: readonly SaslMechanismClass[] = [ScramSha1Plus, ScramSha1, Plain];

export interface RegisterOptions {
  /**
   * Drop whatever was registered before (default true). @xmpp/client's
   * client() pre-registers the slow bundled SCRAM-SHA-1, PLAIN and ANONYMOUS;
   * they must go, or the Factory would keep instantiating the bundled SCRAM
   * (Factory.create returns the FIRST registered match).
   */
  readonly replace?: boolean;
}

export function registerWardenMechanisms(factory: SaslFactory, options: RegisterOptions = {}): void {
  if (options.replace ?? true) factory._mechs.length = 0;
  for (const mech of WARDEN_MECHANISMS) factory.use(mech);
}
