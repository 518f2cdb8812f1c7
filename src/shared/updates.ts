import { z } from "zod";

/**
 * The desktop app's own updates (electron-updater, from the project's GitHub releases): where they
 * stand. Absent from the state in browser mode and the command line, which do not update themselves.
 */
export const updateStateSchema = z.discriminatedUnion("status", [
  /** The user turned updates off in Settings. */
  z.object({ status: z.literal("off") }),
  /** Nothing to do: the last check (if any, ms since the epoch) found no newer version. */
  z.object({ status: z.literal("idle"), lastChecked: z.number().optional() }),
  z.object({ status: z.literal("checking") }),
  /** A newer version is downloading in the background; `percent` 0–100 when known. */
  z.object({ status: z.literal("downloading"), version: z.string(), percent: z.number().min(0).max(100).optional() }),
  /** Downloaded and verified: "Restart to update" installs it. Never restarted without the user. */
  z.object({ status: z.literal("ready"), version: z.string() }),
  /** The last check or download failed; in words for Details. The next daily check tries again. */
  z.object({ status: z.literal("error"), message: z.string() }),
]);
export type UpdateState = z.infer<typeof updateStateSchema>;
