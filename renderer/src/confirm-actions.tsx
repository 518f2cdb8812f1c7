import { useIntl } from "react-intl";
import { DIALOG_WORDS } from "./dialog-words.js";

/** Where a confirmation says why its action failed: announced, and empty until then. */
export function DialogError({ error }: { error: string | null }) {
  return (
    <div role="alert" className={error ? "callout callout-error" : undefined}>
      {error}
    </div>
  );
}

type ConfirmActionsProps = {
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  /** The action's own words, and what it says while it runs. */
  label: string;
  busyLabel: string;
  /** It takes something away (red), rather than the dialog's ordinary next step. */
  destructive: boolean;
};

/** A confirmation's two buttons: Cancel, focused first, and the action, busy while it runs. */
export function ConfirmActions({ busy, onCancel, onConfirm, label, busyLabel, destructive }: ConfirmActionsProps) {
  const intl = useIntl();
  return (
    <div className="modal-actions">
      <button type="button" className="button" data-autofocus="" onClick={onCancel} disabled={busy}>
        {intl.formatMessage(DIALOG_WORDS.cancel)}
      </button>
      <button type="button" className={destructive ? "button button-danger" : "button button-primary"} onClick={onConfirm} disabled={busy} aria-busy={busy}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}
