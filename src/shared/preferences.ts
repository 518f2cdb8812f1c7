import { z } from "zod";
import { DEFAULT_INACTIVE_AFTER_DAYS, MAX_INACTIVE_AFTER_DAYS } from "./inactivity.js";

export const inactiveDaysSchema = z.number().int().min(1).max(MAX_INACTIVE_AFTER_DAYS);

/**
 * Install-wide choices. `background` exists only where the host can keep watching with its window
 * closed (the desktop app): `keepWatchingWhenClosed` null means "ask on first close".
 */
export const preferencesSchema = z.object({
  inactiveAfterDays: inactiveDaysSchema,
  background: z.object({ keepWatchingWhenClosed: z.boolean().nullable(), startAtLogin: z.boolean() }).optional(),
  /** Only where the host updates itself (the desktop app): check for, and download, new versions. */
  autoUpdate: z.boolean().optional(),
});
export type Preferences = z.infer<typeof preferencesSchema>;
export const DEFAULT_PREFERENCES: Preferences = { inactiveAfterDays: DEFAULT_INACTIVE_AFTER_DAYS };

/** Per account, on this device. */
export const accountOptionsSchema = z.object({
  /** The user's private names for entries, by client id; shown before the software's name. */
  nicknames: z.record(z.string(), z.string()),
  /** Nicknames are also kept in the account's private PEP storage (XEP-0223). */
  nicknameSync: z.boolean(),
  /** Why the last sync failed, in words for Details; absent when it worked or is off. */
  nicknameSyncProblem: z.string().optional(),
  /** Revoke app tokens and clients not seen for this many days on each watch tick; null: off. */
  cleanupAfterDays: inactiveDaysSchema.nullable(),
});
export type AccountOptions = z.infer<typeof accountOptionsSchema>;
export const DEFAULT_ACCOUNT_OPTIONS: AccountOptions = { nicknames: {}, nicknameSync: false, cleanupAfterDays: null };

export const NICKNAME_MAX_LENGTH = 64;
