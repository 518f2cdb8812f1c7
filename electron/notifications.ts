// The desktop notification shown when a removal or password change finishes while Warden's window
// is not focused: which outcome earns which words. Pure: main.ts shows it with Electron's
// Notification. The words (alert-text.ts) carry no secrets (no passwords, tokens, addresses or
// client names), only what happened.
import type { ClientManagerMethod } from "../src/shared/api.js";
import { completionText, type CompletionKind, type Notice } from "../src/shared/alert-text.js";
import type { RevokeOutcome } from "../src/shared/outcomes.js";
import type { Language } from "../src/shared/requests.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function completionKind(method: "revokeClient" | "changePassword", result: Record<string, unknown>): CompletionKind {
  if (method === "changePassword") {
    if (result.ok === true) return "password-changed";
    // The server took the new password; only this device's sign-in with it failed.
    return isRecord(result.error) && result.error.kind === "changed-but-sign-in-failed" ? "password-changed-sign-in-failed" : "password-not-changed";
  }
  if (result.ok !== true) return "remove-failed";
  const outcome = isRecord(result.value) ? (result.value.outcome as RevokeOutcome["outcome"] | undefined) : undefined;
  switch (outcome) {
    case "gone":
    case "already-gone":
      return "access-removed";
    case "signed-out-self":
    case "knows-password":
    case "signed-in-again":
    case "not-confirmed":
      return outcome;
    default:
      return "not-removed";
  }
}

export function completionNotice(method: ClientManagerMethod, result: unknown, language: Language): Notice | null {
  if (method !== "revokeClient" && method !== "changePassword") return null;
  if (!isRecord(result) || typeof result.ok !== "boolean") return null;
  return completionText(completionKind(method, result), language);
}
