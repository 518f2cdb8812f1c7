// Everything Warden persists between launches. No secrets: tokens and passwords live in the
// keychain (src/core/credentials), never here.
//
// The schema is lenient on purpose: every field has a default or falls back (`.catch`) when
// invalid, so an empty, partial, hand-edited or older file always loads. What can't be used is
// dropped field by field (an invalid `server` drops the server, not the account; an account
// without a usable JID is dropped; a bad fingerprint drops that fingerprint).
import { z } from "zod";
import { PROTECTIONS, protectionSchema, type Protection } from "../../shared/account-state.js";
import { protocolSchema } from "../../shared/client-info.js";
import { languageSchema, serverAddressSchema, type Language } from "../../shared/requests.js";
import { onlyThisDeviceProgressSchema } from "../../shared/only-this-device.js";
import { DEFAULT_INACTIVE_AFTER_DAYS } from "../../shared/inactivity.js";
import { NICKNAME_MAX_LENGTH, inactiveDaysSchema } from "../../shared/preferences.js";
import { normalizeBareJid } from "../credentials/bare-jid.js";

/** SHA-256 of a DER certificate: 32 upper-case hex pairs joined by colons. */
export const FINGERPRINT_PATTERN = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/** "aa:bb:…", "AABB…" (64 hex digits) or "AA:BB:…" → "AA:BB:…"; null when it isn't a SHA-256 fingerprint. */
export function normalizeFingerprint(value: string): string | null {
  if (typeof value !== "string") return null;
  const hex = value.trim().toUpperCase().replace(/[:\s]/g, "");
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  const pairs = hex.match(/../g) ?? [];
  const fingerprint = pairs.join(":");
  return FINGERPRINT_PATTERN.test(fingerprint) ? fingerprint : null;
}

/** Keeps the valid fingerprints, normalized, first occurrence first, without duplicates. */
export function normalizeFingerprints(values: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    const fingerprint = typeof value === "string" ? normalizeFingerprint(value) : null;
    if (fingerprint !== null && !out.includes(fingerprint)) out.push(fingerprint);
  }
  return out;
}

/** Known protection names, in PROTECTIONS order, once each. */
export function normalizeProtections(values: readonly unknown[]): Protection[] {
  return PROTECTIONS.filter((name) => values.some((value) => protectionSchema.safeParse(value).data === name));
}

const bareJidSchema = z
  .string()
  .transform((jid, ctx) => {
    const bare = normalizeBareJid(jid);
    if (bare === null) {
      ctx.addIssue({ code: "custom", message: "not a bare JID" });
      return z.NEVER;
    }
    return bare;
  });

export const accountSettingsSchema = z.object({
  /** The bare JID, normalized (see normalizeBareJid). */
  jid: bareJidSchema,
  /** Absent: the JID's domain, found through SRV records. */
  server: serverAddressSchema.optional().catch(undefined),
  /** Send credentials without TLS; honoured only for a loopback host. */
  allowInsecureLoopback: z.boolean().catch(false),
  /** Certificates the user chose to trust for this account: SHA-256, "AA:BB:…". */
  pinnedFingerprints: z
    .array(z.unknown())
    .catch([])
    .transform((values) => normalizeFingerprints(values)),
  /**
   * The strongest protections this account's server showed on an authenticated connection, in
   * PROTECTIONS order; a connection that offers less is refused. Unknown names are dropped.
   */
  protections: z
    .array(z.unknown())
    .catch([])
    .transform((values) => normalizeProtections(values)),
  /** The manage-clients namespace that worked last time; tried first next time. */
  protocol: protocolSchema.optional().catch(undefined),
  /** The user asked to stay signed in on this device. */
  remember: z.boolean().catch(true),
  /** A password for this account is in the keychain (only when the server offers no FAST). */
  passwordInKeychain: z.boolean().catch(false),
  /** This device keeps a sign-in (token or password) that worked last time: "Continue" needs no password. */
  storedSignIn: z.boolean().catch(false),
  /** The user's private names for entries, by client id; a bad one is dropped alone. */
  nicknames: z
    .record(z.string(), z.unknown())
    .catch({})
    .transform((entries) => {
      const kept: Record<string, string> = {};
      for (const [id, value] of Object.entries(entries)) {
        // Trimmed again after the cut, so that reading what was written gives it back unchanged.
        if (typeof value === "string" && value.trim() !== "") kept[id] = value.trim().slice(0, NICKNAME_MAX_LENGTH).trimEnd();
      }
      return kept;
    }),
  /** Nicknames are kept in the account's private PEP storage too. */
  nicknameSync: z.boolean().catch(false),
  /** The cleanup rule's threshold in days; null: off. */
  cleanupAfterDays: inactiveDaysSchema.nullable().catch(null),
  /** "Only this device keeps access" in progress or finished and not dismissed (no passwords). */
  onlyThisDevice: onlyThisDeviceProgressSchema.optional().catch(undefined),
});
export type AccountSettings = z.output<typeof accountSettingsSchema>;

/** Valid accounts only, one per JID (the first wins). */
const accountsSchema = z
  .array(z.unknown())
  .catch([])
  .transform((items) => {
    const accounts: AccountSettings[] = [];
    for (const item of items) {
      const parsed = accountSettingsSchema.safeParse(item);
      if (parsed.success && !accounts.some((a) => a.jid === parsed.data.jid)) accounts.push(parsed.data);
    }
    return accounts;
  });

export const settingsSchema = z
  .object({
    /**
     * This installation's identity toward servers (the SASL2 `<user-agent id>`), so the server
     * lists it as one client across launches. Created once by ensureClientId; never regenerated.
     * Any UUID-shaped value is kept as found.
     */
    clientId: z.guid().optional().catch(undefined),
    /** Shown to the server as the device; absent means the host name (applied by the caller). */
    deviceName: z.string().trim().min(1).max(128).optional().catch(undefined),
    /** Every account this device knows, in the order they were added. */
    accounts: accountsSchema,
    /** The UI's language the user chose; absent: the system's. */
    language: languageSchema.optional().catch(undefined),
    /** An entry not seen for longer than this many days is inactive. */
    inactiveAfterDays: inactiveDaysSchema.catch(DEFAULT_INACTIVE_AFTER_DAYS),
    /** Desktop app: keep watching from the tray when the window closes; absent: not decided yet. */
    keepWatchingWhenClosed: z.boolean().optional().catch(undefined),
    /** Desktop app: start Warden (in the background) when the user logs in. */
    startAtLogin: z.boolean().catch(false),
    /** Desktop app: check for, and download, new versions by itself. */
    autoUpdate: z.boolean().catch(true),
  })
  .transform((settings) => {
    const out: Settings = {
      accounts: settings.accounts,
      inactiveAfterDays: settings.inactiveAfterDays,
      startAtLogin: settings.startAtLogin,
      autoUpdate: settings.autoUpdate,
    };
    if (settings.keepWatchingWhenClosed !== undefined) out.keepWatchingWhenClosed = settings.keepWatchingWhenClosed;
    if (settings.clientId !== undefined) out.clientId = settings.clientId;
    if (settings.deviceName !== undefined) out.deviceName = settings.deviceName;
    if (settings.language !== undefined) out.language = settings.language;
    return out;
  });

export type Settings = {
  clientId?: string;
  deviceName?: string;
  accounts: AccountSettings[];
  language?: Language;
  inactiveAfterDays: number;
  keepWatchingWhenClosed?: boolean;
  startAtLogin: boolean;
  autoUpdate: boolean;
};

/** The settings of a missing or empty file. */
export function defaultSettings(): Settings {
  return { accounts: [], inactiveAfterDays: DEFAULT_INACTIVE_AFTER_DAYS, startAtLogin: false, autoUpdate: true };
}

/**
 * Parse anything (a file's contents, a value a caller built) into Settings. Never throws: input
 * that isn't an object at all gives the defaults.
 */
export function parseSettings(raw: unknown): Settings {
  const input = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? raw : {};
  const parsed = settingsSchema.safeParse(input);
  return parsed.success ? parsed.data : defaultSettings();
}

export const SETTINGS_KEYS = ["clientId", "deviceName", "accounts", "language", "inactiveAfterDays", "keepWatchingWhenClosed", "startAtLogin", "autoUpdate"] as const satisfies readonly (keyof Settings)[];
