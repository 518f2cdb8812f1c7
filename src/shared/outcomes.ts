import type { ClientInfo, ClientList } from "./client-info.js";
import type { ListError, RequestError } from "./errors.js";
import type { Result } from "./result.js";

/** What the server took away on the way to a password-reset-required answer. */
export type RemovedAccess = "session" | "fast-tokens";

export type RevokeOutcome =
  | { outcome: "revoked"; signedOut: boolean }
  /** Signed out and tokens removed, but it knows the password: only a password change locks it out. */
  | { outcome: "password-reset-required"; removed: RemovedAccess[] }
  | { outcome: "not-found" }
  | { outcome: "forbidden"; text?: string }
  | { outcome: "failed"; condition: string; text?: string };

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
