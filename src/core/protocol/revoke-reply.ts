/**
 * Classifies the reply to a revoke request, plus the pieces the service's
 * "list again, revoke once more" logic needs.
 */
import type { ClientInfo } from "../../shared/client-info.js";
import type { RemovedAccess, RevokeOutcome } from "../../shared/outcomes.js";
import { err, ok, type Result } from "../../shared/result.js";
import type { ProtocolError } from "./client-list.js";
import { describeUnexpected, replyType } from "./iq-type.js";
import { NS_CAM, NS_PROSODY } from "./namespaces.js";
import { hasErrorChild, parseStanzaError } from "./stanza-error.js";
import type { XmlElement } from "./xml.js";

/**
 * What a single revoke reply says. Like `RevokeOutcome`, minus what only the service knows
 * (whether this app was signed out, what access was removed on the way).
 */
export type RevokeReply =
  | { outcome: "revoked" }
  | { outcome: "password-reset-required"; text?: string }
  | { outcome: "not-found" }
  | { outcome: "forbidden"; text?: string }
  | { outcome: "failed"; condition: string; text?: string };

export const PASSWORD_RESET_REQUIRED = "password-reset-required";
const MANAGE_CLIENTS_NAMESPACES: readonly string[] = [NS_PROSODY, NS_CAM];

/**
 * result → revoked; `<password-reset-required/>` in either manage-clients namespace →
 * password-reset-required (whatever the defined condition); item-not-found → not-found;
 * forbidden → forbidden; any other error → failed. A non-iq or other iq type → protocol error.
 */
export function classifyRevokeReply(reply: XmlElement): Result<RevokeReply, ProtocolError> {
  switch (replyType(reply)) {
    case "result":
      return ok({ outcome: "revoked" });
    case "error": {
      const e = parseStanzaError(reply);
      if (hasErrorChild(reply, PASSWORD_RESET_REQUIRED, MANAGE_CLIENTS_NAMESPACES)) {
        return ok(e.text === undefined ? { outcome: "password-reset-required" } : { outcome: "password-reset-required", text: e.text });
      }
      if (e.condition === "item-not-found") return ok({ outcome: "not-found" });
      if (e.condition === "forbidden") return ok(e.text === undefined ? { outcome: "forbidden" } : { outcome: "forbidden", text: e.text });
      return ok(
        e.text === undefined
          ? { outcome: "failed", condition: e.condition }
          : { outcome: "failed", condition: e.condition, text: e.text },
      );
    }
    default:
      return err({ kind: "protocol", detail: describeUnexpected(reply) });
  }
}

/**
 * After this reply, list again to see whether the client is still there? True for every error
 * other than item-not-found, forbidden and password-reset-required (e.g. the undefined-condition
 * Prosody sends after closing a connected client's session, leaving its FAST tokens).
 */
export function shouldListAgain(reply: RevokeReply): boolean {
  return reply.outcome === "failed";
}

/** What to do once the client has been listed again after a failed revoke. */
export type StepAfterFailedRevoke = "gone" | "revoke-again" | "back-with-password" | "give-up";

/**
 * Given the client as listed after a failed revoke (undefined when gone). Still listed and now
 * disconnected: revoke once more, which removes its tokens (a token issued but never used is not
 * listed, so "still listed" is reason enough). Connected again with the password: it knows it.
 */
export function stepAfterFailedRevoke(client: ClientInfo | undefined): StepAfterFailedRevoke {
  if (client === undefined) return "gone";
  if (!client.connected) return "revoke-again";
  return client.authMethods.includes("password") ? "back-with-password" : "give-up";
}

/**
 * What the server took away before answering password-reset-required, judged from the client
 * as listed before the first revoke: its live session (when connected), its FAST tokens (when it had any).
 */
export function removedAccess(before: ClientInfo | undefined): RemovedAccess[] {
  const removed: RemovedAccess[] = [];
  if (before === undefined) return removed;
  if (before.connected) removed.push("session");
  if (before.authMethods.includes("fast")) removed.push("fast-tokens");
  return removed;
}

/** Completes a reply into the shared `RevokeOutcome` with what the service knows. */
export function toRevokeOutcome(reply: RevokeReply, context: { signedOut: boolean; removed: RemovedAccess[] }): RevokeOutcome {
  switch (reply.outcome) {
    case "revoked":
      return { outcome: "revoked", signedOut: context.signedOut };
    case "password-reset-required":
      return { outcome: "password-reset-required", removed: context.removed };
    default:
      return reply;
  }
}
