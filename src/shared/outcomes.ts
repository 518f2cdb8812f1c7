import type { ClientInfo, ClientList } from "./client-info.js";
import type { ListError, RequestError } from "./errors.js";
import type { Result } from "./result.js";

/** What a revoke took away, as the server's next list confirmed. */
export type RemovedAccess = "session" | "fast-tokens" | "grant";

/**
 * Longest a revoke may take, start to outcome: the server's close timeout (5 s by default) for a
 * connected client to leave the list, a second revoke, a confirming list, and a margin. The UI says
 * "Signing … out" for up to this long.
 */
export const REVOKE_DEADLINE_MS = 12_000;

/**
 * A revoke's outcome: what the server's next list showed after it, never more.
 */
export type RevokeOutcome =
  /** No longer listed: nothing of it has access. `removed`: what the revoke took, confirmed. */
  | { outcome: "gone"; removed: RemovedAccess[] }
  /** Not in a fresh list (or the server had nothing to revoke): it already had no access. */
  | { outcome: "already-gone" }
  /**
   * Listed and disconnected; `removed` confirmed gone (its tokens only when a revoke reached it
   * while it was disconnected). It knows the password: only a password change locks it out.
   */
  | { outcome: "knows-password"; removed: RemovedAccess[] }
  /** Signed out, but it signed in again before Warden could finish: with the password, or a token the server kept. */
  | { outcome: "signed-in-again"; with: "password" | "token" }
  /** This device's own entry: the server closed this session and Warden signed out here. */
  | { outcome: "signed-out-self" }
  /** The deadline passed before the server's list confirmed the client gone or disconnected. */
  | { outcome: "not-confirmed"; connected: boolean }
  | { outcome: "forbidden"; text?: string }
  /** `retryLater`: the server said so (error type "wait"). */
  | { outcome: "failed"; condition: string; text?: string; retryLater: boolean };

export type RevokeError = RequestError | { kind: "unsupported" } | { kind: "confirmation-required" };

export type RevokeResult = Result<RevokeOutcome, RevokeError>;

export type ChangePasswordError =
  | RequestError
  | { kind: "empty-password" }
  | { kind: "same-as-current" }
  /** The server did not accept the current password: nothing was changed or sent. */
  | { kind: "wrong-current-password" }
  /** The current password could not be checked (the second connection failed): nothing was changed. */
  | { kind: "current-password-unverified"; detail: string }
  /** The server refused the new password (not-acceptable, not-allowed, …). */
  | { kind: "refused"; condition: string; text?: string }
  /** Changed, but signing in again with the new password failed. */
  | { kind: "changed-but-sign-in-failed"; detail: string };

export type PasswordChanged = {
  /** App tokens (grants) that survive a password change and are still listed. */
  remainingGrants: ClientInfo[];
  /** The fresh FAST token is stored for the next launch. */
  tokenRenewed: boolean;
};

export type ChangePasswordResult = Result<PasswordChanged, ChangePasswordError>;

export type ListClientsResult = Result<ClientList, ListError>;
