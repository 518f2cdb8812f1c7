import type { ChangePasswordResult } from "../../shared/outcomes.js";
import { seenClientOf } from "../../shared/seen-client.js";
import type { NewActivityEntry } from "../watch/account-watch.js";

/**
 * The Activity line a password change earns, or undefined when the password did not change. A
 * change whose sign-in again failed still changed the password; what it cut off is then unknown.
 */
export function passwordChangedEntry(result: ChangePasswordResult): NewActivityEntry | undefined {
  if (result.ok) return { kind: "password-changed", confirmed: result.value.confirmed, cutOff: result.value.cutOff.map(seenClientOf) };
  return result.error.kind === "changed-but-sign-in-failed" ? { kind: "password-changed", confirmed: false, cutOff: [] } : undefined;
}
