import type { ClientInfo, ManageClientsProtocol } from "../../shared/client-info.js";
import { REVOKE_DEADLINE_MS, type RevokeError, type RevokeOutcome } from "../../shared/outcomes.js";
import { err, ok, type Result } from "../../shared/result.js";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../xmpp/iq-request.js";
import {
  buildRevokeRequest,
  classifyRevokeReply,
  closedSessionOnly,
  signedInAgain,
  verifiedOutcome,
  type RevokeProgress,
  type RevokeReply,
} from "../protocol/index.js";
import type { ManageClientsContext } from "./context.js";
import { listClients } from "./list-clients.js";

/**
 * A revoke the server does not answer is settled by listing again rather than by the long request
 * timeout: Prosody's module sends nothing at all for a client with no access left.
 */
export const REVOKE_REPLY_TIMEOUT_MS = 2_000;
/** Revoke requests per revoke, for a client that keeps signing in again. */
const MAX_REVOKE_REQUESTS = 4;
/** Polling the list while the server closes a session: 250 ms, doubling up to 1 s. */
const FIRST_POLL_MS = 250;
const LONGEST_POLL_MS = 1_000;

type Listed = { client: ClientInfo | undefined; protocol: ManageClientsProtocol };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every request of one revoke ends by its deadline. */
function withDeadline(context: ManageClientsContext, deadline: number): ManageClientsContext {
  return {
    ...context,
    request: (iq, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS) => context.request(iq, Math.max(1, Math.min(timeoutMs, deadline - Date.now()))),
  };
}

async function findListed(context: ManageClientsContext, id: string): Promise<Result<Listed, RevokeError>> {
  const listed = await listClients(context);
  if (!listed.ok) {
    const { error } = listed;
    return err(error.kind === "forbidden" || error.kind === "server-error" ? { kind: "protocol", detail: `Listing failed: ${error.kind}` } : error);
  }
  return ok({ client: listed.value.clients.find((c) => c.id === id), protocol: listed.value.protocol });
}

/** The reply, or undefined when none came in time. */
async function sendRevoke(context: ManageClientsContext, protocol: ManageClientsProtocol, id: string): Promise<Result<RevokeReply | undefined, RevokeError>> {
  const reply = await context.request(buildRevokeRequest(protocol, id), REVOKE_REPLY_TIMEOUT_MS);
  if (!reply.ok) return reply.error.kind === "timeout" ? ok(undefined) : reply;
  return classifyRevokeReply(reply.value);
}

/**
 * Lists with backoff until the client shows disconnected or gone, or signed in again (a later
 * last-seen than `closed`, the entry whose session the server closed); undefined when the deadline
 * comes first.
 */
async function untilDisconnected(context: ManageClientsContext, closed: ClientInfo, deadline: number): Promise<Result<Listed | undefined, RevokeError>> {
  for (let delay = FIRST_POLL_MS; Date.now() + delay < deadline; delay = Math.min(delay * 2, LONGEST_POLL_MS)) {
    await sleep(delay);
    const listed = await findListed(context, closed.id);
    if (!listed.ok) return listed.error.kind === "timeout" ? ok(undefined) : listed;
    const { client } = listed.value;
    const signedInAgain = client?.lastSeen !== undefined && closed.lastSeen !== undefined && client.lastSeen > closed.lastSeen;
    if (!client?.connected || signedInAgain) return listed;
  }
  return ok(undefined);
}

/**
 * Revokes a client until the server's list shows what is left of it, within REVOKE_DEADLINE_MS.
 * Only ids in a fresh list are revoked. On the real server a connected client is only signed out by
 * the first request (undefined-condition, its FAST tokens kept, its session listed until the
 * server's close timeout): wait until the list shows it disconnected, revoke again, and verify.
 */
export async function revokeClient(parent: ManageClientsContext, id: string): Promise<Result<RevokeOutcome, RevokeError>> {
  const deadline = Date.now() + REVOKE_DEADLINE_MS;
  const context = withDeadline(parent, deadline);
  const first = await findListed(context, id);
  if (!first.ok) return first;
  const { protocol } = first.value;
  let client = first.value.client;
  if (client === undefined) return ok({ outcome: "already-gone" });
  const kind = client.kind;
  const progress: RevokeProgress = { sawConnected: client.connected, tokensRemoved: false };
  /** What the last list showed, for a deadline that passes. */
  const notConfirmed = (): Result<RevokeOutcome, RevokeError> => ok({ outcome: "not-confirmed", connected: client?.connected ?? false });

  for (let sent = 0; sent < MAX_REVOKE_REQUESTS; sent++) {
    const hadFast = !client.connected && client.authMethods.includes("fast");
    const reply = await sendRevoke(context, protocol, id);
    if (!reply.ok) return reply;
    const answer = reply.value;
    if (answer?.outcome === "forbidden" || (answer?.outcome === "failed" && !closedSessionOnly(answer))) return ok(answer);
    if (answer !== undefined && (answer.outcome === "revoked" || answer.outcome === "password-reset-required")) {
      progress.tokensRemoved ||= hadFast;
    }

    let after: Listed;
    if (answer !== undefined && closedSessionOnly(answer)) {
      progress.sawConnected = true;
      const disconnected = await untilDisconnected(context, client, deadline);
      if (!disconnected.ok) return disconnected;
      if (disconnected.value === undefined) return ok({ outcome: "not-confirmed", connected: true });
      after = disconnected.value;
      // Still listed, disconnected: revoke again so that tokens go too, even one issued but never used (not listed).
      if (after.client !== undefined && !after.client.connected) {
        client = after.client;
        continue;
      }
    } else {
      const listed = await findListed(context, id);
      if (!listed.ok) return listed.error.kind === "timeout" ? notConfirmed() : listed;
      after = listed.value;
      // No reply, or item-not-found, and no longer listed: there was nothing left to revoke.
      if (after.client === undefined && (answer === undefined || answer.outcome === "not-found")) return ok({ outcome: "already-gone" });
    }

    const verified = verifiedOutcome(kind, after.client, progress);
    if ("done" in verified) return ok(verified.done);
    client = after.client;
    if (client === undefined) return notConfirmed();
    if (client.connected) progress.sawConnected = true;
    if (Date.now() >= deadline) return notConfirmed();
  }
  return client.connected ? ok(signedInAgain(client, progress)) : notConfirmed();
}
