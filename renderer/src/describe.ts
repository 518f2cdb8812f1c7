// Every message the UI shows about the contract's values, in one place, in plain words.
import type {
  AccountState,
  ClientInfo,
  Permission,
  Protection,
} from "../../src/shared/index.js";
import type { ClientKind } from "./client-kind.js";
import { defineMessage, defineMessages, type IntlShape } from "react-intl";
import { DAY_MS } from "../../src/shared/index.js";
import { displayText } from "./display-text.js";
import { formatRelative } from "./format-time.js";
import type { AppEntry, ListEntry } from "./group-apps.js";
import type { Chip } from "./list-filters.js";
import type { RowFacts, SectionId } from "./list-sections.js";

const AUTH_METHOD_WORDS = defineMessages({
  password: { id: "entry.authMethod.password", defaultMessage: "the password", description: "After “Signed in with”" },
  token: { id: "entry.authMethod.token", defaultMessage: "an app token", description: "After “Signed in with”" },
  fast: { id: "entry.authMethod.fast", defaultMessage: "a fast-reconnect token", description: "After “Signed in with”" },
});

/** Known sign-in methods as "signed in with …" reads them; anything else the server sent, as sent. */
export function authMethodWords(intl: IntlShape, method: string): string {
  return Object.hasOwn(AUTH_METHOD_WORDS, method) ? intl.formatMessage(AUTH_METHOD_WORDS[method as keyof typeof AUTH_METHOD_WORDS]) : method;
}

const ENTRY_MESSAGES = defineMessages({
  signedIn: defineMessage<{ methods: string }>({ id: "entry.signedIn", defaultMessage: "Signed in with {methods}", description: "methods: e.g. “the password and a fast-reconnect token”" }),
  signedInUnknown: { id: "entry.signedInUnknown", defaultMessage: "The server didn't say how it signed in" },
  connected: { id: "entry.activity.connected", defaultMessage: "Connected" },
  neverUsed: { id: "entry.activity.neverUsed", defaultMessage: "never used", description: "An app token nothing has signed in with yet" },
  lastUsed: defineMessage<{ when: string }>({ id: "entry.activity.lastUsed", defaultMessage: "last used {when}", description: "when: “3 days ago”, “yesterday”" }),
  lastActive: defineMessage<{ when: string }>({ id: "entry.activity.lastActive", defaultMessage: "Last active {when}", description: "when: “3 days ago”, “yesterday”" }),
  lastActiveUnknown: { id: "entry.activity.lastActiveUnknown", defaultMessage: "Last active: not known" },
  inactiveFor: defineMessage<{ days: number }>({ id: "entry.activity.inactiveFor", defaultMessage: "Inactive for {days, plural, one {# day} other {# days}}" }),
  signOutLabel: defineMessage<{ who: string }>({ id: "entry.action.signOutLabel", defaultMessage: "Sign out {who} (this device)" }),
  signOutLabelTagged: defineMessage<{ who: string; tag: string }>({ id: "entry.action.signOutLabelTagged", defaultMessage: "Sign out {who} (this device, {tag})", description: "tag: “first seen 12 Mar” or “id 3f2a9c1b”" }),
  removeLabel: defineMessage<{ who: string }>({ id: "entry.action.removeLabel", defaultMessage: "Remove access from {who}" }),
  removeLabelTagged: defineMessage<{ who: string; tag: string }>({ id: "entry.action.removeLabelTagged", defaultMessage: "Remove access from {who} ({tag})", description: "tag: “first seen 12 Mar” or “id 3f2a9c1b”" }),
  unknownSoftware: { id: "entry.unknownSoftware", defaultMessage: "Unknown software" },
  unknownDevice: { id: "entry.unknownDevice", defaultMessage: "Unknown device" },
  unknownApp: { id: "entry.unknownApp", defaultMessage: "Unknown app" },
  softwareOnDevice: defineMessage<{ software: string; device: string }>({ id: "entry.softwareOnDevice", defaultMessage: "{software} on {device}" }),
  appToken: { id: "entry.appToken", defaultMessage: "app token", description: "Second column of an app token's row, where a session shows its device" },
  appParts: { id: "entry.appParts", defaultMessage: "app token and a session", description: "Second column of an app's row: its token and the session it signed in" },
  appWithParts: defineMessage<{ name: string }>({ id: "entry.appWithParts", defaultMessage: "{name} (app token and a session)" }),
  counts: defineMessage<{ total: number; connected: number }>({
    id: "list.counts",
    defaultMessage: "{total, plural, one {# client} other {# clients}} · {connected, plural, other {# connected}}",
  }),
  countsFiltered: defineMessage<{ shown: number; total: number; connected: number }>({
    id: "list.countsFiltered",
    defaultMessage: "{shown} of {total, plural, one {# client} other {# clients}} · {connected, plural, other {# connected}}",
  }),
});

/** "Signed in with the password and a fast-reconnect token": how, never as a warning. */
export function signedInText(intl: IntlShape, methods: string[]): string {
  if (methods.length === 0) return intl.formatMessage(ENTRY_MESSAGES.signedInUnknown);
  const words = methods.map((method) => authMethodWords(intl, method));
  return intl.formatMessage(ENTRY_MESSAGES.signedIn, { methods: intl.formatList(words, { type: "conjunction" }) });
}

const CLIENT_KIND_LABELS = defineMessages({
  desktop: { id: "entry.kind.desktop", defaultMessage: "Desktop app" },
  phone: { id: "entry.kind.phone", defaultMessage: "Phone app" },
  web: { id: "entry.kind.web", defaultMessage: "Web app" },
  "app-token": { id: "entry.kind.appToken", defaultMessage: "App token" },
  unknown: { id: "entry.kind.unknown", defaultMessage: "Not known" },
}) satisfies Record<ClientKind, unknown>;

/** What the entry's icon shows, in words (see client-kind.ts). */
export function clientKindLabel(intl: IntlShape, kind: ClientKind): string {
  return intl.formatMessage(CLIENT_KIND_LABELS[kind]);
}

const SECTION_TITLES = defineMessages({
  "this-device": { id: "list.section.thisDevice", defaultMessage: "This device" },
  connected: { id: "list.section.connected", defaultMessage: "Connected now" },
  other: { id: "list.section.other", defaultMessage: "Other devices" },
  apps: { id: "list.section.apps", defaultMessage: "Apps with access" },
  inactive: { id: "list.section.inactive", defaultMessage: "Inactive" },
}) satisfies Record<SectionId, unknown>;

export function sectionTitle(intl: IntlShape, section: SectionId): string {
  return intl.formatMessage(SECTION_TITLES[section]);
}

const CHIP_LABELS = defineMessages({
  connected: { id: "list.chip.connected", defaultMessage: "Connected" },
  offline: { id: "list.chip.offline", defaultMessage: "Offline" },
  apps: { id: "list.chip.apps", defaultMessage: "Apps" },
  inactive: { id: "list.chip.inactive", defaultMessage: "Inactive" },
}) satisfies Record<Chip, unknown>;

export function chipLabel(intl: IntlShape, chip: Chip): string {
  return intl.formatMessage(CHIP_LABELS[chip]);
}

/**
 * A row's state in a few words: "Connected", "Inactive for 45 days" (past the user's threshold),
 * "Last active 3 days ago"; for an app token "never used" or "last used 3 days ago" (a token has no
 * connection to be offline from).
 */
export function activityText(intl: IntlShape, facts: Pick<RowFacts, "connected" | "inactive" | "lastActive" | "lastUsed">, appToken: boolean, now: number): string {
  if (facts.connected) return intl.formatMessage(ENTRY_MESSAGES.connected);
  // Counted as inactiveDays counts it: whole days since the row's latest entry was last active.
  if (facts.inactive && facts.lastActive !== undefined) return intl.formatMessage(ENTRY_MESSAGES.inactiveFor, { days: Math.floor((now - facts.lastActive) / DAY_MS) });
  // An app token says when it was used, never when it was made: made and not used is "never used".
  const when = appToken ? facts.lastUsed : facts.lastActive;
  if (when === undefined) return intl.formatMessage(appToken ? ENTRY_MESSAGES.neverUsed : ENTRY_MESSAGES.lastActiveUnknown);
  return intl.formatMessage(appToken ? ENTRY_MESSAGES.lastUsed : ENTRY_MESSAGES.lastActive, { when: formatRelative(intl, when, now) });
}

/**
 * What a row's own action button says to a screen reader: the action ("sign-out" on this device's
 * own entry, "remove" on every other), who, and the look-alike tag.
 */
export function rowActionLabel(intl: IntlShape, action: "sign-out" | "remove", who: string, tag: string | undefined): string {
  if (action === "sign-out") {
    return tag ? intl.formatMessage(ENTRY_MESSAGES.signOutLabelTagged, { who, tag }) : intl.formatMessage(ENTRY_MESSAGES.signOutLabel, { who });
  }
  return tag ? intl.formatMessage(ENTRY_MESSAGES.removeLabelTagged, { who, tag }) : intl.formatMessage(ENTRY_MESSAGES.removeLabel, { who });
}

const KIND_LABELS = defineMessages({
  session: { id: "entry.kindOf.session", defaultMessage: "Session" },
  access: { id: "entry.kindOf.access", defaultMessage: "App access" },
}) satisfies Record<ClientInfo["kind"], unknown>;

export function kindLabel(intl: IntlShape, kind: ClientInfo["kind"]): string {
  return intl.formatMessage(KIND_LABELS[kind]);
}

const PERMISSION_LABELS = defineMessages({
  unrestricted: { id: "entry.permission.unrestricted", defaultMessage: "Full access" },
  normal: { id: "entry.permission.normal", defaultMessage: "Normal access" },
  restricted: { id: "entry.permission.restricted", defaultMessage: "Restricted access" },
}) satisfies Record<Permission, unknown>;

export function permissionLabel(intl: IntlShape, permission: Permission): string {
  return intl.formatMessage(PERMISSION_LABELS[permission]);
}

// Names below are the client's own words: every one goes through displayText (no bidi or invisible tricks).

/** The software's name, or its id when it sent no name; undefined when neither has anything visible. */
export function softwareName(client: ClientInfo): string | undefined {
  return displayText(client.userAgent.software) ?? displayText(client.userAgent.softwareId);
}

/** "Conversations 2.15.3", or what identifies it best when the server sent no software name. */
export function softwareLabel(intl: IntlShape, client: ClientInfo): string {
  const name = softwareName(client) ?? intl.formatMessage(ENTRY_MESSAGES.unknownSoftware);
  const version = displayText(client.userAgent.softwareVersion);
  return version ? `${name} ${version}` : name;
}

export function deviceLabel(intl: IntlShape, client: ClientInfo): string {
  return displayText(client.userAgent.device) ?? intl.formatMessage(ENTRY_MESSAGES.unknownDevice);
}

/** An app's name: the grant's, which the server took from the OAuth client, else the session's; undefined when neither has one. */
function appSoftwareName(app: AppEntry): string | undefined {
  return softwareName(app.grant) ?? softwareName(app.session);
}

/** A row's name as the list shows it, in the UI's language. */
export function rowName(intl: IntlShape, row: ListEntry): string {
  const name = row.kind === "app" ? appSoftwareName(row) : softwareName(row.client);
  return name ?? intl.formatMessage(row.kind === "app" ? ENTRY_MESSAGES.unknownApp : ENTRY_MESSAGES.unknownSoftware);
}

/** A row's second column: the device, or what an app's row holds ("app token", never "Unknown device"). */
export function rowDevice(intl: IntlShape, row: ListEntry): string {
  if (row.kind === "app") return intl.formatMessage(ENTRY_MESSAGES.appParts);
  if (row.client.kind === "access") return intl.formatMessage(ENTRY_MESSAGES.appToken);
  return displayText(row.client.userAgent.device) ?? intl.formatMessage(ENTRY_MESSAGES.unknownDevice);
}

/** Who a row's action acts on, as its accessible name says: "Conversations on Pixel 8", "Movim (app token and a session)". */
export function rowActionTarget(intl: IntlShape, row: ListEntry): string {
  const name = rowName(intl, row);
  if (row.kind === "app") return intl.formatMessage(ENTRY_MESSAGES.appWithParts, { name });
  const device = displayText(row.client.userAgent.device);
  return device ? intl.formatMessage(ENTRY_MESSAGES.softwareOnDevice, { software: name, device }) : name;
}

/** "Conversations on Pixel 8", for dialogs and announcements: the words of the row's own buttons. */
export function clientName(intl: IntlShape, client: ClientInfo): string {
  return rowActionTarget(intl, { kind: "client", client });
}

const PROTECTION_LABELS = defineMessages({
  "ca-verified-certificate": { id: "security.protection.caCertificate", defaultMessage: "Certificate signed by a trusted authority" },
  scram: { id: "security.protection.scram", defaultMessage: "Password never sent (SCRAM)" },
  "channel-binding": { id: "security.protection.channelBinding", defaultMessage: "Bound to this connection (channel binding)" },
  "fast-channel-binding": { id: "security.protection.fastChannelBinding", defaultMessage: "Reconnect token bound to the connection" },
  "downgrade-protection": { id: "security.protection.downgradeProtection", defaultMessage: "Sign-in methods protected against tampering (XEP-0474)" },
}) satisfies Record<Protection, unknown>;

export function protectionLabel(intl: IntlShape, protection: Protection): string {
  return intl.formatMessage(PROTECTION_LABELS[protection]);
}

/** "7 clients · 2 connected", or "3 of 7 clients · 2 connected" when filtered. */
export function countsLabel(intl: IntlShape, total: number, shown: number, connected: number): string {
  return shown === total
    ? intl.formatMessage(ENTRY_MESSAGES.counts, { total, connected })
    : intl.formatMessage(ENTRY_MESSAGES.countsFiltered, { shown, total, connected });
}

export type AccountStatus = "online" | "reconnecting" | "password-needed" | "error" | "signed-out" | "signing-in";

const ACCOUNT_STATUS_LABELS = defineMessages({
  online: { id: "account.status.online", defaultMessage: "Online" },
  reconnecting: { id: "account.status.reconnecting", defaultMessage: "Reconnecting" },
  "password-needed": { id: "account.status.passwordNeeded", defaultMessage: "Needs password" },
  error: { id: "account.status.error", defaultMessage: "Error" },
  "signed-out": { id: "account.status.signedOut", defaultMessage: "Signed out" },
  "signing-in": { id: "account.status.signingIn", defaultMessage: "Signing in" },
}) satisfies Record<AccountStatus, unknown>;

const ACCOUNT_COUNTS = defineMessage<{ total: number; connected: number }>({
  id: "account.counts",
  defaultMessage: "{total, plural, one {# client} other {# clients}}, {connected, plural, other {# connected now}}",
});

/** An account's status as the accounts list shows it. `wasOnline`: "connecting" is then a reconnection. */
export function accountStatus(state: AccountState, wasOnline: boolean): AccountStatus {
  if (state.status === "connecting") return wasOnline ? "reconnecting" : "signing-in";
  return state.status;
}

export function accountStatusLabel(intl: IntlShape, status: AccountStatus): string {
  return intl.formatMessage(ACCOUNT_STATUS_LABELS[status]);
}

/** "3 clients, 1 connected now": what the account's last list showed. */
export function accountCountsLabel(intl: IntlShape, total: number, connected: number): string {
  return intl.formatMessage(ACCOUNT_COUNTS, { total, connected });
}
