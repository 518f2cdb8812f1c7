// What removing access will do to an entry, said before the user confirms: one set of words for the
// single revoke dialogs and the bulk one.
import { defineMessages, type IntlShape } from "react-intl";
import type { ClientInfo } from "../../src/shared/index.js";
import type { ListEntry } from "./group-apps.js";

const messages = defineMessages({
  self: {
    id: "revoke.consequence.self",
    defaultMessage: "This is the device you're using now. Signing it out ends this session on the server, and you will be signed out of Warden here.",
  },
  token: { id: "revoke.consequence.token", defaultMessage: "Its app token will be removed, so it can't use your account any more unless you sign it in again." },
  connected: {
    id: "revoke.consequence.connected",
    defaultMessage: "It will be disconnected and its sign-in tokens removed. If it also knows your password, Warden will tell you how to lock it out.",
  },
  offline: {
    id: "revoke.consequence.offline",
    defaultMessage: "Its session and sign-in tokens will be removed. If it also knows your password, Warden will tell you how to lock it out.",
  },
  appConnected: {
    id: "revokeApp.consequence.connected",
    defaultMessage: "Its app token will be removed first, then its session signed out with its sign-in tokens. If it also knows your password, Warden will tell you how to lock it out.",
  },
  appOffline: {
    id: "revokeApp.consequence.offline",
    defaultMessage: "Its app token will be removed first, then its session removed with its sign-in tokens. If it also knows your password, Warden will tell you how to lock it out.",
  },
});

/** What removing one entry's access will do. */
export function revokeConsequence(intl: IntlShape, client: ClientInfo): string {
  if (client.isCurrent) return intl.formatMessage(messages.self);
  if (client.kind === "access") return intl.formatMessage(messages.token);
  return intl.formatMessage(client.connected ? messages.connected : messages.offline);
}

/** What removing a row's access will do: an app's token and its session, or one entry. */
export function rowConsequence(intl: IntlShape, row: ListEntry): string {
  if (row.kind === "client") return revokeConsequence(intl, row.client);
  return intl.formatMessage(row.session.connected ? messages.appConnected : messages.appOffline);
}
