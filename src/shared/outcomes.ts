import { z } from "zod";
import { clientInfoSchema, clientListSchema } from "./client-info.js";
import { listErrorSchema, requestErrorSchema } from "./errors.js";
import { resultSchema } from "./result.js";

/** What a revoke took away, as the server's next list confirmed. */
export const removedAccessSchema = z.enum(["session", "fast-tokens", "grant"]);
export type RemovedAccess = z.infer<typeof removedAccessSchema>;

/**
 * Longest a revoke may take, start to outcome: the server's close timeout (5 s by default) for a
 * connected client to leave the list, a second revoke, a confirming list, and a margin. The UI says
 * "Signing … out" for up to this long.
 */
export const REVOKE_DEADLINE_MS = 12_000;

/** A revoke's outcome: what the server's next list showed after it, never more. */
export const revokeOutcomeSchema = z.discriminatedUnion("outcome", [
  /** No longer listed: nothing of it has access. `removed`: what the revoke took, confirmed. */
  z.object({ outcome: z.literal("gone"), removed: z.array(removedAccessSchema) }),
  /** Not in a fresh list (or the server had nothing to revoke): it already had no access. */
  z.object({ outcome: z.literal("already-gone") }),
  /**
   * Listed and disconnected; `removed` confirmed gone (its tokens only when a revoke reached it
   * while it was disconnected). It knows the password: only a password change locks it out.
   */
  z.object({ outcome: z.literal("knows-password"), removed: z.array(removedAccessSchema) }),
  /** Signed out, but it signed in again before Warden could finish: with the password, or a token the server kept. */
  z.object({ outcome: z.literal("signed-in-again"), with: z.enum(["password", "token"]) }),
  /** This device's own entry: the server closed this session and Warden signed out here. */
  z.object({ outcome: z.literal("signed-out-self") }),
  /** The deadline passed before the server's list confirmed the client gone or disconnected. */
  z.object({ outcome: z.literal("not-confirmed"), connected: z.boolean() }),
  z.object({ outcome: z.literal("forbidden"), text: z.string().optional() }),
  /** `retryLater`: the server said so (error type "wait"). */
  z.object({ outcome: z.literal("failed"), condition: z.string(), text: z.string().optional(), retryLater: z.boolean() }),
]);
export type RevokeOutcome = z.infer<typeof revokeOutcomeSchema>;

export const revokeErrorSchema = z.discriminatedUnion("kind", [
  ...requestErrorSchema.options,
  z.object({ kind: z.literal("unsupported") }),
  z.object({ kind: z.literal("confirmation-required") }),
]);
export type RevokeError = z.infer<typeof revokeErrorSchema>;

export const revokeResultSchema = resultSchema(revokeOutcomeSchema, revokeErrorSchema);
export type RevokeResult = z.infer<typeof revokeResultSchema>;

export const changePasswordErrorSchema = z.discriminatedUnion("kind", [
  ...requestErrorSchema.options,
  z.object({ kind: z.literal("empty-password") }),
  z.object({ kind: z.literal("same-as-current") }),
  /** The server did not accept the current password: nothing was changed or sent. */
  z.object({ kind: z.literal("wrong-current-password") }),
  /** The current password could not be checked (the second connection failed): nothing was changed. */
  z.object({ kind: z.literal("current-password-unverified"), detail: z.string() }),
  /** The server refused the new password (not-acceptable, not-allowed, …). */
  z.object({ kind: z.literal("refused"), condition: z.string(), text: z.string().optional() }),
  /** Changed, but signing in again with the new password failed. */
  z.object({ kind: z.literal("changed-but-sign-in-failed"), detail: z.string() }),
]);
export type ChangePasswordError = z.infer<typeof changePasswordErrorSchema>;

export const passwordChangedSchema = z.object({
  /**
   * The lists just before and just after the change were both read: `cutOff` says what lost
   * access. False: nothing is claimed about what lost access (and `remainingGrants` is empty when
   * the list after could not be read).
   */
  confirmed: z.boolean(),
  /** Listed just before the change (other than this device), gone from the next list. */
  cutOff: z.array(clientInfoSchema),
  /** App tokens (grants) that survive a password change and are still listed. */
  remainingGrants: z.array(clientInfoSchema),
  /** The fresh FAST token is stored for the next launch. */
  tokenRenewed: z.boolean(),
});
export type PasswordChanged = z.infer<typeof passwordChangedSchema>;

export const changePasswordResultSchema = resultSchema(passwordChangedSchema, changePasswordErrorSchema);
export type ChangePasswordResult = z.infer<typeof changePasswordResultSchema>;

export const listClientsResultSchema = resultSchema(clientListSchema, listErrorSchema);
export type ListClientsResult = z.infer<typeof listClientsResultSchema>;
