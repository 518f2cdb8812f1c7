import { z } from "zod";
import { revokeResultSchema } from "./outcomes.js";
import { changePasswordErrorSchema } from "./outcomes.js";
import { seenClientSchema } from "./seen-client.js";

/**
 * "Only this device keeps access", in order. `check-password` proves the current password;
 * `change-password` sets the new one; `sign-in-again` signs this device in with the new password
 * for a fresh FAST token; `remove-others` revokes every other entry still listed; `verify` lists
 * again and compares.
 */
export const ONLY_THIS_DEVICE_STEPS = ["check-password", "change-password", "sign-in-again", "remove-others", "verify"] as const;
export const onlyThisDeviceStepSchema = z.enum(ONLY_THIS_DEVICE_STEPS);
export type OnlyThisDeviceStep = z.infer<typeof onlyThisDeviceStepSchema>;

/**
 * Where the flow stands, kept on this device (without any password) so that it resumes where it
 * stopped after the app closed or the connection dropped.
 */
export const onlyThisDeviceProgressSchema = z.object({
  startedAt: z.number(),
  /** Finished steps, in order. */
  done: z.array(onlyThisDeviceStepSchema),
  /** What each revoke of `remove-others` ended with, as the server's next list confirmed it. */
  revoked: z.array(z.object({ client: seenClientSchema, result: revokeResultSchema })),
  /** Why the flow stopped before the end (absent while running or once finished), in words for Details. */
  stopped: z.object({ step: onlyThisDeviceStepSchema, reason: z.string() }).optional(),
  /** Set by `verify`: `verified` only when the list after showed this device alone. */
  result: z.object({ verified: z.boolean(), remaining: z.array(seenClientSchema) }).optional(),
});
export type OnlyThisDeviceProgress = z.infer<typeof onlyThisDeviceProgressSchema>;

export const onlyThisDeviceErrorSchema = z.discriminatedUnion("kind", [
  ...changePasswordErrorSchema.options,
  /** `continueOnlyThisDevice` with nothing to continue, or a start while one is unfinished. */
  z.object({ kind: z.literal("no-flow") }),
  z.object({ kind: z.literal("already-running") }),
]);
export type OnlyThisDeviceError = z.infer<typeof onlyThisDeviceErrorSchema>;
