import { useState } from "react";
import { useAnnounce } from "./announcer.js";
import { useClientManager } from "./client-manager-context.js";
import { requestErrorMessage } from "./describe.js";
import { ModalDialog } from "./modal-dialog.js";

type RemoveAccountDialogProps = {
  jid: string;
  onClose: () => void;
  fallbackFocus?: () => HTMLElement | null | undefined;
};

/** Asks before Warden signs out of an account and forgets everything it kept for it on this device. */
export function RemoveAccountDialog({ jid, onClose, fallbackFocus }: RemoveAccountDialogProps) {
  const api = useClientManager();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    const result = await api.removeAccount({ jid });
    setBusy(false);
    if (result.ok) {
      // The account leaves the window with the core's "account-removed" event.
      announce(`Warden removed ${jid} from this device.`);
      onClose();
    } else {
      setError(`Nothing was removed. ${requestErrorMessage(result.error)}`);
    }
  }

  return (
    <ModalDialog title="Remove account from this device?" role="alertdialog" onClose={onClose} busy={busy} fallbackFocus={fallbackFocus}>
      <div className="modal-body">
        <p>
          Warden signs out of <strong className="jid">{jid}</strong> on this device and forgets its sign-in token, trusted certificates and
          what it knows about the server. The clients listed stay as they are.
        </p>
        <div role="alert" className={error ? "callout callout-error" : undefined}>
          {error}
        </div>
      </div>
      <div className="modal-actions">
        <button type="button" className="button" data-autofocus="" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={() => void remove()} disabled={busy} aria-busy={busy}>
          {busy ? "Removing…" : "Remove account"}
        </button>
      </div>
    </ModalDialog>
  );
}
