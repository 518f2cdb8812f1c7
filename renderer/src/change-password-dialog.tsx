import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { ClientInfo, PasswordChanged, RevokeResult } from "../../src/shared/index.js";
import { useAnnounce } from "./announcer.js";
import { useClientManager } from "./client-manager-context.js";
import { changePasswordErrorMessage, clientName, kindLabel } from "./describe.js";
import { ModalDialog } from "./modal-dialog.js";
import { passwordStrength } from "./password-strength.js";
import { describeRevokeResult, revokedForGood } from "./revoke-outcome-text.js";

type ChangePasswordDialogProps = {
  jid: string;
  onClose: () => void;
  /** The password changed but this device was signed out: say so on the sign-in screen. */
  onSignedOut: (message: string) => void;
  fallbackFocus?: () => HTMLElement | null | undefined;
};

type GrantsPhase =
  | { name: "offer" }
  | { name: "revoking"; done: number }
  | { name: "finished"; failures: { client: ClientInfo; text: string }[]; revoked: number }
  | { name: "kept" };

type Field = "current" | "next" | "confirm";
/** `field`: where focus goes; `at`: the field the message is about, shown next to it (else below the form). */
type Phase = { name: "form"; error: string | null; field?: Field; at?: Field } | { name: "working" } | { name: "changed"; value: PasswordChanged; grants: GrantsPhase };

export function ChangePasswordDialog({ jid, onClose, onSignedOut, fallbackFocus }: ChangePasswordDialogProps) {
  const api = useClientManager();
  const announce = useAnnounce();
  const [phase, setPhase] = useState<Phase>({ name: "form", error: null });
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const ids = { current: useId(), next: useId(), confirm: useId(), hint: useId(), error: useId() };
  const bodyRef = useRef<HTMLDivElement>(null);
  const strength = passwordStrength(next);

  // Each new phase puts focus on what to read or do next.
  useEffect(() => {
    if (phase.name === "form" && phase.error) bodyRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
    if (phase.name === "changed") bodyRef.current?.parentElement?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [phase]);

  function clearFields() {
    setCurrent("");
    setNext("");
    setConfirm("");
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (phase.name === "working") return;
    const invalid: [string, Field] | null =
      current === ""
        ? ["Enter your current password.", "current"]
        : next === ""
          ? ["Enter a new password.", "next"]
          : next !== confirm
            ? ["The new passwords don't match. Type the same new password twice.", "confirm"]
            : next === current
              ? ["The new password must be different from your current one.", "next"]
              : null;
    if (invalid) {
      // Nothing was sent: the fields keep what was typed.
      setPhase({ name: "form", error: invalid[0], field: invalid[1], at: invalid[1] });
      return;
    }
    const request = { jid, currentPassword: current, newPassword: next };
    // The fields hold no password once it has been handed to the core.
    clearFields();
    setPhase({ name: "working" });
    const result = await api.changePassword(request);
    if (result.ok) {
      // The core lists during the change and after each revoke: those lists arrive by themselves.
      announce("Your password was changed.");
      setPhase({ name: "changed", value: result.value, grants: { name: result.value.remainingGrants.length > 0 ? "offer" : "kept" } });
      return;
    }
    if (result.error.kind === "changed-but-sign-in-failed" || result.error.kind === "not-signed-in") {
      onSignedOut(changePasswordErrorMessage(result.error));
    }
    // The fields were cleared: start again from the current password.
    const aboutCurrent = result.error.kind === "wrong-current-password" ? "current" : undefined;
    setPhase({ name: "form", error: changePasswordErrorMessage(result.error), field: "current", at: aboutCurrent });
  }

  async function revokeGrants(grants: ClientInfo[]) {
    const failures: { client: ClientInfo; text: string }[] = [];
    let revoked = 0;
    for (const [index, grant] of grants.entries()) {
      setPhase((prev) => (prev.name === "changed" ? { ...prev, grants: { name: "revoking", done: index } } : prev));
      const result: RevokeResult = await api.revokeClient({ jid, id: grant.id });
      if (result.ok && revokedForGood(result.value)) revoked++;
      else failures.push({ client: grant, text: describeRevokeResult(grant, result).text });
    }
    announce(failures.length === 0 ? `Revoked ${revoked} app ${revoked === 1 ? "token" : "tokens"}. Only this device keeps access.` : `${failures.length} app ${failures.length === 1 ? "token" : "tokens"} may still have access.`);
    setPhase((prev) => (prev.name === "changed" ? { ...prev, grants: { name: "finished", failures, revoked } } : prev));
  }

  const busy = phase.name === "working" || (phase.name === "changed" && phase.grants.name === "revoking");
  const error = phase.name === "form" ? phase.error : null;
  const errorAt = phase.name === "form" ? phase.at : undefined;
  // One alert region, next to the field the message is about or below the form.
  const errorRegion = (at: Field | undefined) =>
    errorAt === at ? (
      <div id={ids.error} role="alert" className={error ? `callout callout-error${at ? " field-error" : ""}` : undefined}>
        {error}
      </div>
    ) : null;
  const invalidField = phase.name === "form" && phase.error ? phase.field : undefined;
  const fieldProps = (field: Field) => ({
    "aria-invalid": invalidField === field ? true : undefined,
    "aria-errormessage": invalidField === field ? ids.error : undefined,
  });

  if (phase.name === "changed") {
    const { value, grants } = phase;
    const count = value.remainingGrants.length;
    return (
      <ModalDialog title="Password changed" onClose={onClose} busy={busy} fallbackFocus={fallbackFocus} className="password-dialog">
        <div className="modal-body" ref={bodyRef}>
          <p className="callout callout-success">
            Your password was changed.{" "}
            {value.tokenRenewed
              ? "This device stays signed in and will remember you."
              : "This device stays signed in for now, but it couldn't save a new sign-in: you'll need your new password next time."}
          </p>
          {count > 0 ? (
            <section aria-labelledby={`${ids.hint}-grants`} className="grants">
              <h3 id={`${ids.hint}-grants`}>
                {count} app {count === 1 ? "token still has" : "tokens still have"} access
              </h3>
              <p>
                App tokens keep working after a password change. Revoke them so that only this device keeps access; each app will need
                your new password to sign in again.
              </p>
              <ul className="grant-list">
                {value.remainingGrants.map((grant) => (
                  <li key={grant.id}>
                    {clientName(grant)} <span className="muted">({kindLabel(grant.kind)})</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <div role="status" aria-live="polite">
            {grants.name === "revoking" ? (
              <span className="progress-text">
                Revoking {grants.done + 1} of {count}…
              </span>
            ) : grants.name === "finished" ? (
              grants.failures.length === 0 ? (
                <p className="callout callout-success">
                  Revoked {grants.revoked} app {grants.revoked === 1 ? "token" : "tokens"}. Only this device keeps access.
                </p>
              ) : (
                <div className="callout callout-error">
                  <p>Warden couldn't confirm that every app token was revoked:</p>
                  <ul>
                    {grants.failures.map((failure) => (
                      <li key={failure.client.id}>{failure.text}</li>
                    ))}
                  </ul>
                </div>
              )
            ) : null}
          </div>
        </div>
        <div className="modal-actions">
          {grants.name === "offer" || grants.name === "revoking" ? (
            <>
              <button type="button" className="button" onClick={() => setPhase({ ...phase, grants: { name: "kept" } })} disabled={busy}>
                Keep them
              </button>
              <button
                type="button"
                className="button button-danger"
                data-autofocus=""
                disabled={busy}
                onClick={() => void revokeGrants(value.remainingGrants)}
              >
                {grants.name === "revoking" ? "Revoking…" : count === 1 ? "Revoke app token" : `Revoke all ${count} app tokens`}
              </button>
            </>
          ) : (
            <button type="button" className="button button-primary" data-autofocus="" onClick={onClose}>
              Done
            </button>
          )}
        </div>
      </ModalDialog>
    );
  }

  return (
    <ModalDialog title="Change password" onClose={onClose} busy={busy} fallbackFocus={fallbackFocus} className="password-dialog">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="modal-body" ref={bodyRef}>
          <p className="dialog-lead">
            Account: <strong className="jid">{jid}</strong>
          </p>
          {/* For password managers: which account these passwords belong to. */}
          <input type="text" name="username" autoComplete="username" value={jid} readOnly hidden />
          <div className="field">
            <label htmlFor={ids.current}>Current password</label>
            <input
              id={ids.current}
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              {...fieldProps("current")}
              aria-describedby={error ? ids.error : undefined}
              disabled={busy}
            />
            {errorRegion("current")}
          </div>
          <div className="field">
            <label htmlFor={ids.next}>New password</label>
            <input
              id={ids.next}
              type="password"
              autoComplete="new-password"
              value={next}
              onChange={(e) => setNext(e.target.value)}
              aria-describedby={error ? `${ids.hint} ${ids.error}` : ids.hint}
              {...fieldProps("next")}
              disabled={busy}
            />
            <div className="strength" id={ids.hint} data-score={next ? strength.score : undefined}>
              <div className="strength-bar" aria-hidden="true">
                {[1, 2, 3, 4].map((step) => (
                  <span key={step} className={next && strength.score >= step ? "on" : undefined} />
                ))}
              </div>
              <span>
                {strength.label ? <strong>{strength.label}: </strong> : null}
                {strength.hint}
              </span>
            </div>
            {errorRegion("next")}
          </div>
          <div className="field">
            <label htmlFor={ids.confirm}>Confirm password</label>
            <input
              id={ids.confirm}
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              {...fieldProps("confirm")}
              aria-describedby={error ? ids.error : undefined}
              disabled={busy}
            />
            {errorRegion("confirm")}
          </div>
          {errorRegion(undefined)}
        </div>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {phase.name === "working" ? "Changing password…" : "Change password"}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
