// Patch of @xmpp/connection and @xmpp/client-core 0.14.0 (written against that exact version).
// Upstream lacks a hook between authentication and "online": resource binding, Bind2 and stream
// resumption call Connection's private `_ready` directly, even when Bind2 or a resumption arrives
// inside a SASL2 success whose server proof has not been checked yet.
import type { Client } from "@xmpp/client-core";

/**
 * Routes every "online" through `gate` instead; returns upstream's own announcement, for `gate` to
 * make now or later, or not at all.
 */
export function gateReady(entity: Client, gate: (resumed: boolean) => void): (resumed: boolean) => void {
  const announce = entity._ready.bind(entity);
  entity._ready = (resumed = false) => gate(resumed);
  return announce;
}
