// One line of an account's Activity, and the banner's alerts, in plain words: what Warden saw or
// did, named as the user knows the entry (their nickname first). Only verified outcomes.
import { defineMessage, defineMessages, type IntlShape } from "react-intl";
import type { ActivityEntry, AlertEntry, RevokedBy, RevokeResult, SeenClient } from "../../src/shared/index.js";
import { authMethodWords } from "./describe.js";
import { displayText } from "./display-text.js";

const messages = defineMessages({
  softwareOnDevice: defineMessage<{ software: string; device: string }>({ id: "activity.who.softwareOnDevice", defaultMessage: "{software} on {device}" }),
  clientOnDevice: defineMessage<{ device: string }>({ id: "activity.who.clientOnDevice", defaultMessage: "a client on {device}" }),
  unnamed: { id: "activity.who.unnamed", defaultMessage: "a client that gave no name" },
  appToken: { id: "activity.who.appToken", defaultMessage: "an app token" },
  appTokenFor: defineMessage<{ software: string }>({ id: "activity.who.appTokenFor", defaultMessage: "an app token for {software}" }),
  nicknamed: defineMessage<{ nickname: string; name: string }>({
    id: "activity.who.nicknamed",
    defaultMessage: "{nickname} — {name}",
    description: "nickname: the name the user gave the entry (“Mum's tablet”); name: what the entry calls itself",
  }),
  newSignIn: defineMessage<{ who: string }>({ id: "activity.newSignIn", defaultMessage: "New sign-in: {who}" }),
  newWayIn: defineMessage<{ who: string; methods: string }>({
    id: "activity.newWayIn",
    defaultMessage: "New way in: {who} can now sign in with {methods}",
    description: "methods: e.g. “a fast-reconnect token”",
  }),
  gone: defineMessage<{ who: string }>({ id: "activity.gone", defaultMessage: "No longer listed: {who}" }),
  revoked: defineMessage<{ by: string; removed: string; who: string; outcome: string }>({
    id: "activity.revoked",
    defaultMessage:
      "{removed, select, yes {{by, select, cleanup {Cleanup removed access for {who}} onlyThisDevice {“Only this device” removed access for {who}} other {You removed access for {who}}}} other {{by, select, cleanup {Cleanup tried to remove access for {who}} onlyThisDevice {“Only this device” tried to remove access for {who}} other {You tried to remove access for {who}}}}} — {outcome}",
    description:
      "removed: yes only when the server's next list confirmed it has no access left; by: you, cleanup or onlyThisDevice; outcome: what that list confirmed, e.g. “confirmed gone”",
  }),
  outcomeGone: { id: "activity.outcome.gone", defaultMessage: "confirmed gone" },
  outcomeAlreadyGone: { id: "activity.outcome.alreadyGone", defaultMessage: "it already had no access" },
  outcomeKnowsPassword: { id: "activity.outcome.knowsPassword", defaultMessage: "signed out, but it still knows your password" },
  outcomeSignedInAgain: { id: "activity.outcome.signedInAgain", defaultMessage: "it signed in again" },
  outcomeSignedOutSelf: { id: "activity.outcome.signedOutSelf", defaultMessage: "this device was signed out" },
  outcomeNotConfirmed: { id: "activity.outcome.notConfirmed", defaultMessage: "not confirmed: it may still have access" },
  outcomeRefused: { id: "activity.outcome.refused", defaultMessage: "the server refused" },
  outcomeFailed: { id: "activity.outcome.failed", defaultMessage: "it didn't work" },
  passwordChanged: defineMessage<{ count: number }>({
    id: "activity.passwordChanged",
    defaultMessage: "Password changed — {count, plural, =0 {no other client lost access} one {# client lost access} other {# clients lost access}}",
  }),
  passwordChangedUnconfirmed: { id: "activity.passwordChangedUnconfirmed", defaultMessage: "Password changed — Warden couldn't confirm which clients lost access" },
  cleanupRun: defineMessage<{ removed: number; days: number }>({
    id: "activity.cleanupRun",
    defaultMessage:
      "{removed, plural, =0 {Cleanup ran: nothing was unused for more than {days} days} one {Cleanup removed # inactive client} other {Cleanup removed # inactive clients}}",
  }),
  cleanupNotRemoved: defineMessage<{ count: number }>({
    id: "activity.cleanupNotRemoved",
    defaultMessage: "{count, plural, one {# could not be removed} other {# could not be removed}}",
    description: "Follows “Cleanup removed 3 inactive clients” after a semicolon",
  }),
  withMore: defineMessage<{ first: string; second: string }>({ id: "activity.withMore", defaultMessage: "{first}; {second}" }),
  onlyThisDevice: { id: "activity.onlyThisDevice", defaultMessage: "Only this device keeps access — verified" },
  onlyThisDeviceRemaining: defineMessage<{ count: number }>({
    id: "activity.onlyThisDeviceRemaining",
    defaultMessage: "“Only this device” finished, but {count, plural, one {# other entry is} other {# other entries are}} still listed",
  }),
  alertsMany: defineMessage<{ count: number }>({ id: "alerts.many", defaultMessage: "{count, plural, one {# new sign-in} other {# new sign-ins}}" }),
});

/** The user's nicknames by client id (AccountOptions.nicknames). */
export type Nicknames = Readonly<Record<string, string>>;

/** The name an entry gave itself, as Activity says it: "Gajim on laptop", "an app token for Gajim". */
function clientWords(intl: IntlShape, client: SeenClient): string {
  const software = displayText(client.software);
  if (client.kind === "access") return software === undefined ? intl.formatMessage(messages.appToken) : intl.formatMessage(messages.appTokenFor, { software });
  const device = displayText(client.device);
  if (software !== undefined) return device === undefined ? software : intl.formatMessage(messages.softwareOnDevice, { software, device });
  return device === undefined ? intl.formatMessage(messages.unnamed) : intl.formatMessage(messages.clientOnDevice, { device });
}

/** "Mum's tablet — Conversations on phone": the user's own name for it first, when they gave one. */
export function withNickname(intl: IntlShape, nickname: string | undefined, name: string): string {
  const shown = displayText(nickname);
  return shown === undefined ? name : intl.formatMessage(messages.nicknamed, { nickname: shown, name });
}

export function seenClientName(intl: IntlShape, client: SeenClient, nicknames: Nicknames): string {
  return withNickname(intl, Object.hasOwn(nicknames, client.id) ? nicknames[client.id] : undefined, clientWords(intl, client));
}

function outcomeWords(intl: IntlShape, result: RevokeResult): string {
  if (!result.ok) return intl.formatMessage(messages.outcomeFailed);
  switch (result.value.outcome) {
    case "gone":
      return intl.formatMessage(messages.outcomeGone);
    case "already-gone":
      return intl.formatMessage(messages.outcomeAlreadyGone);
    case "knows-password":
      return intl.formatMessage(messages.outcomeKnowsPassword);
    case "signed-in-again":
      return intl.formatMessage(messages.outcomeSignedInAgain);
    case "signed-out-self":
      return intl.formatMessage(messages.outcomeSignedOutSelf);
    case "not-confirmed":
      return intl.formatMessage(messages.outcomeNotConfirmed);
    case "forbidden":
      return intl.formatMessage(messages.outcomeRefused);
    case "failed":
      return intl.formatMessage(messages.outcomeFailed);
  }
}

const BY_WORD: Record<RevokedBy, string> = { you: "you", cleanup: "cleanup", "only-this-device": "onlyThisDevice" };

/** One Activity line in words. */
export function activityEntryText(intl: IntlShape, entry: ActivityEntry, nicknames: Nicknames): string {
  switch (entry.kind) {
    case "new-sign-in":
    case "new-way-in":
      return alertText(intl, entry, nicknames);
    case "gone":
      return intl.formatMessage(messages.gone, { who: seenClientName(intl, entry.client, nicknames) });
    case "revoked":
      return intl.formatMessage(messages.revoked, {
        by: BY_WORD[entry.by],
        // "removed" only for what the server's next list showed without access; anything else was a try.
        removed: entry.result.ok && ["gone", "already-gone", "signed-out-self"].includes(entry.result.value.outcome) ? "yes" : "no",
        who: seenClientName(intl, entry.client, nicknames),
        outcome: outcomeWords(intl, entry.result),
      });
    case "password-changed":
      return entry.confirmed
        ? intl.formatMessage(messages.passwordChanged, { count: entry.cutOff.length })
        : intl.formatMessage(messages.passwordChangedUnconfirmed);
    case "cleanup-run": {
      const first = intl.formatMessage(messages.cleanupRun, { removed: entry.removed, days: entry.days });
      if (entry.notRemoved === 0) return first;
      return intl.formatMessage(messages.withMore, { first, second: intl.formatMessage(messages.cleanupNotRemoved, { count: entry.notRemoved }) });
    }
    case "only-this-device":
      return entry.verified
        ? intl.formatMessage(messages.onlyThisDevice)
        : intl.formatMessage(messages.onlyThisDeviceRemaining, { count: entry.remaining.length });
  }
}

/** "New sign-in: Gajim on laptop" / "New way in: Gajim on laptop can now sign in with a fast-reconnect token". */
export function alertText(intl: IntlShape, entry: AlertEntry, nicknames: Nicknames): string {
  const who = seenClientName(intl, entry.client, nicknames);
  if (entry.kind === "new-sign-in") return intl.formatMessage(messages.newSignIn, { who });
  const methods = intl.formatList(
    entry.added.map((method) => authMethodWords(intl, method)),
    { type: "conjunction" },
  );
  return intl.formatMessage(messages.newWayIn, { who, methods });
}

/** The banner's headline for several alerts: "3 new sign-ins". */
export function alertsCountText(intl: IntlShape, count: number): string {
  return intl.formatMessage(messages.alertsMany, { count });
}
