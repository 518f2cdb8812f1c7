import { z } from "zod";
import { revokeResultSchema } from "./outcomes.js";
import { seenClientSchema } from "./seen-client.js";

/** Who asked for a revoke: the user (one entry or "Revoke selected"), the cleanup rule, or "Only this device". */
export const revokedBySchema = z.enum(["you", "cleanup", "only-this-device"]);
export type RevokedBy = z.infer<typeof revokedBySchema>;

const entry = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.object({ id: z.string(), at: z.number(), kind: z.literal(kind), ...shape });

/**
 * One line of an account's Activity: what Warden saw (by comparing lists) or did, with when. Only
 * verified outcomes: a revoke carries the result the server's next list confirmed.
 */
export const activityEntrySchema = z.discriminatedUnion("kind", [
  /** Listed for the first time since Warden started watching this account. */
  entry("new-sign-in", { client: seenClientSchema }),
  /** Listed before, now with a way in it did not have (e.g. a FAST token). */
  entry("new-way-in", { client: seenClientSchema, added: z.array(z.string()) }),
  /** Listed before, missing now, and not because Warden revoked it. */
  entry("gone", { client: seenClientSchema }),
  entry("revoked", { client: seenClientSchema, by: revokedBySchema, result: revokeResultSchema }),
  /** `cutOff`: what lost access, only when `confirmed` (both lists read). */
  entry("password-changed", { confirmed: z.boolean(), cutOff: z.array(seenClientSchema) }),
  /** One run of the cleanup rule: its threshold and how many revokes ended in each verified way. */
  entry("cleanup-run", { days: z.number(), removed: z.number(), notRemoved: z.number() }),
  /** "Only this device keeps access" finished; `verified`: the last list showed this device alone. */
  entry("only-this-device", { verified: z.boolean(), remaining: z.array(seenClientSchema) }),
]);
export type ActivityEntry = z.infer<typeof activityEntrySchema>;
export type ActivityKind = ActivityEntry["kind"];

/** What a desktop notification and the window's banner announce until the user has seen it. */
export const ALERT_KINDS = ["new-sign-in", "new-way-in"] as const satisfies readonly ActivityKind[];
export type AlertEntry = Extract<ActivityEntry, { kind: (typeof ALERT_KINDS)[number] }>;
export function isAlert(entry: ActivityEntry): entry is AlertEntry {
  return (ALERT_KINDS as readonly string[]).includes(entry.kind);
}

/** Activity keeps at most this many entries per account, none older than ACTIVITY_MAX_AGE_DAYS. */
export const ACTIVITY_MAX_ENTRIES = 1000;
export const ACTIVITY_MAX_AGE_DAYS = 180;

/** The file "Export" writes: one account's Activity, oldest first. */
export const activityExportSchema = z.object({
  format: z.literal("warden-activity"),
  version: z.literal(1),
  account: z.string(),
  exportedAt: z.string(),
  entries: z.array(activityEntrySchema),
});
export type ActivityExport = z.infer<typeof activityExportSchema>;
