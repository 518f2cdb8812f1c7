import { useId, useState, type ReactNode } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import { MAX_INACTIVE_AFTER_DAYS, type AccountOptions } from "../../src/shared/index.js";
import { useAnnounce } from "./announcer.js";
import { useClientManager } from "./client-manager-context.js";
import { DaysInput, daysInvalidText, parseDays } from "./days-field.js";
import { DesktopAlertsButton, usePageNotifies } from "./desktop-alerts.js";
import { DetailsDisclosure } from "./details-disclosure.js";
import { DIALOG_WORDS } from "./dialog-words.js";
import { ModalDialog } from "./modal-dialog.js";
import { usePreferences } from "./preferences-context.js";
import { saveFailedText, SettingError } from "./setting-error.js";
import { AutoUpdateSetting } from "./updates.js";

const messages = defineMessages({
  title: { id: "settings.title", defaultMessage: "Settings" },
  inactiveHeading: { id: "settings.inactive.heading", defaultMessage: "Inactive clients" },
  inactiveLabel: { id: "settings.inactive.label", defaultMessage: "Inactive after this many days" },
  inactiveHint: defineMessage<{ max: number }>({
    id: "settings.inactive.hint",
    defaultMessage: "A client or app not used for longer is marked inactive, on every account on this device. From 1 to {max} days.",
  }),
  inactiveSaved: defineMessage<{ days: number }>({
    id: "settings.inactive.saved",
    defaultMessage: "Clients not used for more than {days, plural, one {# day} other {# days}} are now marked inactive.",
  }),
  save: { id: "settings.save", defaultMessage: "Save" },
  namesHeading: { id: "settings.names.heading", defaultMessage: "Names you gave" },
  namesSync: { id: "settings.names.sync", defaultMessage: "Sync names with my other Warden installs (stored privately on your server)" },
  namesSyncHint: {
    id: "settings.names.syncHint",
    defaultMessage: "Off: your names for clients stay on this device. On: they are also kept in your account's private storage, which only you can read.",
  },
  namesSyncOn: { id: "settings.names.syncOn", defaultMessage: "Names are now synced with your server." },
  namesSyncOff: { id: "settings.names.syncOff", defaultMessage: "Names now stay on this device only." },
  namesSyncProblem: {
    id: "settings.names.syncProblem",
    defaultMessage: "The last sync with your server didn't work. Your names are safe on this device; Warden tries again.",
  },
  alertsHeading: { id: "settings.alerts.heading", defaultMessage: "Desktop alerts" },
  alertsHint: { id: "settings.alerts.hint", defaultMessage: "A notification when something new signs in to one of your accounts." },
});

type SettingsDialogProps = {
  jid: string;
  options: AccountOptions;
  onClose: () => void;
  /** More sections from other features (the cleanup rule, the desktop app's background options). */
  children?: ReactNode;
  fallbackFocus?: () => HTMLElement | null | undefined;
};

/** This install's and this account's settings, each saved on its own and said in words once saved. */
export function SettingsDialog({ jid, options, onClose, children, fallbackFocus }: SettingsDialogProps) {
  const intl = useIntl();
  return (
    <ModalDialog title={intl.formatMessage(messages.title)} onClose={onClose} fallbackFocus={fallbackFocus} className="settings-dialog">
      <div className="modal-body settings-sections">
        <InactiveAfterSetting />
        <NicknameSyncSetting jid={jid} options={options} />
        <DesktopAlertsSetting />
        <AutoUpdateSetting />
        {children}
      </div>
      <div className="modal-actions">
        <button type="button" className="button button-primary" onClick={onClose}>
          {intl.formatMessage(DIALOG_WORDS.done)}
        </button>
      </div>
    </ModalDialog>
  );
}

function InactiveAfterSetting() {
  const intl = useIntl();
  const api = useClientManager();
  const announce = useAnnounce();
  const { inactiveAfterDays } = usePreferences();
  const [value, setValue] = useState(String(inactiveAfterDays));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();

  async function save() {
    const days = parseDays(value);
    if (days === null) {
      setError(daysInvalidText(intl));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await api.setPreferences({ inactiveAfterDays: days });
    setBusy(false);
    if (result.ok) announce(intl.formatMessage(messages.inactiveSaved, { days }));
    else setError(saveFailedText(intl, result.error));
  }

  return (
    <section className="settings-section">
      <h3>{intl.formatMessage(messages.inactiveHeading)}</h3>
      <form
        className="settings-inline"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label htmlFor={fieldId}>{intl.formatMessage(messages.inactiveLabel)}</label>
        <DaysInput
          id={fieldId}
          value={value}
          onChange={setValue}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          aria-invalid={error !== null}
          disabled={busy}
        />
        <button type="submit" className="button button-small" disabled={busy} aria-busy={busy}>
          {intl.formatMessage(messages.save)}
        </button>
      </form>
      <p id={hintId} className="muted">
        {intl.formatMessage(messages.inactiveHint, { max: MAX_INACTIVE_AFTER_DAYS })}
      </p>
      <SettingError id={errorId} error={error} />
    </section>
  );
}

function NicknameSyncSetting({ jid, options }: { jid: string; options: AccountOptions }) {
  const intl = useIntl();
  const api = useClientManager();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();
  const hintId = useId();

  async function toggle(enabled: boolean) {
    setBusy(true);
    setError(null);
    const result = await api.setNicknameSync({ jid, enabled });
    setBusy(false);
    // The checkbox follows the options the core pushes ("account-options-changed").
    if (result.ok) announce(intl.formatMessage(enabled ? messages.namesSyncOn : messages.namesSyncOff));
    else setError(saveFailedText(intl, result.error));
  }

  return (
    <section className="settings-section">
      <h3>{intl.formatMessage(messages.namesHeading)}</h3>
      <div className="settings-check">
        <input
          id={fieldId}
          type="checkbox"
          checked={options.nicknameSync}
          onChange={(event) => void toggle(event.target.checked)}
          disabled={busy}
          aria-describedby={hintId}
        />
        <label htmlFor={fieldId}>{intl.formatMessage(messages.namesSync)}</label>
      </div>
      <p id={hintId} className="muted">
        {intl.formatMessage(messages.namesSyncHint)}
      </p>
      {options.nicknameSync && options.nicknameSyncProblem ? (
        <div className="callout callout-warning">
          <p>{intl.formatMessage(messages.namesSyncProblem)}</p>
          <DetailsDisclosure detail={options.nicknameSyncProblem} />
        </div>
      ) : null}
      <SettingError error={error} />
    </section>
  );
}

/** Browser mode only: the desktop app notifies without asking. */
function DesktopAlertsSetting() {
  const intl = useIntl();
  if (!usePageNotifies()) return null;
  return (
    <section className="settings-section">
      <h3>{intl.formatMessage(messages.alertsHeading)}</h3>
      <p className="muted">{intl.formatMessage(messages.alertsHint)}</p>
      <DesktopAlertsButton />
    </section>
  );
}
