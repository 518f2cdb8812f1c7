// What a revoke did, in words: only what the server's next list showed (the core verifies it),
// never more. Technical names go to `detail`, shown behind "Details".
import { REVOKE_DEADLINE_MS, type ClientInfo, type RemovedAccess, type RevokeOutcome, type RevokeResult } from "../../src/shared/index.js";
import { clientName, inWords, revokeErrorMessage, serverSays } from "./describe.js";

export type RevokeOutcomeText = {
  tone: "success" | "warning" | "error";
  /** The dialog's title once the revoke has ended. */
  title: string;
  text: string;
  /** Technical detail, for a "Details" disclosure. */
  detail?: string;
  retry?: boolean;
  changePassword?: boolean;
};

const DEADLINE_SECONDS = Math.ceil(REVOKE_DEADLINE_MS / 1000);

/** Shown while a revoke runs: the core may wait for the server's close timeout before it answers. */
export function revokeProgressText(client: ClientInfo): string {
  return `Signing ${clientName(client)} out… This can take up to ${DEADLINE_SECONDS} seconds.`;
}

/** The removed things that can be named ("its sign-in tokens"); the session is said as "signed out". */
function removedThings(removed: RemovedAccess[]): string[] {
  const things: string[] = [];
  if (removed.includes("fast-tokens")) things.push("its sign-in tokens");
  if (removed.includes("grant")) things.push("its app token");
  return things;
}

/** " It was signed out and its sign-in tokens were removed.", or "" when the revoke confirmed nothing it took. */
function takenAway(removed: RemovedAccess[]): string {
  const things = removedThings(removed);
  const signedOut = removed.includes("session");
  if (things.length === 0) return signedOut ? " It was signed out." : "";
  const verb = things.length > 1 || removed.includes("fast-tokens") ? "were" : "was";
  const removedText = `${inWords(things)} ${verb} removed`;
  return signedOut ? ` It was signed out and ${removedText}.` : ` I${removedText.slice(1)}.`;
}

const TRANSPORT_ERRORS = new Set(["timeout", "disconnected", "protocol", "internal"]);

function outcomeText(name: string, outcome: RevokeOutcome): RevokeOutcomeText {
  switch (outcome.outcome) {
    case "gone":
      return { tone: "success", title: "Access revoked", text: `${name} no longer has access to your account.${takenAway(outcome.removed)}` };
    case "already-gone":
      return { tone: "success", title: "Already without access", text: `${name} already had no access. The list has been refreshed.` };
    case "knows-password": {
      const things = removedThings(outcome.removed);
      // "Signed out" only when the list saw it connected and then not; an offline client was not.
      const state = outcome.removed.includes("session") ? "Signed out" : "Not connected";
      const done = things.length > 0 ? `${state} and ${inWords(things)} removed` : state;
      return {
        tone: "warning",
        title: "Not locked out: it knows your password",
        text: `${done} — but it still knows your password. To lock it out, change your password.`,
        changePassword: true,
      };
    }
    case "signed-in-again":
      return outcome.with === "password"
        ? {
            tone: "warning",
            title: "Signed in again",
            text: `${name} was signed out, but it signed in again with your password. To lock it out, change your password.`,
            detail: "After the revoke, the server's list showed it connected again, signed in with the password.",
            changePassword: true,
          }
        : {
            tone: "warning",
            title: "Signed in again",
            text: `${name} was signed out, but it signed in again with a sign-in token the server kept. Try again to remove it.`,
            detail: "After the revoke, the server's list showed it connected again, signed in with a FAST token the server had not removed.",
            retry: true,
          };
    case "signed-out-self":
      return { tone: "success", title: "Access revoked", text: "The server closed this device's session and Warden signed you out here." };
    case "not-confirmed":
      return {
        tone: "warning",
        title: "Not confirmed",
        text: `Warden asked the server to sign ${name} out, but couldn't confirm it within ${DEADLINE_SECONDS} seconds. ${
          outcome.connected ? "When Warden last checked, it was still connected" : "When Warden last checked, it was not connected"
        }, and it may still have access. Try again.`,
        detail: `No list from the server within ${DEADLINE_SECONDS} s showed it gone${outcome.connected ? " or disconnected" : ""}; the last one showed it ${
          outcome.connected ? "connected" : "disconnected"
        }.`,
        retry: true,
      };
    case "forbidden":
      return {
        tone: "error",
        title: "Not revoked",
        text: `The server didn't allow revoking ${name}${outcome.text ? `: “${outcome.text}”` : "."}`,
        detail: "The server answered “forbidden”.",
      };
    case "failed":
      return {
        tone: "error",
        title: "Revoke failed",
        text: `The server couldn't revoke ${name}.${serverSays(outcome.text)}${outcome.retryLater ? " The server asked to try again later." : ""}`,
        detail: `The server answered “${outcome.condition}”${outcome.retryLater ? ", error type “wait”" : ""}.`,
        retry: true,
      };
  }
}

export function describeRevokeResult(client: ClientInfo, result: RevokeResult): RevokeOutcomeText {
  const name = clientName(client);
  if (result.ok) return outcomeText(name, result.value);
  const { error } = result;
  // A transport error may come after the server already did part of the revoke.
  const lead = TRANSPORT_ERRORS.has(error.kind) ? `Warden couldn't finish revoking ${name}, so it may still have access.` : `Couldn't revoke ${name}.`;
  return { tone: "error", title: "Revoke failed", text: `${lead} ${revokeErrorMessage(error)}`, retry: error.kind !== "unsupported" };
}

/** Whether the entry is confirmed without access, so nothing is left to do about it. */
export function revokedForGood(outcome: RevokeOutcome): boolean {
  switch (outcome.outcome) {
    case "gone":
    case "already-gone":
      return true;
    case "knows-password":
    case "signed-in-again":
    case "signed-out-self":
    case "not-confirmed":
    case "forbidden":
    case "failed":
      return false;
  }
}
