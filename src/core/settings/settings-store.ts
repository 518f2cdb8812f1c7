import { randomUUID } from "node:crypto";
import { normalizeBareJid } from "../credentials/bare-jid.js";
import { normalizeFingerprint, normalizeFingerprints, normalizeProtections } from "./settings-schema.js";
import type { AccountSettings, Settings } from "./settings-schema.js";

/**
 * Warden's persisted settings. Synchronous: the file is small and local.
 *
 * - `read()` never throws and never writes: an unreadable or invalid file reads as defaults
 *   (keeping every valid field, and a recoverable clientId).
 * - `update(fn)` reads, applies `fn`, normalizes the result through the schema (invalid values are
 *   dropped exactly as when read from the file, fingerprints de-duplicated, JIDs normalized) and
 *   writes it. It throws only when the write itself fails (disk full, permissions).
 */
export interface SettingsStore {
  read(): Settings;
  update(fn: (settings: Settings) => Settings): Settings;
  /** Where the settings live (a file path, or a description for an in-memory store). */
  readonly location: string;
}

/**
 * This installation's client id: the stored one, or a new random UUID stored now. Created once;
 * never replaced while a UUID-shaped value can be found in the file. Throws only if it had to
 * create one and the write failed.
 */
export function ensureClientId(store: SettingsStore): string {
  const existing = store.read().clientId;
  if (existing !== undefined) return existing;
  let created: string | undefined;
  const updated = store.update((settings) => {
    if (settings.clientId !== undefined) return settings;
    created = randomUUID();
    return { ...settings, clientId: created };
  });
  const id = updated.clientId ?? created;
  if (id === undefined) throw new Error("client id was not stored");
  return id;
}

export function getAccount(store: SettingsStore, jid: string): AccountSettings | undefined {
  const bare = normalizeBareJid(jid);
  if (bare === null) return undefined;
  return store.read().accounts.find((a) => a.jid === bare);
}

export type AccountPatch = Partial<Omit<AccountSettings, "jid">>;

const NEW_ACCOUNT: Omit<AccountSettings, "jid"> = {
  allowInsecureLoopback: false,
  pinnedFingerprints: [],
  protections: [],
  remember: true,
  passwordInKeychain: false,
  storedSignIn: false,
  nicknames: {},
  nicknameSync: false,
  cleanupAfterDays: null,
};

/**
 * Create the account (with defaults) or merge `patch` into it. A key present in `patch` with the
 * value `undefined` clears that optional field (e.g. `{ server: undefined }`). Returns the
 * stored account, or undefined when `jid` isn't a bare JID (nothing is written then).
 */
export function upsertAccount(
  store: SettingsStore,
  jid: string,
  patch: AccountPatch = {},
): AccountSettings | undefined {
  const bare = normalizeBareJid(jid);
  if (bare === null) return undefined;
  const updated = store.update((settings) => {
    const index = settings.accounts.findIndex((a) => a.jid === bare);
    const current: AccountSettings = settings.accounts[index] ?? { ...NEW_ACCOUNT, jid: bare };
    // An explicit undefined for a required field falls back to its default when normalized.
    const next = { ...current, ...patch, jid: bare } as AccountSettings;
    next.pinnedFingerprints = normalizeFingerprints(next.pinnedFingerprints ?? []);
    next.protections = normalizeProtections(next.protections ?? []);
    const accounts = [...settings.accounts];
    if (index === -1) accounts.push(next);
    else accounts[index] = next;
    return { ...settings, accounts };
  });
  return updated.accounts.find((a) => a.jid === bare);
}

/** Add one fingerprint to the account's pins (creating the account if needed); false if either is invalid. */
export function pinFingerprint(store: SettingsStore, jid: string, fingerprint256: string): boolean {
  const fingerprint = normalizeFingerprint(fingerprint256);
  const bare = normalizeBareJid(jid);
  if (fingerprint === null || bare === null) return false;
  const pins = getAccount(store, bare)?.pinnedFingerprints ?? [];
  return upsertAccount(store, bare, { pinnedFingerprints: [...pins, fingerprint] }) !== undefined;
}

/** Remove the account. True when it existed. Keychain entries are the caller's to delete. */
export function removeAccount(store: SettingsStore, jid: string): boolean {
  const bare = normalizeBareJid(jid);
  if (bare === null) return false;
  let removed = false;
  const settings = store.read();
  if (!settings.accounts.some((a) => a.jid === bare)) return false;
  store.update((current) => {
    const accounts = current.accounts.filter((a) => a.jid !== bare);
    removed = accounts.length !== current.accounts.length;
    return { ...current, accounts };
  });
  return removed;
}
