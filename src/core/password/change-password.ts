import type { ChangePasswordRequest } from "../../shared/requests.js";
import type { ChangePasswordResult, ListClientsResult } from "../../shared/outcomes.js";
import { err, ok } from "../../shared/result.js";
import { buildPasswordChangeRequest, classifyPasswordChangeReply } from "../protocol/index.js";
import { listClients } from "../manage-clients/list-clients.js";
import type { AccountSession } from "../session/account-session.js";
import type { ManageClientsContext } from "../manage-clients/context.js";
import type { AccountError } from "../../shared/account-state.js";
import type { OnlyThisDeviceStep } from "../../shared/only-this-device.js";

export interface ChangePasswordDeps {
  context: ManageClientsContext;
  session: AccountSession;
  list: () => Promise<ListClientsResult>;
  /**
   * Told, synchronously, as the current password is proved and as the server accepts the new one,
   * before the next step begins ("Only this device keeps access" keeps its progress from these).
   */
  onStepDone?: (step: Extract<OnlyThisDeviceStep, "check-password" | "change-password">) => void;
}

/**
 * XEP-0077 password change, then what makes it useful: a fresh sign-in with the new password (the
 * server voided every FAST token, ours too), and the grants that survive a password change.
 */
export async function changePassword({ context, session, list, onStepDone }: ChangePasswordDeps, request: ChangePasswordRequest): Promise<ChangePasswordResult> {
  const { currentPassword, newPassword } = request;
  if (newPassword.length === 0) return err({ kind: "empty-password" });
  if (newPassword === currentPassword) return err({ kind: "same-as-current" });
  const account = session.account;
  if (!account) return err({ kind: "not-signed-in" });

  // Whoever sits at a signed-in Warden must still know the password to change it.
  const proved = await session.checkPassword(currentPassword);
  if (!proved.ok) {
    return err(proved.error.kind === "auth-failed" && proved.error.condition === "not-authorized" ? { kind: "wrong-current-password" } : { kind: "current-password-unverified", detail: accountErrorDetail(proved.error) });
  }
  onStepDone?.("check-password");

  // What had access just before: the next list then says what was cut off.
  const before = await listClients(context);
  const reply = await context.request(buildPasswordChangeRequest(account.domain, account.local, newPassword));
  if (!reply.ok) return reply;
  const classified = classifyPasswordChangeReply(reply.value);
  if (!classified.ok) return classified;
  if (classified.value.outcome === "refused") {
    const { condition, text } = classified.value;
    return err({ kind: "refused", condition, ...(text === undefined ? {} : { text }) });
  }
  onStepDone?.("change-password");

  const renewed = await session.renewWithPassword(newPassword);
  if (!renewed.ok) return err({ kind: "changed-but-sign-in-failed", detail: renewed.error.kind });
  const listed = await list();
  if (!listed.ok) return ok({ confirmed: false, cutOff: [], remainingGrants: [], tokenRenewed: renewed.value.tokenRenewed });
  const after = new Set(listed.value.clients.map((c) => c.id));
  return ok({
    confirmed: before.ok,
    cutOff: before.ok ? before.value.clients.filter((c) => !c.isCurrent && !after.has(c.id)) : [],
    remainingGrants: listed.value.clients.filter((c) => !c.isCurrent && (c.kind === "access" || c.authMethods.includes("token"))),
    tokenRenewed: renewed.value.tokenRenewed,
  });
}

/** A short, secret-free description of why the check could not be made. */
function accountErrorDetail(error: AccountError): string {
  switch (error.kind) {
    case "network":
      return error.message;
    case "certificate":
      return `the server's certificate could not be verified: ${error.reason}`;
    case "server-unsupported":
    case "invalid-jid":
      return error.detail;
    case "internal":
      return error.message;
    default:
      return error.kind;
  }
}
