import { useId, useState, type ReactNode } from "react";
import { defineMessage, defineMessages, FormattedMessage, useIntl, type MessageTag } from "react-intl";
import { ConfirmActions, DialogError } from "./confirm-actions.js";
import type { CredentialStorage } from "../../src/shared/index.js";
import { useClientManager } from "./client-manager-context.js";
import { requestErrorMessage } from "./error-text.js";
import { ModalDialog } from "./modal-dialog.js";

const messages = defineMessages({
  title: { id: "signOut.title", defaultMessage: "Sign out of Warden?" },
  lead: defineMessage<{ jid: string; account: MessageTag }>({
    id: "signOut.lead",
    defaultMessage: "Warden disconnects <account>{jid}</account> on this device. Your other clients keep their access.",
  }),
  forget: { id: "signOut.forget", defaultMessage: "Forget this device's credentials" },
  forgetKeychain: { id: "signOut.forget.keychain", defaultMessage: "Removes the sign-in token from your keychain: you'll need your password next time." },
  forgetOther: { id: "signOut.forget.other", defaultMessage: "Removes anything this device stored for the account: you'll need your password next time." },
  signOut: { id: "entry.action.signOut", defaultMessage: "Sign out" },
  signingOut: { id: "revoke.signingOut", defaultMessage: "Signing out…" },
});

type SignOutDialogProps = {
  jid: string;
  credentials: CredentialStorage | undefined;
  onClose: () => void;
  /** Called after signing out, with whether this device's credentials were forgotten. */
  onSignedOut: (forgot: boolean) => void;
};

export function SignOutDialog({ jid, credentials, onClose, onSignedOut }: SignOutDialogProps) {
  const intl = useIntl();
  const api = useClientManager();
  const forgetId = useId();
  const [forget, setForget] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    setBusy(true);
    const result = await api.signOut({ jid, forgetCredentials: forget });
    setBusy(false);
    if (result.ok) onSignedOut(forget);
    else setError(requestErrorMessage(intl, result.error));
  }

  return (
    <ModalDialog title={intl.formatMessage(messages.title)} onClose={onClose} busy={busy}>
      <div className="modal-body">
        <p>
          <FormattedMessage {...messages.lead} values={{ jid, account: (chunks: ReactNode[]) => <strong className="jid">{chunks}</strong> }} />
        </p>
        <div className="checkbox-field">
          <input id={forgetId} type="checkbox" checked={forget} onChange={(e) => setForget(e.target.checked)} disabled={busy} />
          <label htmlFor={forgetId}>
            {intl.formatMessage(messages.forget)}
            <span className="hint">{intl.formatMessage(credentials === "keychain" ? messages.forgetKeychain : messages.forgetOther)}</span>
          </label>
        </div>
        <DialogError error={error} />
      </div>
      <ConfirmActions
        busy={busy}
        onCancel={onClose}
        onConfirm={() => void signOut()}
        label={intl.formatMessage(messages.signOut)}
        busyLabel={intl.formatMessage(messages.signingOut)}
        destructive={false}
      />
    </ModalDialog>
  );
}
