/**
 * Warden's mechanisms, in preference order (the Factory's order is the order @xmpp/sasl{,2} report
 * the server-supported mechanisms to the credentials function), put in place of whatever
 * @xmpp/client's client() registered: its slow bundled SCRAM-SHA-1, PLAIN and ANONYMOUS.
 */
import { Plain } from "./plain.js";
import { ScramSha1, ScramSha1Plus } from "./scram-sha-1.js";
import type { SaslFactory, SaslMechanismClass } from "./xmpp-types.js";
import { replaceMechanisms } from "../xmpp/upstream-patches/replace-mechanisms.js";

export const WARDEN_MECHANISMS: readonly SaslMechanismClass[] = [ScramSha1Plus, ScramSha1, Plain];

export function registerWardenMechanisms(factory: SaslFactory): void {
  replaceMechanisms(factory, WARDEN_MECHANISMS);
}
