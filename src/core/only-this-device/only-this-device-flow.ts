import type { ChangePasswordRequest } from "../../shared/requests.js";
import type { ListClientsResult, RevokeResult } from "../../shared/outcomes.js";
import type { OnlyThisDeviceError, OnlyThisDeviceProgress, OnlyThisDeviceStep } from "../../shared/only-this-device.js";
import { err, ok, type Result } from "../../shared/result.js";
import { seenClientOf } from "../../shared/seen-client.js";
import type { ManageClientsContext } from "../manage-clients/context.js";
import { changePassword } from "../password/change-password.js";
import { passwordChangedEntry } from "../password/password-changed-entry.js";
import type { AccountSession } from "../session/account-session.js";
import type { NewActivityEntry } from "../watch/account-watch.js";

export interface OnlyThisDeviceDeps {
  context: ManageClientsContext;
  session: AccountSession;
  /** Lists, and shows the list as the core's own. */
  list: () => Promise<ListClientsResult>;
  /** Keeps the progress on this device and tells the UI, before the next step begins. */
  save: (progress: OnlyThisDeviceProgress) => void;
  /** Drops the progress: the flow did not get as far as changing the password. */
  drop: () => void;
  /** Revokes one entry with manage-clients' revokeClient and records it in Activity as by "only-this-device". */
  revoke: (id: string) => Promise<RevokeResult>;
  /** Adds to the account's Activity; never rejects. */
  record: (entry: NewActivityEntry) => Promise<void>;
  now: () => number;
}

/**
 * A stored progress the user can continue: the password is changed, the end not reached. Nothing
 * continues by itself after a launch: the account view carries the progress and the UI offers
 * Continue. The change that locks everyone else out is already done by then; what is left revokes
 * entries, which the user should see happen rather than find done by a window opened hours later.
 */
export function isUnfinished(progress: OnlyThisDeviceProgress | undefined): progress is OnlyThisDeviceProgress {
  return progress !== undefined && progress.done.includes("change-password") && progress.result === undefined;
}

const withDone = (progress: OnlyThisDeviceProgress, step: OnlyThisDeviceStep): OnlyThisDeviceProgress =>
  progress.done.includes(step) ? progress : { ...progress, done: [...progress.done, step] };

/**
 * Proves the current password, changes it, signs this device in again with a fresh FAST token, then
 * removes every other entry and verifies. Until the server accepted the new password nothing is
 * kept and the typed error says why (nothing was changed); from then on a stop is kept in the
 * progress (`stopped`), which `continueFlow` resumes once the account is online again.
 */
export async function startFlow(deps: OnlyThisDeviceDeps, request: ChangePasswordRequest): Promise<Result<OnlyThisDeviceProgress, OnlyThisDeviceError>> {
  let progress: OnlyThisDeviceProgress = { startedAt: deps.now(), done: [], revoked: [] };
  const changed = await changePassword(
    {
      context: deps.context,
      session: deps.session,
      list: deps.list,
      onStepDone: (step) => {
        progress = withDone(progress, step);
        deps.save(progress);
      },
    },
    request,
  );
  if (!changed.ok && !progress.done.includes("change-password")) {
    // The password is what it was: no trace of the flow stays behind, and the typed error says why.
    if (progress.done.length > 0) deps.drop();
    return err(changed.error);
  }
  const entry = passwordChangedEntry(changed);
  if (entry) await deps.record(entry);
  if (!changed.ok) {
    const detail = changed.error.kind === "changed-but-sign-in-failed" ? changed.error.detail : changed.error.kind;
    return ok(stop(deps, progress, "sign-in-again", `The password was changed, but signing this device in again with it failed (${detail}). Sign in with the new password, then continue.`));
  }
  progress = withDone(progress, "sign-in-again");
  deps.save(progress);
  return ok(await removeOthersAndVerify(deps, progress));
}

/**
 * Resumes a stored progress whose password change is done, on an account that is online again:
 * whatever signed it in did so after the change (the old password and tokens no longer work), so
 * signing in again is done.
 */
export async function continueFlow(deps: OnlyThisDeviceDeps, stored: OnlyThisDeviceProgress): Promise<OnlyThisDeviceProgress> {
  const { stopped: _previousStop, ...running } = stored;
  const progress = withDone(running, "sign-in-again");
  deps.save(progress);
  return removeOthersAndVerify(deps, progress);
}

async function removeOthersAndVerify(deps: OnlyThisDeviceDeps, start: OnlyThisDeviceProgress): Promise<OnlyThisDeviceProgress> {
  let progress = start;
  if (!progress.done.includes("remove-others")) {
    const listed = await deps.list();
    if (!listed.ok) return stop(deps, progress, "remove-others", `The list of what has access could not be read (${listed.error.kind}).`);
    for (const other of listed.value.clients.filter((client) => !client.isCurrent)) {
      const result = await deps.revoke(other.id);
      const client = seenClientOf(other);
      progress = { ...progress, revoked: [...progress.revoked, { client, result }] };
      deps.save(progress);
      // Without a connection the rest cannot be revoked either; the next try lists afresh.
      if (!result.ok && (result.error.kind === "disconnected" || result.error.kind === "not-signed-in")) {
        return stop(deps, progress, "remove-others", "The connection to the server dropped while removing the other entries.");
      }
    }
    progress = withDone(progress, "remove-others");
    deps.save(progress);
  }

  const listed = await deps.list();
  if (!listed.ok) return stop(deps, progress, "verify", `The list of what has access could not be read again (${listed.error.kind}).`);
  // "Only this device can use your account" is a claim about everything else: nothing else listed.
  const remaining = listed.value.clients.filter((client) => !client.isCurrent).map(seenClientOf);
  const verified = remaining.length === 0;
  progress = { ...withDone(progress, "verify"), result: { verified, remaining } };
  deps.save(progress);
  await deps.record({ kind: "only-this-device", verified, remaining });
  return progress;
}

function stop(deps: OnlyThisDeviceDeps, progress: OnlyThisDeviceProgress, step: OnlyThisDeviceStep, reason: string): OnlyThisDeviceProgress {
  const stopped = { ...progress, stopped: { step, reason } };
  deps.save(stopped);
  return stopped;
}
