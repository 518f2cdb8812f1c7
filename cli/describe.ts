// What went wrong, in plain words, and the exit status it means (exit-codes.ts).
import type { AccountError } from "../src/shared/account-state.js";
import type { ListError, RequestError } from "../src/shared/errors.js";
import type { ChangePasswordError, RevokeError, RevokeOutcome } from "../src/shared/outcomes.js";
import { EXIT, failure, type ExitCode, type Failure } from "./exit-codes.js";

export function requestFailure(error: RequestError): Failure {
  switch (error.kind) {
    case "not-signed-in":
      return failure(EXIT.unreachable, "Not signed in to this account on this device.");
    case "disconnected":
      return failure(EXIT.unreachable, "The connection to the server was lost.");
    case "timeout":
      return failure(EXIT.unreachable, "The server did not answer in time.");
    case "invalid-request":
      return failure(EXIT.usage, `Warden could not make this request: ${error.detail}`);
    case "protocol":
      return failure(EXIT.refused, `The server's answer did not follow the protocol: ${error.detail}`);
    case "internal":
      return failure(EXIT.refused, `Something went wrong inside Warden: ${error.message}`);
  }
}

export function signInFailure(jid: string, error: AccountError | RequestError): Failure {
  switch (error.kind) {
    case "auth-failed":
      return failure(EXIT.refused, `The server did not accept the password for ${jid}${error.text ? `: ${error.text}` : "."}`);
    case "certificate":
      return failure(
        EXIT.unreachable,
        `The server's certificate could not be verified (${error.reason}), so nothing was sent.` +
          (error.pinMismatch ? " It differs from the certificate trusted before." : "") +
          `\nCertificate SHA-256: ${error.fingerprint256}\nIssued to: ${error.subject}; by: ${error.issuer}`,
      );
    case "network":
      return failure(EXIT.unreachable, `Could not connect to the server for ${jid}: ${error.message}`);
    case "timeout":
      return failure(EXIT.unreachable, `The server for ${jid} did not answer in time.`);
    case "server-unsupported":
      return failure(EXIT.unreachable, `The server for ${jid} offers no safe way to sign in: ${error.detail}`);
    case "insecure-stream":
      return failure(
        EXIT.unreachable,
        error.reason === "no-encryption"
          ? `The server for ${jid} offered no encryption, so nothing was sent.`
          : `The server for ${jid} offered to go on without a sign-in, so Warden stopped.`,
      );
    case "downgrade":
      return failure(EXIT.unreachable, `The server for ${jid} offered less protection than before (missing: ${error.lost.join(", ")}), so Warden stopped.`);
    case "malformed-stream":
      return failure(EXIT.unreachable, `The server for ${jid} sent something Warden cannot read (${error.reason}), so Warden disconnected.`);
    case "invalid-jid":
      return failure(EXIT.usage, `Not an account address: ${jid}. ${error.detail}`);
    default:
      return requestFailure(error);
  }
}

export function listFailure(error: ListError): Failure {
  switch (error.kind) {
    case "unsupported":
      return failure(EXIT.refused, "This server does not let clients list what has access to the account.");
    case "forbidden":
      return failure(EXIT.refused, `The server does not allow this account to list what has access${error.text ? `: ${error.text}` : "."}`);
    case "server-error":
      return failure(EXIT.refused, `The server could not list what has access (${error.condition})${error.text ? `: ${error.text}` : "."}`);
    default:
      return requestFailure(error);
  }
}

export function revokeFailure(error: RevokeError): Failure {
  switch (error.kind) {
    case "unsupported":
      return failure(EXIT.refused, "This server does not let clients revoke access.");
    case "confirmation-required":
      return failure(EXIT.usage, "This is the command line's own entry: revoking it signs the command line out. Confirm it, or pass --yes.");
    default:
      return requestFailure(error);
  }
}

/** A revoke's outcome as a sentence, and whether it counts as done. */
export function revokeOutcome(outcome: RevokeOutcome): { code: ExitCode; message: string } {
  switch (outcome.outcome) {
    case "gone":
      return { code: EXIT.done, message: "signed out; it has no access any more." };
    case "already-gone":
      return { code: EXIT.done, message: "already had no access." };
    case "knows-password":
      return { code: EXIT.done, message: "signed out, but it knows the password: change the password to keep it out." };
    case "signed-out-self":
      return { code: EXIT.done, message: "this was the command line's own sign-in: signed out here." };
    case "signed-in-again":
      return { code: EXIT.refused, message: `signed out, but it signed in again at once with ${outcome.with === "password" ? "the password" : "a token the server kept"}.` };
    case "not-confirmed":
      return { code: EXIT.refused, message: `the server did not confirm it gone in time${outcome.connected ? " (it is still connected)" : ""}.` };
    case "forbidden":
      return { code: EXIT.refused, message: `the server does not allow this${outcome.text ? `: ${outcome.text}` : "."}` };
    case "failed":
      return {
        code: EXIT.refused,
        message: `the server refused (${outcome.condition})${outcome.text ? `: ${outcome.text}` : ""}${outcome.retryLater ? "; try again later" : ""}.`,
      };
  }
}

export function changePasswordFailure(error: ChangePasswordError): Failure {
  switch (error.kind) {
    case "empty-password":
      return failure(EXIT.usage, "The new password is empty: nothing was changed.");
    case "same-as-current":
      return failure(EXIT.usage, "The new password is the current one: nothing was changed.");
    case "wrong-current-password":
      return failure(EXIT.refused, "The server did not accept the current password: nothing was changed.");
    case "current-password-unverified":
      return failure(EXIT.unreachable, `The current password could not be checked (${error.detail}): nothing was changed.`);
    case "refused":
      return failure(EXIT.refused, `The server refused the new password (${error.condition})${error.text ? `: ${error.text}` : "."} Nothing was changed.`);
    case "changed-but-sign-in-failed":
      return failure(EXIT.refused, `The password was changed, but signing in again with it failed (${error.detail}). Run \`warden sign-in\` with the new password.`);
    default:
      return requestFailure(error);
  }
}
