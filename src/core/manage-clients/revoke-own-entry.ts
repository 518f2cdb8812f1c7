import { once } from "node:events";
import type { RevokeOutcome, RevokeError } from "../../shared/outcomes.js";
import { ok, type Result } from "../../shared/result.js";
import { buildRevokeRequest, classifyRevokeReply } from "../protocol/index.js";
import type { AccountSession } from "../session/account-session.js";
import type { ManageClientsContext } from "./context.js";
import { listClients } from "./list-clients.js";

/**
 * Revoking this app's own entry: the server closes our session, often before it answers, so the
 * first of reply or disconnection settles it; then sign out and forget this device's credentials.
 */
export async function revokeOwnEntry(context: ManageClientsContext, session: AccountSession, id: string): Promise<Result<RevokeOutcome, RevokeError>> {
  const listed = await listClients(context);
  if (!listed.ok) return listed.error.kind === "forbidden" ? ok({ outcome: "forbidden" }) : { ok: false, error: { kind: "unsupported" } };
  const disconnected = once(session, "state").then(() => undefined);
  const reply = await Promise.race([context.request(buildRevokeRequest(listed.value.protocol, id)), disconnected]);
  const classified = reply?.ok ? classifyRevokeReply(reply.value) : undefined;
  if (classified?.ok && classified.value.outcome === "forbidden") return ok(classified.value);
  if (classified?.ok && classified.value.outcome === "not-found") return ok({ outcome: "already-gone" });
  await session.signOut(true);
  return ok({ outcome: "signed-out-self" });
}
