// What revoking an app (its app token, then its session) did, in words: each part says only what the
// server's next list showed for that entry (the core verifies each revoke); a part that did not go
// through is named ("App token: …", "Session: …") with the words a single revoke would use.
import { defineMessage, defineMessages, type IntlShape } from "react-intl";
import { REVOKE_DEADLINE_MS, type RevokeResult } from "../../src/shared/index.js";
import { rowName } from "./describe.js";
import type { AppEntry } from "./group-apps.js";
import { describeRevokeResult, type RevokeOutcomeText } from "./revoke-outcome-text.js";

const messages = defineMessages({
  grantGone: { id: "revokeApp.grant.gone", defaultMessage: "Its app token was removed." },
  grantAlreadyGone: { id: "revokeApp.grant.alreadyGone", defaultMessage: "Its app token was already gone." },
  grantPart: defineMessage<{ text: string }>({ id: "revokeApp.grant.part", defaultMessage: "App token: {text}" }),
  sessionGone: defineMessage<{ signedOut: string; tokens: string }>({
    id: "revokeApp.session.gone",
    defaultMessage:
      "{signedOut, select, yes {Its session was signed out} other {Its session no longer has access}}{tokens, select, yes { and its sign-in tokens were removed} other {}}.",
    description: "signedOut, tokens: yes or no",
  }),
  sessionAlreadyGone: { id: "revokeApp.session.alreadyGone", defaultMessage: "Its session already had no access." },
  sessionPart: defineMessage<{ text: string }>({ id: "revokeApp.session.part", defaultMessage: "Session: {text}" }),
  progress: defineMessage<{ name: string; seconds: number }>({
    id: "revokeApp.progress",
    defaultMessage: "Removing {name}'s app token and signing its session out… This can take up to {seconds} seconds.",
  }),
  goneTitle: { id: "revoke.gone.title", defaultMessage: "Access removed" },
  partlyTitle: { id: "revokeApp.partly.title", defaultMessage: "Access not fully removed" },
  gone: defineMessage<{ name: string }>({ id: "revokeApp.gone", defaultMessage: "{name} no longer has access to your account." }),
});

type Part = Omit<RevokeOutcomeText, "title">;

function grantPart(intl: IntlShape, app: AppEntry, result: RevokeResult): Part {
  if (result.ok && result.value.outcome === "gone") return { tone: "success", text: intl.formatMessage(messages.grantGone) };
  if (result.ok && result.value.outcome === "already-gone") return { tone: "success", text: intl.formatMessage(messages.grantAlreadyGone) };
  const described = describeRevokeResult(intl, app.grant, result);
  return { ...described, text: intl.formatMessage(messages.grantPart, { text: described.text }) };
}

function sessionPart(intl: IntlShape, app: AppEntry, result: RevokeResult): Part {
  if (result.ok && result.value.outcome === "gone") {
    const { removed } = result.value;
    const yesNo = (value: boolean) => (value ? "yes" : "no");
    return { tone: "success", text: intl.formatMessage(messages.sessionGone, { signedOut: yesNo(removed.includes("session")), tokens: yesNo(removed.includes("fast-tokens")) }) };
  }
  if (result.ok && result.value.outcome === "already-gone") return { tone: "success", text: intl.formatMessage(messages.sessionAlreadyGone) };
  const described = describeRevokeResult(intl, app.session, result);
  return { ...described, text: intl.formatMessage(messages.sessionPart, { text: described.text }) };
}

/** Two revokes, one after the other, each bounded by the core's deadline. */
const DEADLINE_SECONDS = Math.ceil((2 * REVOKE_DEADLINE_MS) / 1000);

/** Shown while the app's access is removed. */
export function revokeAppProgressText(intl: IntlShape, app: AppEntry): string {
  return intl.formatMessage(messages.progress, { name: rowName(intl, app), seconds: DEADLINE_SECONDS });
}

/** The outcome of revoking the grant and then the session, as one message. */
export function describeAppRevoke(intl: IntlShape, app: AppEntry, grantResult: RevokeResult, sessionResult: RevokeResult): RevokeOutcomeText {
  const name = rowName(intl, app);
  const parts = [grantPart(intl, app, grantResult), sessionPart(intl, app, sessionResult)];
  const detail = parts
    .flatMap((part, i) => (part.detail ? [intl.formatMessage(i === 0 ? messages.grantPart : messages.sessionPart, { text: part.detail })] : []))
    .join(" ");
  const tone = parts.some((part) => part.tone === "error") ? "error" : parts.some((part) => part.tone === "warning") ? "warning" : "success";
  const partsText = parts.map((part) => part.text).join(" ");
  const result: RevokeOutcomeText = {
    tone,
    title: intl.formatMessage(tone === "success" ? messages.goneTitle : messages.partlyTitle),
    text: tone === "success" ? `${intl.formatMessage(messages.gone, { name })} ${partsText}` : partsText,
  };
  if (detail) result.detail = detail;
  if (parts.some((part) => part.retry)) result.retry = true;
  if (parts.some((part) => part.changePassword)) result.changePassword = true;
  return result;
}
