import { useId, useState } from "react";
import type { CredentialStorage } from "../../src/shared/index.js";
import { useClientManager } from "./client-manager-context.js";
import { signInErrorMessage } from "./describe.js";
import { ModalDialog } from "./modal-dialog.js";

type SignOutDialogProps = {
  jid: string;
  credentials: CredentialStorage | undefined;
  onClose: () => void;
  /** Called after signing out, with whether this device's credentials were forgotten. */
  onSignedOut: (forgot: boolean) => void;
};

export function SignOutDialog({ jid, credentials, onClose, onSignedOut }: SignOutDialogProps) {
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
    else setError(signInErrorMessage(result.error));
  }

  return (
    <ModalDialog title="Sign out of Warden?" onClose={onClose} busy={busy}>
      <div className="modal-body">
        <p>
          Warden disconnects <strong className="jid">{jid}</strong> on this device. Your other clients keep their access.
        </p>
        <div className="checkbox-field">
          <input id={forgetId} type="checkbox" checked={forget} onChange={(e) => setForget(e.target.checked)} disabled={busy} />
          <label htmlFor={forgetId}>
            Forget this device's credentials
            <span className="hint">
              {credentials === "keychain"
                ? "Removes the sign-in token from your keychain: you'll need your password next time."
                : "Removes anything this device stored for the account: you'll need your password next time."}
            </span>
          </label>
        </div>
        <div role="alert" className={error ? "callout callout-error" : undefined}>
          {error}
        </div>
      </div>
      <div className="modal-actions">
        <button type="button" className="button" data-autofocus="" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={() => void signOut()} disabled={busy} aria-busy={busy}>
          {busy ? "Signing out…" : "Sign out"}
        </button>
      </div>
    </ModalDialog>
  );
}
