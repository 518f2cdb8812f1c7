// Every message the UI shows about the contract's values, in one place, in plain words.
import type {
  AccountError,
  AccountState,
  ChangePasswordError,
  ClientInfo,
  ListError,
  Permission,
  Protection,
  RequestError,
  RevokeError,
} from "../../src/shared/index.js";
import { displayText } from "./display-text.js";

const AUTH_METHOD_LABELS: Record<string, string> = {
  password: "Password",
  token: "App token",
  fast: "Fast reconnect",
};

/** Known sign-in methods in words; anything else the server sent, as sent. */
export function authMethodLabel(method: string): string {
  return AUTH_METHOD_LABELS[method] ?? method;
}

export function kindLabel(kind: ClientInfo["kind"]): string {
  return kind === "session" ? "Session" : "App access";
}

const PERMISSION_LABELS: Record<Permission, string> = {
  unrestricted: "Full access",
  normal: "Normal access",
  restricted: "Restricted access",
};

export function permissionLabel(permission: Permission): string {
  return PERMISSION_LABELS[permission];
}

// Names below are the client's own words: every one goes through displayText (no bidi or invisible tricks).

/** The software's name, or its id when it sent no name; undefined when neither has anything visible. */
export function softwareName(client: ClientInfo): string | undefined {
  return displayText(client.userAgent.software) ?? displayText(client.userAgent.softwareId);
}

/** "Conversations 2.15.3", or what identifies it best when the server sent no software name. */
export function softwareLabel(client: ClientInfo): string {
  const name = softwareName(client) ?? "Unknown software";
  const version = displayText(client.userAgent.softwareVersion);
  return version ? `${name} ${version}` : name;
}

export function deviceLabel(client: ClientInfo): string {
  return displayText(client.userAgent.device) ?? "Unknown device";
}

/** "Conversations on Pixel 8", for dialogs and announcements. */
export function clientName(client: ClientInfo): string {
  const name = softwareName(client) ?? "Unknown software";
  const device = displayText(client.userAgent.device);
  return device ? `${name} on ${device}` : name;
}

/** " The server said: “…”", or nothing when it sent no text. */
export function serverSays(text: string | undefined): string {
  return text ? ` The server said: “${text}”` : "";
}

export function requestErrorMessage(error: RequestError): string {
  switch (error.kind) {
    case "not-signed-in":
      return "You're not signed in any more. Sign in and try again.";
    case "invalid-request":
      return `Warden sent a request the app couldn't accept (${error.detail}).`;
    case "timeout":
      return "The server didn't answer in time. Check your connection and try again.";
    case "disconnected":
      return "The connection to the server dropped. Warden is reconnecting; try again in a moment.";
    case "protocol":
      return `The server's answer didn't follow the protocol (${error.detail}).`;
    case "internal":
      return `Something went wrong inside Warden: ${error.message}`;
  }
}

const PROTECTION_LABELS: Record<Protection, string> = {
  "ca-verified-certificate": "Certificate signed by a trusted authority",
  scram: "Password never sent (SCRAM)",
  "channel-binding": "Bound to this connection (channel binding)",
  "fast-channel-binding": "Reconnect token bound to the connection",
  "downgrade-protection": "Sign-in methods protected against tampering (XEP-0474)",
};

export function protectionLabel(protection: Protection): string {
  return PROTECTION_LABELS[protection];
}

/** What the server did before, as "The server used to … and now does not" reads. */
const LOST_PROTECTION: Record<Protection, string> = {
  "ca-verified-certificate": "prove who it is with a certificate signed by a trusted authority",
  scram: "let Warden sign in without sending your password",
  "channel-binding": "prove the connection was not intercepted",
  "fast-channel-binding": "tie this device's saved sign-in to the connection",
  "downgrade-protection": "protect its list of sign-in methods against tampering",
};

/** The same protections by their technical names, for the "Details" of a downgrade. */
const PROTECTION_TERMS: Record<Protection, string> = {
  "ca-verified-certificate": "a CA-verified TLS certificate",
  scram: "SCRAM",
  "channel-binding": "SCRAM channel binding",
  "fast-channel-binding": "channel binding of the FAST token (XEP-0484)",
  "downgrade-protection": "a signed SASL mechanism list (XEP-0474)",
};

/** "a", "a and b", "a, b and c". */
export function inWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Where to go when a server really changed; the same words in every message that points there. */
export const FORGET_SERVER_ACTION = "Forget what Warden knows about this server";
const ONLY_IF_ADMINISTRATOR = `Only if your server's administrator changed its setup, open Account details and choose “${FORGET_SERVER_ACTION}”.`;

function downgradeMessage(lost: Protection[]): string {
  const what = lost.length > 0 ? `The server used to ${inWords(lost.map((p) => LOST_PROTECTION[p]))} and now does not.` : "The server offers less protection than before.";
  return `Warden did not sign in. ${what} This can be an attack. Your password and sign-in token were not sent. ${ONLY_IF_ADMINISTRATOR}`;
}

export function signInErrorMessage(error: AccountError | RequestError): string {
  switch (error.kind) {
    case "auth-failed":
      return error.condition === "account-disabled"
        ? `This account is disabled.${serverSays(error.text)}`
        : `Wrong address or password.${serverSays(error.text)}`;
    case "certificate":
      return error.caVerifiedBefore
        ? `Warden can no longer verify the server's certificate: ${error.reason}. This can be an attack. Your password and sign-in token were not sent. ${ONLY_IF_ADMINISTRATOR}`
        : `Warden couldn't verify the server's certificate: ${error.reason}`;
    case "insecure-stream":
      return error.reason === "no-encryption"
        ? "The server did not offer encryption, so Warden did not sign in. Your password and sign-in token were not sent."
        : "The server did not ask you to sign in: it offered to go on without checking who you are, so Warden stopped. Your password and sign-in token were not sent.";
    case "downgrade":
      return downgradeMessage(error.lost);
    case "malformed-stream":
      return "The server sent data Warden could not read; disconnected.";
    case "network":
      return `Couldn't reach the server: ${error.message}. Check the address, your connection and the advanced server settings.`;
    case "server-unsupported":
      return `This server can't be used with Warden: ${error.detail}`;
    case "timeout":
      return "The server didn't answer in time. Check your connection and try again.";
    case "invalid-jid":
      return `That isn't a valid XMPP address (${error.detail}). It looks like name@example.org.`;
    default:
      return requestErrorMessage(error);
  }
}

/** Technical detail for a "Details" disclosure, for the errors that carry some. */
export function signInErrorDetail(error: AccountError | RequestError): string | null {
  if (error.kind === "downgrade") {
    return error.lost.length > 0 ? `Offered at an earlier sign-in, missing now: ${inWords(error.lost.map((p) => PROTECTION_TERMS[p]))}.` : null;
  }
  if (error.kind !== "malformed-stream") return null;
  return `${error.reason === "too-large" ? "A stanza was over the size limit" : "The XML was not well-formed"}: ${error.detail}`;
}

export type ListErrorText = { title: string; detail: string; retry: boolean };

export function listErrorText(error: ListError): ListErrorText {
  switch (error.kind) {
    case "unsupported":
      return {
        title: "This server can't show which clients have access",
        detail:
          "Warden needs the server to support Client Access Management (XEP-0494) or Prosody's mod_client_management (Prosody 13 or later). Ask your server's administrator to enable it.",
        retry: false,
      };
    case "forbidden":
      return {
        title: "Your account isn't allowed to list its clients",
        detail: `The server refused the request for this account's role.${serverSays(error.text)} Ask your server's administrator for access.`,
        retry: false,
      };
    case "server-error":
      return {
        title: "The server couldn't list your clients",
        detail: `It answered “${error.condition}”.${serverSays(error.text)}`,
        retry: true,
      };
    case "timeout":
      return { title: "The server didn't answer in time", detail: "Check your connection, then try again.", retry: true };
    case "disconnected":
      return { title: "The connection dropped", detail: "Warden reconnects on its own. Try again in a moment.", retry: true };
    case "not-signed-in":
      return { title: "You're not signed in", detail: "Sign in again to see your clients.", retry: true };
    default:
      return { title: "Couldn't load your clients", detail: requestErrorMessage(error), retry: true };
  }
}

export function revokeErrorMessage(error: RevokeError): string {
  switch (error.kind) {
    case "unsupported":
      return "This server doesn't support revoking clients (it needs XEP-0494 or Prosody's mod_client_management).";
    case "confirmation-required":
      return "Revoking this device signs you out, and that needs your confirmation.";
    default:
      return requestErrorMessage(error);
  }
}

const REFUSED_CONDITIONS: Record<string, string> = {
  "not-acceptable": "The server didn't accept the new password (it may be too short or too simple).",
  "not-allowed": "The server doesn't allow changing the password for this account.",
  "not-authorized": "The server didn't accept your current password.",
  forbidden: "The server doesn't allow this account to change its password.",
  "feature-not-implemented": "This server doesn't support changing the password from an app.",
  "service-unavailable": "This server doesn't support changing the password from an app.",
};

export function changePasswordErrorMessage(error: ChangePasswordError): string {
  switch (error.kind) {
    case "empty-password":
      return "Enter a new password.";
    case "same-as-current":
      return "The new password must be different from your current one.";
    case "wrong-current-password":
      return "The current password is wrong. Nothing was changed.";
    case "current-password-unverified":
      return `Warden couldn't check your current password (${error.detail}). Nothing was changed.`;
    case "refused":
      return `${REFUSED_CONDITIONS[error.condition] ?? `The server refused the new password (${error.condition}).`}${serverSays(error.text)}`;
    case "changed-but-sign-in-failed":
      return `Your password was changed, but signing in again with it failed (${error.detail}). Sign in with your new password.`;
    default:
      return requestErrorMessage(error);
  }
}

/** "7 clients · 2 connected", or "3 of 7 clients · 2 connected" when filtered. */
export function countsLabel(total: number, shown: number, connected: number): string {
  const clients = `${total} ${total === 1 ? "client" : "clients"}`;
  return shown === total ? `${clients} · ${connected} connected` : `${shown} of ${clients} · ${connected} connected`;
}

export type AccountStatus = "online" | "reconnecting" | "password-needed" | "error" | "signed-out" | "signing-in";

const ACCOUNT_STATUS_LABELS: Record<AccountStatus, string> = {
  online: "Online",
  reconnecting: "Reconnecting",
  "password-needed": "Needs password",
  error: "Error",
  "signed-out": "Signed out",
  "signing-in": "Signing in",
};

/** An account's status as the accounts list shows it. `wasOnline`: "connecting" is then a reconnection. */
export function accountStatus(state: AccountState, wasOnline: boolean): AccountStatus {
  if (state.status === "connecting") return wasOnline ? "reconnecting" : "signing-in";
  return state.status;
}

export function accountStatusLabel(status: AccountStatus): string {
  return ACCOUNT_STATUS_LABELS[status];
}

/** "3 clients, 1 connected now": what the account's last list showed. */
export function accountCountsLabel(total: number, connected: number): string {
  return `${total} ${total === 1 ? "client" : "clients"}, ${connected} connected now`;
}
