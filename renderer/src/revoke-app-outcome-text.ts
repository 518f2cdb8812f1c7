// What revoking an app (its app token, then its session) did, in words: each part says only what the
// server's next list showed for that entry (the core verifies each revoke); a part that did not go
// through is named ("App token: …", "Session: …") with the words a single revoke would use.
import { REVOKE_DEADLINE_MS, type RevokeResult } from "../../src/shared/index.js";
import { appName } from "./app-row.js";
import type { AppEntry } from "./group-apps.js";
import { describeRevokeResult, type RevokeOutcomeText } from "./revoke-outcome-text.js";

type Part = Omit<RevokeOutcomeText, "title">;

function grantPart(app: AppEntry, result: RevokeResult): Part {
  if (result.ok && result.value.outcome === "gone") return { tone: "success", text: "Its app token was removed." };
  if (result.ok && result.value.outcome === "already-gone") return { tone: "success", text: "Its app token was already gone." };
  const described = describeRevokeResult(app.grant, result);
  return { ...described, text: `App token: ${described.text}` };
}

function sessionPart(app: AppEntry, result: RevokeResult): Part {
  if (result.ok && result.value.outcome === "gone") {
    const { removed } = result.value;
    const done = removed.includes("session") ? "Its session was signed out" : "Its session no longer has access";
    return { tone: "success", text: removed.includes("fast-tokens") ? `${done} and its sign-in tokens were removed.` : `${done}.` };
  }
  if (result.ok && result.value.outcome === "already-gone") return { tone: "success", text: "Its session already had no access." };
  const described = describeRevokeResult(app.session, result);
  return { ...described, text: `Session: ${described.text}` };
}

/** Two revokes, one after the other, each bounded by the core's deadline. */
const DEADLINE_SECONDS = Math.ceil((2 * REVOKE_DEADLINE_MS) / 1000);

/** Shown while the app is revoked. */
export function revokeAppProgressText(app: AppEntry): string {
  return `Removing ${appName(app)}'s app token and signing its session out… This can take up to ${DEADLINE_SECONDS} seconds.`;
}

/** The outcome of revoking the grant and then the session, as one message. */
export function describeAppRevoke(app: AppEntry, grantResult: RevokeResult, sessionResult: RevokeResult): RevokeOutcomeText {
  const name = appName(app);
  const parts = [grantPart(app, grantResult), sessionPart(app, sessionResult)];
  const detail = parts.flatMap((part, i) => (part.detail ? [`${i === 0 ? "App token" : "Session"}: ${part.detail}`] : [])).join(" ");
  const tone = parts.some((part) => part.tone === "error") ? "error" : parts.some((part) => part.tone === "warning") ? "warning" : "success";
  const result: RevokeOutcomeText = {
    tone,
    title: tone === "success" ? "Access revoked" : "Not fully revoked",
    text: `${tone === "success" ? `${name} no longer has access to your account. ` : ""}${parts.map((part) => part.text).join(" ")}`,
  };
  if (detail) result.detail = detail;
  if (parts.some((part) => part.retry)) result.retry = true;
  if (parts.some((part) => part.changePassword)) result.changePassword = true;
  return result;
}
