import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { defineMessage, defineMessages, FormattedMessage, useIntl, type IntlShape, type MessageTag } from "react-intl";
import { DIALOG_WORDS } from "./dialog-words.js";
import type { ClientInfo, ClientList, PasswordChanged, RevokeResult } from "../../src/shared/index.js";
import { useAnnounce } from "./announcer.js";
import { useClientManager } from "./client-manager-context.js";
import { clientName, kindLabel } from "./describe.js";
import { changePasswordErrorText } from "./error-text.js";
import { ModalDialog } from "./modal-dialog.js";
import { PasswordChangeAfter, PasswordChangeBefore } from "./password-change-effects.js";
import { PasswordFields, usePasswordFields, type PasswordFormError } from "./password-fields.js";
import { describeRevokeResult, revokedForGood } from "./revoke-outcome-text.js";

const messages = defineMessages({
  title: { id: "password.title", defaultMessage: "Change password" },
  account: defineMessage<{ jid: string; account: MessageTag }>({ id: "password.account", defaultMessage: "Account: <account>{jid}</account>" }),
  submit: { id: "password.submit", defaultMessage: "Change password" },
  working: { id: "password.working", defaultMessage: "Changing password…" },
  changedTitle: { id: "password.changed.title", defaultMessage: "Password changed" },
  changed: { id: "password.changed", defaultMessage: "Your password was changed." },
  tokenRenewed: { id: "password.changed.tokenRenewed", defaultMessage: "This device stays signed in and will remember you." },
  tokenNotRenewed: {
    id: "password.changed.tokenNotRenewed",
    defaultMessage: "This device stays signed in for now, but it couldn't save a new sign-in: you'll need your new password next time.",
  },
  grantsTitle: defineMessage<{ count: number }>({
    id: "password.grants.title",
    defaultMessage: "{count, plural, one {# app token still has access} other {# app tokens still have access}}",
  }),
  grantsExplain: {
    id: "password.grants.explain",
    defaultMessage: "App tokens keep working after a password change. Remove their access so that only this device keeps access; each app will need your new password to sign in again.",
  },
  grantItem: defineMessage<{ kind: string }>({ id: "passwordEffects.after.kind", defaultMessage: "({kind})", description: "After an entry's name. kind: “Session” or “App access”" }),
  revokingProgress: defineMessage<{ done: number; count: number }>({ id: "password.grants.progress", defaultMessage: "Removing access {done} of {count}…" }),
  someFailed: { id: "password.grants.someFailed", defaultMessage: "Warden couldn't confirm that every app token lost its access:" },
  revoking: { id: "password.grants.revoking", defaultMessage: "Removing access…" },
  removeOne: { id: "password.grants.removeOne", defaultMessage: "Remove access from the app token" },
  removeAll: defineMessage<{ count: number }>({ id: "password.grants.removeAll", defaultMessage: "Remove access from all {count} app tokens" }),
  removed: defineMessage<{ count: number }>({
    id: "password.grants.removed",
    defaultMessage: "Removed access from {count, plural, one {# app token} other {# app tokens}}. Only this device keeps access.",
  }),
  mayStillHaveAccess: defineMessage<{ count: number }>({
    id: "password.grants.mayStillHaveAccess",
    defaultMessage: "{count, plural, one {# app token may still have access.} other {# app tokens may still have access.}}",
  }),
});

type ChangePasswordDialogProps = {
  jid: string;
  /** The account's last list: what will lose access is said from it before the user confirms. */
  list: ClientList | null;
  onClose: () => void;
  /** The password changed but this device was signed out: say so on the sign-in screen. */
  onSignedOut: (message: string) => void;
  fallbackFocus?: () => HTMLElement | null | undefined;
};

type GrantsPhase =
  | { name: "offer" }
  | { name: "revoking"; done: number }
  | { name: "finished"; failures: { client: ClientInfo; text: string }[]; revoked: number }
  | { name: "none" };

type Phase = { name: "form"; error: PasswordFormError | null } | { name: "working" } | { name: "changed"; value: PasswordChanged; grants: GrantsPhase };

export function ChangePasswordDialog({ jid, list, onClose, onSignedOut, fallbackFocus }: ChangePasswordDialogProps) {
  const intl = useIntl();
  const api = useClientManager();
  const announce = useAnnounce();
  const [phase, setPhase] = useState<Phase>({ name: "form", error: null });
  const fields = usePasswordFields();
  const grantsId = useId();
  const bodyRef = useRef<HTMLDivElement>(null);

  // Each new phase puts focus on what to read or do next.
  useEffect(() => {
    if (phase.name === "form" && phase.error) bodyRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
    if (phase.name === "changed") bodyRef.current?.parentElement?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [phase]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (phase.name === "working") return;
    const invalid = fields.check(intl);
    if (invalid) {
      // Nothing was sent: the fields keep what was typed.
      setPhase({ name: "form", error: invalid });
      return;
    }
    // The fields hold no password once it has been handed to the core.
    const request = { jid, ...fields.take() };
    setPhase({ name: "working" });
    const result = await api.changePassword(request);
    if (result.ok) {
      // The core lists during the change and after each revoke: those lists arrive by themselves.
      announce(intl.formatMessage(messages.changed));
      setPhase({ name: "changed", value: result.value, grants: { name: result.value.remainingGrants.length > 0 ? "offer" : "none" } });
      return;
    }
    const { text, detail } = changePasswordErrorText(intl, result.error);
    if (result.error.kind === "changed-but-sign-in-failed" || result.error.kind === "not-signed-in") onSignedOut(text);
    // The fields were cleared: start again from the current password.
    const aboutCurrent = result.error.kind === "wrong-current-password" ? "current" : undefined;
    setPhase({ name: "form", error: { text, ...(detail === undefined ? {} : { detail }), field: "current", ...(aboutCurrent ? { at: aboutCurrent } : {}) } });
  }

  async function revokeGrants(grants: ClientInfo[]) {
    const failures: { client: ClientInfo; text: string }[] = [];
    let revoked = 0;
    for (const [index, grant] of grants.entries()) {
      setPhase((prev) => (prev.name === "changed" ? { ...prev, grants: { name: "revoking", done: index } } : prev));
      const result: RevokeResult = await api.revokeClient({ jid, id: grant.id });
      if (result.ok && revokedForGood(result.value)) revoked++;
      else failures.push({ client: grant, text: describeRevokeResult(intl, grant, result).text });
    }
    announce(failures.length === 0 ? removedText(intl, revoked) : intl.formatMessage(messages.mayStillHaveAccess, { count: failures.length }));
    setPhase((prev) => (prev.name === "changed" ? { ...prev, grants: { name: "finished", failures, revoked } } : prev));
  }

  const busy = phase.name === "working" || (phase.name === "changed" && phase.grants.name === "revoking");
  const error = phase.name === "form" ? phase.error : null;

  if (phase.name === "changed") {
    const { value, grants } = phase;
    const count = value.remainingGrants.length;
    return (
      <ModalDialog title={intl.formatMessage(messages.changedTitle)} onClose={onClose} busy={busy} fallbackFocus={fallbackFocus} className="password-dialog">
        <div className="modal-body" ref={bodyRef}>
          <p className="callout callout-success">
            {intl.formatMessage(messages.changed)} {intl.formatMessage(value.tokenRenewed ? messages.tokenRenewed : messages.tokenNotRenewed)}
          </p>
          <PasswordChangeAfter changed={value} />
          {count > 0 ? (
            <section aria-labelledby={grantsId} className="grants">
              <h3 id={grantsId}>{intl.formatMessage(messages.grantsTitle, { count })}</h3>
              <p>{intl.formatMessage(messages.grantsExplain)}</p>
              <ul className="grant-list">
                {value.remainingGrants.map((grant) => (
                  <li key={grant.id}>
                    {clientName(intl, grant)} <span className="muted">{intl.formatMessage(messages.grantItem, { kind: kindLabel(intl, grant.kind) })}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <div role="status" aria-live="polite">
            {grants.name === "revoking" ? (
              <span className="progress-text">{intl.formatMessage(messages.revokingProgress, { done: grants.done + 1, count })}</span>
            ) : grants.name === "finished" ? (
              grants.failures.length === 0 ? (
                <p className="callout callout-success">{removedText(intl, grants.revoked)}</p>
              ) : (
                <div className="callout callout-error">
                  <p>{intl.formatMessage(messages.someFailed)}</p>
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
            <button type="button" className="button button-danger" disabled={busy} onClick={() => void revokeGrants(value.remainingGrants)}>
              {grants.name === "revoking"
                ? intl.formatMessage(messages.revoking)
                : count === 1
                  ? intl.formatMessage(messages.removeOne)
                  : intl.formatMessage(messages.removeAll, { count })}
            </button>
          ) : null}
          {/* Done is the default: keeping the app tokens is a choice too. */}
          <button type="button" className="button button-primary" data-autofocus="" onClick={onClose} disabled={busy}>
            {intl.formatMessage(DIALOG_WORDS.done)}
          </button>
        </div>
      </ModalDialog>
    );
  }

  return (
    <ModalDialog title={intl.formatMessage(messages.title)} onClose={onClose} busy={busy} fallbackFocus={fallbackFocus} className="password-dialog">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="modal-body" ref={bodyRef}>
          <p className="dialog-lead">
            <FormattedMessage {...messages.account} values={{ jid, account: (chunks: ReactNode[]) => <strong className="jid">{chunks}</strong> }} />
          </p>
          <PasswordChangeBefore list={list} />
          {/* For password managers: which account these passwords belong to. */}
          <input type="text" name="username" autoComplete="username" value={jid} readOnly hidden />
          <PasswordFields fields={fields} error={error} busy={busy} />
        </div>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {intl.formatMessage(DIALOG_WORDS.cancel)}
          </button>
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {intl.formatMessage(phase.name === "working" ? messages.working : messages.submit)}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** "Removed access from 2 app tokens. Only this device keeps access." */
function removedText(intl: IntlShape, count: number): string {
  return intl.formatMessage(messages.removed, { count });
}
