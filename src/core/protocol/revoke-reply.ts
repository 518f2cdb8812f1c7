/**
 * Classifies the reply to a revoke request, and states what the server's next list shows after a
 * revoke: the pieces the service's "revoke until verified" loop needs.
 */
import type { ClientInfo } from "../../shared/client-info.js";
import type { RemovedAccess, RevokeOutcome } from "../../shared/outcomes.js";
import { err, ok, type Result } from "../../shared/result.js";
import type { ProtocolError } from "./client-list.js";
import { describeUnexpected, replyType } from "./iq-type.js";
import { NS_CAM, NS_PROSODY } from "./namespaces.js";
import { hasErrorChild, parseStanzaError } from "./stanza-error.js";
import type { XmlElement } from "./xml.js";

/** What a single revoke reply says; never an outcome on its own (see `verifiedOutcome`). */
export type RevokeReply =
  | { outcome: "revoked" }
  | { outcome: "password-reset-required"; text?: string }
  | { outcome: "not-found" }
  | { outcome: "forbidden"; text?: string }
  /** `retryLater`: error type "wait" (Prosody's "Unable to revoke client access"). */
  | { outcome: "failed"; condition: string; text?: string; retryLater: boolean };

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
      const retryLater = e.type === "wait";
      return ok(
        e.text === undefined
          ? { outcome: "failed", condition: e.condition, retryLater }
          : { outcome: "failed", condition: e.condition, text: e.text, retryLater },
      );
    }
    default:
      return err({ kind: "protocol", detail: describeUnexpected(reply) });
  }
}

/**
 * Prosody closes a connected client's session and answers undefined-condition, leaving its FAST
 * tokens: revoke again once the list shows it disconnected.
 */
export function closedSessionOnly(reply: RevokeReply): boolean {
  return reply.outcome === "failed" && reply.condition === "undefined-condition";
}

/** What the revoke requests so far reached, as the lists between them showed. */
export interface RevokeProgress {
  /** Listed connected at some point during this revoke. */
  sawConnected: boolean;
  /** A revoke was answered (result or password-reset-required) while the list showed it disconnected with `<fast/>`. */
  tokensRemoved: boolean;
}

/** What the server's list after the last revoke shows happened. */
export type Verification =
  | { done: RevokeOutcome }
  /** Still holds something a revoke can take (connected, or a token left): revoke again. */
  | { again: "connected" | "disconnected" };

/**
 * `after`: the client in the list fetched after the last revoke (undefined: not listed). Never
 * claims more than that list shows: the session only when it was seen connected and is not now,
 * tokens only when a revoke reached it disconnected, the grant only for a grant entry now gone.
 */
export function verifiedOutcome(kind: ClientInfo["kind"], after: ClientInfo | undefined, progress: RevokeProgress): Verification {
  const removed: RemovedAccess[] = [];
  if (progress.sawConnected && !after?.connected) removed.push("session");
  if (progress.tokensRemoved && !after?.authMethods.includes("fast")) removed.push("fast-tokens");
  if (after === undefined) {
    if (kind === "access") removed.push("grant");
    return { done: { outcome: "gone", removed } };
  }
  if (after.connected) {
    // Back after its tokens were taken: only the password can have let it in.
    if (progress.tokensRemoved && after.authMethods.includes("password")) return { done: { outcome: "signed-in-again", with: "password" } };
    return { again: "connected" };
  }
  const onlyPassword = after.authMethods.length > 0 && after.authMethods.every((method) => method === "password");
  if (onlyPassword) return { done: { outcome: "knows-password", removed } };
  return { again: "disconnected" };
}

/** Out of repeats while it keeps signing in: with the token the server kept, unless that is gone. */
export function signedInAgain(after: ClientInfo, progress: RevokeProgress): RevokeOutcome {
  const tokenLeft = after.authMethods.includes("fast") && !progress.tokensRemoved;
  return { outcome: "signed-in-again", with: tokenLeft ? "token" : "password" };
}
