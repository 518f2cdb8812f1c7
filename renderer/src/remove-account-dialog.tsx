import { useState, type ReactNode } from "react";
import { defineMessage, defineMessages, FormattedMessage, useIntl, type MessageTag } from "react-intl";
import { ConfirmActions, DialogError } from "./confirm-actions.js";
import { useAnnounce } from "./announcer.js";
import { useClientManager } from "./client-manager-context.js";
import { requestErrorMessage } from "./error-text.js";
import { ModalDialog } from "./modal-dialog.js";

const messages = defineMessages({
  title: { id: "removeAccount.title", defaultMessage: "Remove account from this device?" },
  lead: defineMessage<{ jid: string; account: MessageTag }>({
    id: "removeAccount.lead",
    defaultMessage:
      "Warden signs out of <account>{jid}</account> on this device and forgets its sign-in token, trusted certificates and what it knows about the server. The clients listed stay as they are.",
  }),
  removed: defineMessage<{ jid: string }>({ id: "removeAccount.removed", defaultMessage: "Warden removed {jid} from this device." }),
  failed: defineMessage<{ reason: string }>({ id: "removeAccount.failed", defaultMessage: "Nothing was removed. {reason}" }),
  remove: { id: "removeAccount.remove", defaultMessage: "Remove account" },
  removing: { id: "removeAccount.removing", defaultMessage: "Removing…" },
});

type RemoveAccountDialogProps = {
  jid: string;
  onClose: () => void;
  fallbackFocus?: () => HTMLElement | null | undefined;
};

/** Asks before Warden signs out of an account and forgets everything it kept for it on this device. */
export function RemoveAccountDialog({ jid, onClose, fallbackFocus }: RemoveAccountDialogProps) {
  const intl = useIntl();
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
      announce(intl.formatMessage(messages.removed, { jid }));
      onClose();
    } else {
      setError(intl.formatMessage(messages.failed, { reason: requestErrorMessage(intl, result.error) }));
    }
  }

  return (
    <ModalDialog title={intl.formatMessage(messages.title)} role="alertdialog" onClose={onClose} busy={busy} fallbackFocus={fallbackFocus}>
      <div className="modal-body">
        <p>
          <FormattedMessage {...messages.lead} values={{ jid, account: (chunks: ReactNode[]) => <strong className="jid">{chunks}</strong> }} />
        </p>
        <DialogError error={error} />
      </div>
      <ConfirmActions
        busy={busy}
        onCancel={onClose}
        onConfirm={() => void remove()}
        label={intl.formatMessage(messages.remove)}
        busyLabel={intl.formatMessage(messages.removing)}
        destructive
      />
    </ModalDialog>
  );
}
