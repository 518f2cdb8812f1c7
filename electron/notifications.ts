// The desktop notification shown when a revoke or password change finishes while Warden's window is
// not focused. Pure: main.ts shows it with Electron's Notification. Texts carry no secrets (no
// passwords, tokens, addresses or client names), only what happened.
import type { ClientManagerMethod } from "../src/shared/api.js";
import type { Notice } from "../src/shared/alert-text.js";
import type { RevokeOutcome } from "../src/shared/outcomes.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function completionNotice(method: ClientManagerMethod, result: unknown): Notice | null {
  if (method !== "revokeClient" && method !== "changePassword") return null;
  if (!isRecord(result) || typeof result.ok !== "boolean") return null;
  if (method === "changePassword") {
    return result.ok
      ? { title: "Password changed", body: "Your new password is in effect. Open Warden to review the app tokens that still have access." }
      : { title: "Password not changed", body: "Open Warden to see why." };
  }
  if (!result.ok) return { title: "Revoke failed", body: "Open Warden to see why." };
  const outcome = isRecord(result.value) ? (result.value.outcome as RevokeOutcome["outcome"] | undefined) : undefined;
  switch (outcome) {
    case "gone":
    case "already-gone":
      return { title: "Access revoked", body: "The client can no longer use your account." };
    case "signed-out-self":
      return { title: "Signed out", body: "This device's access was revoked." };
    case "knows-password":
      return { title: "Signed out — change your password", body: "The client still knows your password. Open Warden to change it." };
    case "signed-in-again":
      return { title: "Not locked out", body: "The client signed in again. Open Warden to see what to do." };
    case "not-confirmed":
      return { title: "Revoke not confirmed", body: "The client may still have access. Open Warden to try again." };
    default:
      return { title: "Not revoked", body: "Open Warden to see what the server said." };
  }
}
