// Patch of saslmechanisms 0.1.1 (as @xmpp/client 0.14.0 uses it; written against that exact
// version). Upstream lacks a way to unregister a mechanism: the Factory keeps them in its private
// `_mechs` array, in registration order, and `create()` returns the FIRST registered match. The
// mechanisms client() registers (its own SCRAM-SHA-1, PLAIN and ANONYMOUS) would win over Warden's.
import type { SaslFactory, SaslMechanismClass } from "../../sasl/xmpp-types.js";

/** Leaves `factory` with exactly `mechanisms`, in this (preference) order. */
export function replaceMechanisms(factory: SaslFactory, mechanisms: readonly SaslMechanismClass[]): void {
  (factory as unknown as { _mechs: unknown[] })._mechs.length = 0;
  for (const mechanism of mechanisms) factory.use(mechanism);
}
