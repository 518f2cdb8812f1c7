// Every error the UI shows, in plain words: what happened and what to do. The system's or server's own
// text (error codes, SCRAM sentences, stanza conditions) goes to `detail`, shown behind "Details".
import { defineMessage, defineMessages, type IntlShape, type MessageDescriptor } from "react-intl";
import type { AccountError, ChangePasswordError, ListError, Protection, RequestError, RevokeError } from "../../src/shared/index.js";
import { domainOf } from "./jid-domain.js";

export type ErrorText = {
  text: string;
  /** Technical detail for a "Details" disclosure. */
  detail?: string;
};

const messages = defineMessages({
  serverSaid: defineMessage<{ text: string }>({ id: "error.serverSaid", defaultMessage: "The server said: “{text}”", description: "The server's own words, quoted as sent" }),
  serverAnswered: { id: "error.serverAnswered", defaultMessage: "The server answered.", description: "Details: the server answered with no condition and no text" },
  serverAnsweredText: defineMessage<{ text: string }>({ id: "error.serverAnsweredText", defaultMessage: "The server answered: “{text}”" }),
  serverAnsweredCondition: defineMessage<{ condition: string }>({ id: "error.serverAnsweredCondition", defaultMessage: "The server answered “{condition}”.", description: "condition: a protocol error name such as “not-acceptable”, kept as is" }),
  serverAnsweredConditionText: defineMessage<{ condition: string; text: string }>({ id: "error.serverAnsweredConditionText", defaultMessage: "The server answered “{condition}”: “{text}”" }),
  notSignedIn: { id: "error.request.notSignedIn", defaultMessage: "You're not signed in any more. Sign in and try again." },
  invalidRequest: { id: "error.request.invalid", defaultMessage: "Warden sent a request it couldn't accept. Try again." },
  timeout: { id: "error.request.timeout", defaultMessage: "The server didn't answer in time. Check your connection and try again." },
  disconnected: { id: "error.request.disconnected", defaultMessage: "The connection to the server dropped. Warden is reconnecting; try again in a moment." },
  protocol: { id: "error.request.protocol", defaultMessage: "The server's answer didn't make sense to Warden. Try again; if it keeps happening, tell your server's administrator." },
  internal: { id: "error.request.internal", defaultMessage: "Something went wrong inside Warden. Try again." },
  notFoundName: defineMessage<{ name: string }>({ id: "error.network.notFoundName", defaultMessage: "Couldn't find a server for {name}. Check the address, or enter the server's host under Advanced." }),
  notFound: { id: "error.network.notFound", defaultMessage: "Couldn't find the server. Check the address, or enter the server's host under Advanced." },
  lookupFailed: { id: "error.network.lookupFailed", defaultMessage: "Couldn't look up the server. Check your internet connection and try again." },
  refusedAt: defineMessage<{ where: string }>({ id: "error.network.refusedAt", defaultMessage: "The server at {where} isn't answering. Check the address and port, or try again later.", description: "where: “127.0.0.1:5999”" }),
  refused: { id: "error.network.refused", defaultMessage: "The server isn't answering. Check the address and port, or try again later." },
  reset: { id: "error.network.reset", defaultMessage: "The connection to the server was cut off. Try again." },
  unreachableAt: defineMessage<{ where: string }>({ id: "error.network.unreachableAt", defaultMessage: "Couldn't reach the server at {where}. Check your internet connection." }),
  unreachable: { id: "error.network.unreachable", defaultMessage: "Couldn't reach the server. Check your internet connection." },
  network: { id: "error.network.other", defaultMessage: "Couldn't reach the server. Check the address, your connection and the advanced server settings." },
  authIncomplete: { id: "error.auth.incomplete", defaultMessage: "Warden couldn't complete the sign-in with this server. Try again." },
  authRefused: { id: "error.auth.refused", defaultMessage: "The server didn't accept the sign-in." },
  forgetServer: { id: "error.forgetServer", defaultMessage: "Forget what Warden knows about this server", description: "An action in Account details; the same words wherever a message points there" },
  onlyIfAdministrator: defineMessage<{ action: string }>({ id: "error.onlyIfAdministrator", defaultMessage: "Only if your server's administrator changed its setup, open Account details and choose “{action}”." }),
  nothingSent: { id: "error.nothingSent", defaultMessage: "Your password and sign-in token were not sent." },
  lostSome: defineMessage<{ lost: string }>({ id: "error.downgrade.lost", defaultMessage: "The server used to {lost} and now does not.", description: "lost: one or more of error.downgrade.lost.*, joined with “and”" }),
  lostUnknown: { id: "error.downgrade.lostUnknown", defaultMessage: "The server offers less protection than before." },
  downgrade: defineMessage<{ what: string; nothingSent: string; onlyIf: string }>({ id: "error.downgrade", defaultMessage: "Warden did not sign in. {what} This can be an attack. {nothingSent} {onlyIf}" }),
  downgradeDetail: defineMessage<{ terms: string }>({ id: "error.downgrade.detail", defaultMessage: "Offered at an earlier sign-in, missing now: {terms}." }),
  certificateChanged: defineMessage<{ reason: string; nothingSent: string; onlyIf: string }>({ id: "error.certificate.changed", defaultMessage: "Warden can no longer verify the server's certificate: {reason}. This can be an attack. {nothingSent} {onlyIf}", description: "reason: the system's own words about the certificate" }),
  certificate: defineMessage<{ reason: string }>({ id: "error.certificate", defaultMessage: "Warden couldn't verify the server's certificate: {reason}" }),
  noEncryption: defineMessage<{ nothingSent: string }>({ id: "error.insecure.noEncryption", defaultMessage: "The server did not offer encryption, so Warden did not sign in. {nothingSent}" }),
  noAuthentication: defineMessage<{ nothingSent: string }>({ id: "error.insecure.noAuthentication", defaultMessage: "The server did not ask you to sign in: it offered to go on without checking who you are, so Warden stopped. {nothingSent}" }),
  malformed: { id: "error.malformed", defaultMessage: "The server sent data Warden could not read, so Warden disconnected." },
  malformedTooLarge: defineMessage<{ detail: string }>({ id: "error.malformed.tooLarge", defaultMessage: "A stanza was over the size limit: {detail}" }),
  malformedXml: defineMessage<{ detail: string }>({ id: "error.malformed.xml", defaultMessage: "The XML was not well-formed: {detail}" }),
  serverUnsupported: { id: "error.serverUnsupported", defaultMessage: "This server doesn't offer a safe way for Warden to sign in: it needs encryption (TLS) and a sign-in that never sends your password." },
  invalidJid: { id: "error.invalidJid", defaultMessage: "That isn't a valid XMPP address. It looks like name@example.org." },
  unsupportedTitle: { id: "error.unsupported.title", defaultMessage: "This server can't show which clients have access" },
  unsupportedAdvice: {
    id: "error.unsupported.advice",
    defaultMessage: "Your server's administrator can turn it on: enable mod_client_management on Prosody 13 or later, or use a server that supports Client Access Management (XEP-0494).",
  },
  forbiddenTitle: { id: "error.list.forbidden.title", defaultMessage: "Your account isn't allowed to list its clients" },
  forbiddenDetail: { id: "error.list.forbidden.detail", defaultMessage: "Ask your server's administrator for access." },
  serverErrorTitle: { id: "error.list.serverError.title", defaultMessage: "The server couldn't list your clients" },
  serverErrorDetail: { id: "error.list.serverError.detail", defaultMessage: "Try again in a moment." },
  timeoutTitle: { id: "error.list.timeout.title", defaultMessage: "The server didn't answer in time" },
  timeoutDetail: { id: "error.list.timeout.detail", defaultMessage: "Check your connection, then try again." },
  disconnectedTitle: { id: "error.list.disconnected.title", defaultMessage: "The connection dropped" },
  disconnectedDetail: { id: "error.list.disconnected.detail", defaultMessage: "Warden reconnects on its own. Try again in a moment." },
  notSignedInTitle: { id: "error.list.notSignedIn.title", defaultMessage: "You're not signed in" },
  notSignedInDetail: { id: "error.list.notSignedIn.detail", defaultMessage: "Sign in again to see your clients." },
  listFailedTitle: { id: "error.list.failed.title", defaultMessage: "Couldn't load your clients" },
  revokeUnsupported: { id: "error.revoke.unsupported", defaultMessage: "This server can't remove access from clients: it needs Client Access Management (XEP-0494) or Prosody's mod_client_management." },
  confirmationRequired: { id: "error.revoke.confirmationRequired", defaultMessage: "Signing out this device needs your confirmation." },
  emptyPassword: { id: "error.password.empty", defaultMessage: "Enter a new password." },
  sameAsCurrent: { id: "error.password.sameAsCurrent", defaultMessage: "The new password must be different from your current one." },
  wrongCurrent: { id: "error.password.wrongCurrent", defaultMessage: "The current password is wrong. Nothing was changed." },
  currentUnverified: { id: "error.password.currentUnverified", defaultMessage: "Warden couldn't check your current password, so nothing was changed. Try again." },
  refusedPassword: { id: "error.password.refused", defaultMessage: "The server refused the new password." },
  changedButSignInFailed: { id: "error.password.changedButSignInFailed", defaultMessage: "Your password was changed, but signing in again with it failed. Sign in with your new password." },
});

/** " The server said: “…”", or nothing when it sent no text. */
export function serverSays(intl: IntlShape, text: string | undefined): string {
  return text ? ` ${intl.formatMessage(messages.serverSaid, { text })}` : "";
}

/** `The server answered “condition”: “text”.`, for Details. */
function serverAnswered(intl: IntlShape, condition: string | undefined, text: string | undefined): string | undefined {
  if (condition === undefined && text === undefined) return undefined;
  if (condition === undefined) return text ? intl.formatMessage(messages.serverAnsweredText, { text }) : intl.formatMessage(messages.serverAnswered);
  return text ? intl.formatMessage(messages.serverAnsweredConditionText, { condition, text }) : intl.formatMessage(messages.serverAnsweredCondition, { condition });
}

function withDetail(text: string, detail: string | undefined): ErrorText {
  return detail === undefined ? { text } : { text, detail };
}

export function requestErrorText(intl: IntlShape, error: RequestError): ErrorText {
  switch (error.kind) {
    case "not-signed-in":
      return { text: intl.formatMessage(messages.notSignedIn) };
    case "invalid-request":
      return { text: intl.formatMessage(messages.invalidRequest), detail: error.detail };
    case "timeout":
      return { text: intl.formatMessage(messages.timeout) };
    case "disconnected":
      return { text: intl.formatMessage(messages.disconnected) };
    case "protocol":
      return { text: intl.formatMessage(messages.protocol), detail: error.detail };
    case "internal":
      return { text: intl.formatMessage(messages.internal), detail: error.message };
  }
}

/** One line for places with room for a sentence only (notices, progress lists). */
export function requestErrorMessage(intl: IntlShape, error: RequestError): string {
  return requestErrorText(intl, error).text;
}

/** A host and port as people write them: "127.0.0.1:5999", "[::1]:5222". */
function address(host: string, port: number | undefined): string {
  const shown = host.includes(":") ? `[${host}]` : host;
  return port === undefined ? shown : `${shown}:${port}`;
}

/** The name a failed lookup was about: the host tried without an SRV prefix, else the account's domain. */
function lookedUp(host: string | undefined, jid: string | undefined): string | undefined {
  const name = host?.replace(/^_[^.]+\._[^.]+\./, "");
  return name || (jid ? domainOf(jid) : undefined);
}

function networkText(intl: IntlShape, error: Extract<AccountError, { kind: "network" }>, jid: string | undefined): ErrorText {
  const detail = error.code && !error.message.includes(error.code) ? `${error.message} (${error.code})` : error.message;
  const where = error.host === undefined ? undefined : address(error.host, error.port);
  const say = (message: MessageDescriptor) => ({ text: intl.formatMessage(message), detail });
  switch (error.code) {
    case "ENOTFOUND": {
      const name = lookedUp(error.host, jid);
      return name ? { text: intl.formatMessage(messages.notFoundName, { name }), detail } : say(messages.notFound);
    }
    case "EAI_AGAIN":
      return say(messages.lookupFailed);
    case "ECONNREFUSED":
      return where ? { text: intl.formatMessage(messages.refusedAt, { where }), detail } : say(messages.refused);
    case "ETIMEDOUT":
      return say(messages.timeout);
    case "ECONNRESET":
    case "EPIPE":
      return say(messages.reset);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return where ? { text: intl.formatMessage(messages.unreachableAt, { where }), detail } : say(messages.unreachable);
    default:
      return say(messages.network);
  }
}

const AUTH_CONDITIONS: Record<string, MessageDescriptor> = defineMessages({
  "not-authorized": { id: "error.auth.notAuthorized", defaultMessage: "Wrong password. Check the password and the address, then try again." },
  "account-disabled": { id: "error.auth.accountDisabled", defaultMessage: "This account is disabled. Ask your server's administrator." },
  "credentials-expired": { id: "error.auth.credentialsExpired", defaultMessage: "Your password has expired. Change it with your server's website or another app, then sign in." },
  "temporary-auth-failure": { id: "error.auth.temporaryFailure", defaultMessage: "The server couldn't check your password right now. Try again in a moment." },
});

function authFailedText(intl: IntlShape, error: Extract<AccountError, { kind: "auth-failed" }>): ErrorText {
  // Without a condition, Warden itself stopped the exchange (the server's proof didn't check out).
  if (error.condition === undefined) return withDetail(intl.formatMessage(messages.authIncomplete), error.text);
  const known = Object.hasOwn(AUTH_CONDITIONS, error.condition) ? AUTH_CONDITIONS[error.condition] : undefined;
  return withDetail(known ? intl.formatMessage(known) : intl.formatMessage(messages.authRefused), serverAnswered(intl, error.condition, error.text));
}

/** The protection's technical name, for Details. */
const PROTECTION_TERMS = defineMessages({
  "ca-verified-certificate": { id: "error.downgrade.term.caCertificate", defaultMessage: "a CA-verified TLS certificate" },
  scram: { id: "error.downgrade.term.scram", defaultMessage: "SCRAM" },
  "channel-binding": { id: "error.downgrade.term.channelBinding", defaultMessage: "SCRAM channel binding" },
  "fast-channel-binding": { id: "error.downgrade.term.fastChannelBinding", defaultMessage: "channel binding of the FAST token (XEP-0484)" },
  "downgrade-protection": { id: "error.downgrade.term.downgradeProtection", defaultMessage: "a signed SASL mechanism list (XEP-0474)" },
}) satisfies Record<Protection, unknown>;

/** What the server did before, as "The server used to … and now does not" reads. */
const LOST_PROTECTION = defineMessages({
  "ca-verified-certificate": { id: "error.downgrade.lost.caCertificate", defaultMessage: "prove who it is with a certificate signed by a trusted authority", description: "After “The server used to”" },
  scram: { id: "error.downgrade.lost.scram", defaultMessage: "let Warden sign in without sending your password", description: "After “The server used to”" },
  "channel-binding": { id: "error.downgrade.lost.channelBinding", defaultMessage: "prove the connection was not intercepted", description: "After “The server used to”" },
  "fast-channel-binding": { id: "error.downgrade.lost.fastChannelBinding", defaultMessage: "tie this device's saved sign-in to the connection", description: "After “The server used to”" },
  "downgrade-protection": { id: "error.downgrade.lost.downgradeProtection", defaultMessage: "protect its list of sign-in methods against tampering", description: "After “The server used to”" },
}) satisfies Record<Protection, unknown>;

/** Where to go when a server really changed; the same words in every message that points there. */
export function forgetServerAction(intl: IntlShape): string {
  return intl.formatMessage(messages.forgetServer);
}

function onlyIfAdministrator(intl: IntlShape): string {
  return intl.formatMessage(messages.onlyIfAdministrator, { action: forgetServerAction(intl) });
}

function downgradeText(intl: IntlShape, lost: Protection[]): ErrorText {
  const and = (words: string[]) => intl.formatList(words, { type: "conjunction" });
  const what =
    lost.length > 0
      ? intl.formatMessage(messages.lostSome, { lost: and(lost.map((p) => intl.formatMessage(LOST_PROTECTION[p]))) })
      : intl.formatMessage(messages.lostUnknown);
  return withDetail(
    intl.formatMessage(messages.downgrade, { what, nothingSent: intl.formatMessage(messages.nothingSent), onlyIf: onlyIfAdministrator(intl) }),
    lost.length > 0 ? intl.formatMessage(messages.downgradeDetail, { terms: and(lost.map((p) => intl.formatMessage(PROTECTION_TERMS[p]))) }) : undefined,
  );
}

/** A sign-in's failure. `jid`: the account tried, named when the error itself doesn't say where. */
export function signInErrorText(intl: IntlShape, error: AccountError | RequestError, jid?: string): ErrorText {
  const nothingSent = intl.formatMessage(messages.nothingSent);
  switch (error.kind) {
    case "auth-failed":
      return authFailedText(intl, error);
    case "certificate":
      return error.caVerifiedBefore
        ? { text: intl.formatMessage(messages.certificateChanged, { reason: error.reason, nothingSent, onlyIf: onlyIfAdministrator(intl) }) }
        : { text: intl.formatMessage(messages.certificate, { reason: error.reason }) };
    case "insecure-stream":
      return { text: intl.formatMessage(error.reason === "no-encryption" ? messages.noEncryption : messages.noAuthentication, { nothingSent }) };
    case "downgrade":
      return downgradeText(intl, error.lost);
    case "malformed-stream":
      return {
        text: intl.formatMessage(messages.malformed),
        detail: intl.formatMessage(error.reason === "too-large" ? messages.malformedTooLarge : messages.malformedXml, { detail: error.detail }),
      };
    case "network":
      return networkText(intl, error, jid);
    case "server-unsupported":
      return { text: intl.formatMessage(messages.serverUnsupported), detail: error.detail };
    case "timeout":
      return { text: intl.formatMessage(messages.timeout) };
    case "invalid-jid":
      return { text: intl.formatMessage(messages.invalidJid), detail: error.detail };
    default:
      return requestErrorText(intl, error);
  }
}

/** A server without the manage-clients protocol, as the unsupported-server screen and any list error say it. */
export function unsupportedText(intl: IntlShape): { title: string; advice: string } {
  return { title: intl.formatMessage(messages.unsupportedTitle), advice: intl.formatMessage(messages.unsupportedAdvice) };
}

export type ListErrorText = { title: string; detail: string; retry: boolean; technical?: string };

export function listErrorText(intl: IntlShape, error: ListError): ListErrorText {
  const say = (title: MessageDescriptor, detail: MessageDescriptor, retry: boolean) => ({ title: intl.formatMessage(title), detail: intl.formatMessage(detail), retry });
  switch (error.kind) {
    case "unsupported": {
      const { title, advice } = unsupportedText(intl);
      return { title, detail: advice, retry: false };
    }
    case "forbidden":
      return { ...say(messages.forbiddenTitle, messages.forbiddenDetail, false), ...technical(serverAnswered(intl, "forbidden", error.text)) };
    case "server-error":
      return { ...say(messages.serverErrorTitle, messages.serverErrorDetail, true), ...technical(serverAnswered(intl, error.condition, error.text)) };
    case "timeout":
      return say(messages.timeoutTitle, messages.timeoutDetail, true);
    case "disconnected":
      return say(messages.disconnectedTitle, messages.disconnectedDetail, true);
    case "not-signed-in":
      return say(messages.notSignedInTitle, messages.notSignedInDetail, true);
    default: {
      const { text, detail } = requestErrorText(intl, error);
      return { title: intl.formatMessage(messages.listFailedTitle), detail: text, retry: true, ...technical(detail) };
    }
  }
}

function technical(detail: string | undefined): { technical?: string } {
  return detail === undefined ? {} : { technical: detail };
}

export function revokeErrorText(intl: IntlShape, error: RevokeError): ErrorText {
  switch (error.kind) {
    case "unsupported":
      return { text: intl.formatMessage(messages.revokeUnsupported) };
    case "confirmation-required":
      return { text: intl.formatMessage(messages.confirmationRequired) };
    default:
      return requestErrorText(intl, error);
  }
}

const REFUSED_CONDITIONS: Record<string, MessageDescriptor> = defineMessages({
  "not-acceptable": { id: "error.password.notAcceptable", defaultMessage: "The server didn't accept the new password (it may be too short or too simple)." },
  "not-allowed": { id: "error.password.notAllowed", defaultMessage: "The server doesn't allow changing the password for this account." },
  "not-authorized": { id: "error.password.notAuthorized", defaultMessage: "The server didn't accept your current password." },
  forbidden: { id: "error.password.forbidden", defaultMessage: "The server doesn't allow this account to change its password." },
  "feature-not-implemented": { id: "error.password.notSupported", defaultMessage: "This server doesn't support changing the password from an app." },
  "service-unavailable": { id: "error.password.notSupported", defaultMessage: "This server doesn't support changing the password from an app." },
});

export function changePasswordErrorText(intl: IntlShape, error: ChangePasswordError): ErrorText {
  switch (error.kind) {
    case "empty-password":
      return { text: intl.formatMessage(messages.emptyPassword) };
    case "same-as-current":
      return { text: intl.formatMessage(messages.sameAsCurrent) };
    case "wrong-current-password":
      return { text: intl.formatMessage(messages.wrongCurrent) };
    case "current-password-unverified":
      return { text: intl.formatMessage(messages.currentUnverified), detail: error.detail };
    case "refused": {
      // The server's words may say what it wants (a length, a rule): they stay in view.
      const known = Object.hasOwn(REFUSED_CONDITIONS, error.condition) ? REFUSED_CONDITIONS[error.condition] : undefined;
      return {
        text: `${known ? intl.formatMessage(known) : intl.formatMessage(messages.refusedPassword)}${serverSays(intl, error.text)}`,
        detail: intl.formatMessage(messages.serverAnsweredCondition, { condition: error.condition }),
      };
    }
    case "changed-but-sign-in-failed":
      return { text: intl.formatMessage(messages.changedButSignInFailed), detail: error.detail };
    default:
      return requestErrorText(intl, error);
  }
}
