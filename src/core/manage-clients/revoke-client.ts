import type { ClientInfo, ManageClientsProtocol } from "../../shared/client-info.js";
import type { RevokeError, RevokeOutcome } from "../../shared/outcomes.js";
import { err, ok, type Result } from "../../shared/result.js";
import {
  buildRevokeRequest,
  classifyRevokeReply,
  removedAccess,
  shouldListAgain,
  stepAfterFailedRevoke,
  toRevokeOutcome,
  type RevokeReply,
} from "../protocol/index.js";
import type { ManageClientsContext } from "./context.js";
import { listClients } from "./list-clients.js";

async function sendRevoke(context: ManageClientsContext, protocol: ManageClientsProtocol, id: string): Promise<Result<RevokeReply, RevokeError>> {
  const reply = await context.request(buildRevokeRequest(protocol, id));
  if (!reply.ok) return reply;
  return classifyRevokeReply(reply.value);
}

async function findListed(context: ManageClientsContext, id: string): Promise<Result<{ client: ClientInfo | undefined; protocol: ManageClientsProtocol }, RevokeError>> {
  const listed = await listClients(context);
  if (!listed.ok) {
    const { error } = listed;
    return err(error.kind === "forbidden" || error.kind === "server-error" ? { kind: "protocol", detail: `Listing failed: ${error.kind}` } : error);
  }
  return ok({ client: listed.value.clients.find((c) => c.id === id), protocol: listed.value.protocol });
}

/**
 * Revokes a client the way the real server needs it: a connected client is only disconnected by
 * the first request (its FAST tokens survive, the reply is an error), so after such an error list
 * again and act on what it shows (see stepAfterFailedRevoke).
 */
export async function revokeClient(context: ManageClientsContext, id: string): Promise<Result<RevokeOutcome, RevokeError>> {
  const before = await findListed(context, id);
  if (!before.ok) return before;
  const { protocol } = before.value;

  let reply = await sendRevoke(context, protocol, id);
  if (!reply.ok) return reply;
  const removed = removedAccess(before.value.client);

  if (shouldListAgain(reply.value)) {
    const after = await findListed(context, id);
    if (!after.ok) return after;
    switch (stepAfterFailedRevoke(after.value.client)) {
      case "gone":
        return ok({ outcome: "revoked", signedOut: false });
      case "back-with-password":
        return ok({ outcome: "password-reset-required", removed });
      case "revoke-again":
        reply = await sendRevoke(context, protocol, id);
        if (!reply.ok) return reply;
        break;
      case "give-up":
        break;
    }
  }
  return ok(toRevokeOutcome(reply.value, { signedOut: false, removed }));
}
