// What removing access did ("revoke" in the protocol, never in the UI's words), in words: only what
// the server's next list showed (the core verifies it), never more. Technical names go to `detail`, shown behind "Details".
import { defineMessage, defineMessages, type IntlShape } from "react-intl";
import { REVOKE_DEADLINE_MS, type ClientInfo, type RemovedAccess, type RevokeOutcome, type RevokeResult } from "../../src/shared/index.js";
import { clientName } from "./describe.js";
import { revokeErrorText, serverSays } from "./error-text.js";

export type RevokeOutcomeText = {
  tone: "success" | "warning" | "error";
  /** The dialog's title once the revoke has ended. */
  title: string;
  text: string;
  /** Technical detail, for a "Details" disclosure. */
  detail?: string;
  retry?: boolean;
  changePassword?: boolean;
};

const DEADLINE_SECONDS = Math.ceil(REVOKE_DEADLINE_MS / 1000);

const messages = defineMessages({
  progressSelf: defineMessage<{ seconds: number }>({ id: "revoke.progress.self", defaultMessage: "Signing this device out… This can take up to {seconds} seconds." }),
  progress: defineMessage<{ name: string; seconds: number }>({ id: "revoke.progress", defaultMessage: "Removing access from {name}… This can take up to {seconds} seconds." }),
  goneTitle: { id: "revoke.gone.title", defaultMessage: "Access removed" },
  gone: defineMessage<{ name: string; signedOut: string; removed: string }>({
    id: "revoke.gone",
    defaultMessage:
      "{name} no longer has access to your account.{signedOut, select, yes { It was signed out{removed, select, tokens { and its sign-in tokens were removed} grant { and its app token was removed} both { and its sign-in tokens and its app token were removed} other {}}.} other {{removed, select, tokens { Its sign-in tokens were removed.} grant { Its app token was removed.} both { Its sign-in tokens and its app token were removed.} other {}}}}",
    description: "signedOut: yes or no; removed: tokens, grant, both or none",
  }),
  alreadyGoneTitle: { id: "revoke.alreadyGone.title", defaultMessage: "Already without access" },
  alreadyGone: defineMessage<{ name: string }>({ id: "revoke.alreadyGone", defaultMessage: "{name} already had no access. The list has been refreshed." }),
  knowsPasswordTitle: { id: "revoke.knowsPassword.title", defaultMessage: "Not locked out: it knows your password" },
  knowsPassword: defineMessage<{ signedOut: string; removed: string }>({
    id: "revoke.knowsPassword",
    defaultMessage:
      "{signedOut, select, yes {Signed out} other {Not connected}}{removed, select, tokens { and its sign-in tokens removed} grant { and its app token removed} both { and its sign-in tokens and its app token removed} other {}} — but it still knows your password. To lock it out, change your password.",
    description: "signedOut: yes or no; removed: tokens, grant, both or none",
  }),
  signedInAgainTitle: { id: "revoke.signedInAgain.title", defaultMessage: "Signed in again" },
  signedInAgainPassword: defineMessage<{ name: string }>({
    id: "revoke.signedInAgain.password",
    defaultMessage: "{name} was signed out, but it signed in again with your password. To lock it out, change your password.",
  }),
  signedInAgainPasswordDetail: { id: "revoke.signedInAgain.passwordDetail", defaultMessage: "Afterwards, the server's list showed it connected again, signed in with the password." },
  signedInAgainToken: defineMessage<{ name: string }>({
    id: "revoke.signedInAgain.token",
    defaultMessage: "{name} was signed out, but it signed in again with a sign-in token the server kept. Try again to remove it.",
  }),
  signedInAgainTokenDetail: {
    id: "revoke.signedInAgain.tokenDetail",
    defaultMessage: "Afterwards, the server's list showed it connected again, signed in with a FAST token the server had not removed.",
  },
  signedOutSelfTitle: { id: "revoke.signedOutSelf.title", defaultMessage: "Signed out" },
  signedOutSelf: { id: "revoke.signedOutSelf", defaultMessage: "The server closed this device's session and Warden signed you out here." },
  notConfirmedTitle: { id: "revoke.notConfirmed.title", defaultMessage: "Not confirmed" },
  notConfirmed: defineMessage<{ name: string; seconds: number; connected: string }>({
    id: "revoke.notConfirmed",
    defaultMessage:
      "Warden asked the server to remove access from {name}, but couldn't confirm it within {seconds} seconds. {connected, select, yes {When Warden last checked, it was still connected} other {When Warden last checked, it was not connected}}, and it may still have access. Try again.",
    description: "connected: yes or no",
  }),
  notConfirmedDetail: defineMessage<{ seconds: number; connected: string }>({
    id: "revoke.notConfirmed.detail",
    defaultMessage:
      "{connected, select, yes {No list from the server within {seconds} s showed it gone or disconnected; the last one showed it connected.} other {No list from the server within {seconds} s showed it gone; the last one showed it disconnected.}}",
    description: "connected: yes or no",
  }),
  forbiddenTitle: { id: "revoke.forbidden.title", defaultMessage: "Access not removed" },
  forbidden: defineMessage<{ name: string }>({ id: "revoke.forbidden", defaultMessage: "The server didn't allow removing access from {name}." }),
  forbiddenText: defineMessage<{ name: string; text: string }>({ id: "revoke.forbidden.text", defaultMessage: "The server didn't allow removing access from {name}: “{text}”" }),
  forbiddenDetail: { id: "revoke.forbidden.detail", defaultMessage: "The server answered “forbidden”." },
  failedTitle: { id: "revoke.failed.title", defaultMessage: "Couldn't remove access" },
  failed: defineMessage<{ name: string }>({ id: "revoke.failed", defaultMessage: "The server couldn't remove access from {name}." }),
  retryLater: { id: "revoke.failed.retryLater", defaultMessage: "The server asked to try again later." },
  failedDetail: defineMessage<{ condition: string; wait: string }>({
    id: "revoke.failed.detail",
    defaultMessage: "The server answered “{condition}”{wait, select, yes {, error type “wait”} other {}}.",
    description: "condition: a protocol error name, kept as is; wait: yes or no",
  }),
  transportLead: defineMessage<{ name: string }>({ id: "revoke.error.transport", defaultMessage: "Warden couldn't finish removing access from {name}, so it may still have access." }),
  errorLead: defineMessage<{ name: string }>({ id: "revoke.error", defaultMessage: "Couldn't remove access from {name}." }),
});

/** Shown while a revoke runs: the core may wait for the server's close timeout before it answers. */
export function revokeProgressText(intl: IntlShape, client: ClientInfo): string {
  return client.isCurrent
    ? intl.formatMessage(messages.progressSelf, { seconds: DEADLINE_SECONDS })
    : intl.formatMessage(messages.progress, { name: clientName(intl, client), seconds: DEADLINE_SECONDS });
}

/** Which tokens went, as the messages' `removed` select says it; the session is said as "signed out". */
function removedTokens(removed: RemovedAccess[]): "tokens" | "grant" | "both" | "none" {
  const tokens = removed.includes("fast-tokens");
  const grant = removed.includes("grant");
  return tokens && grant ? "both" : tokens ? "tokens" : grant ? "grant" : "none";
}

const yesNo = (value: boolean) => (value ? "yes" : "no");

const TRANSPORT_ERRORS = new Set(["timeout", "disconnected", "protocol", "internal"]);

function outcomeText(intl: IntlShape, name: string, outcome: RevokeOutcome): RevokeOutcomeText {
  switch (outcome.outcome) {
    case "gone":
      return {
        tone: "success",
        title: intl.formatMessage(messages.goneTitle),
        text: intl.formatMessage(messages.gone, { name, signedOut: yesNo(outcome.removed.includes("session")), removed: removedTokens(outcome.removed) }),
      };
    case "already-gone":
      return { tone: "success", title: intl.formatMessage(messages.alreadyGoneTitle), text: intl.formatMessage(messages.alreadyGone, { name }) };
    case "knows-password":
      // "Signed out" only when the list saw it connected and then not; an offline client was not.
      return {
        tone: "warning",
        title: intl.formatMessage(messages.knowsPasswordTitle),
        text: intl.formatMessage(messages.knowsPassword, { signedOut: yesNo(outcome.removed.includes("session")), removed: removedTokens(outcome.removed) }),
        changePassword: true,
      };
    case "signed-in-again":
      return outcome.with === "password"
        ? {
            tone: "warning",
            title: intl.formatMessage(messages.signedInAgainTitle),
            text: intl.formatMessage(messages.signedInAgainPassword, { name }),
            detail: intl.formatMessage(messages.signedInAgainPasswordDetail),
            changePassword: true,
          }
        : {
            tone: "warning",
            title: intl.formatMessage(messages.signedInAgainTitle),
            text: intl.formatMessage(messages.signedInAgainToken, { name }),
            detail: intl.formatMessage(messages.signedInAgainTokenDetail),
            retry: true,
          };
    case "signed-out-self":
      return { tone: "success", title: intl.formatMessage(messages.signedOutSelfTitle), text: intl.formatMessage(messages.signedOutSelf) };
    case "not-confirmed": {
      const connected = yesNo(outcome.connected);
      return {
        tone: "warning",
        title: intl.formatMessage(messages.notConfirmedTitle),
        text: intl.formatMessage(messages.notConfirmed, { name, seconds: DEADLINE_SECONDS, connected }),
        detail: intl.formatMessage(messages.notConfirmedDetail, { seconds: DEADLINE_SECONDS, connected }),
        retry: true,
      };
    }
    case "forbidden":
      return {
        tone: "error",
        title: intl.formatMessage(messages.forbiddenTitle),
        text: outcome.text ? intl.formatMessage(messages.forbiddenText, { name, text: outcome.text }) : intl.formatMessage(messages.forbidden, { name }),
        detail: intl.formatMessage(messages.forbiddenDetail),
      };
    case "failed":
      return {
        tone: "error",
        title: intl.formatMessage(messages.failedTitle),
        text: `${intl.formatMessage(messages.failed, { name })}${serverSays(intl, outcome.text)}${outcome.retryLater ? ` ${intl.formatMessage(messages.retryLater)}` : ""}`,
        detail: intl.formatMessage(messages.failedDetail, { condition: outcome.condition, wait: yesNo(outcome.retryLater) }),
        retry: true,
      };
  }
}

export function describeRevokeResult(intl: IntlShape, client: ClientInfo, result: RevokeResult): RevokeOutcomeText {
  const name = clientName(intl, client);
  if (result.ok) return outcomeText(intl, name, result.value);
  const { error } = result;
  // A transport error may come after the server already did part of the revoke.
  const lead = intl.formatMessage(TRANSPORT_ERRORS.has(error.kind) ? messages.transportLead : messages.errorLead, { name });
  const { text, detail } = revokeErrorText(intl, error);
  const described: RevokeOutcomeText = { tone: "error", title: intl.formatMessage(messages.failedTitle), text: `${lead} ${text}`, retry: error.kind !== "unsupported" };
  if (detail !== undefined) described.detail = detail;
  return described;
}

/** Whether the entry is confirmed without access, so nothing is left to do about it. */
export function revokedForGood(outcome: RevokeOutcome): boolean {
  switch (outcome.outcome) {
    case "gone":
    case "already-gone":
      return true;
    case "knows-password":
    case "signed-in-again":
    case "signed-out-self":
    case "not-confirmed":
    case "forbidden":
    case "failed":
      return false;
  }
}
