import { useId, useState } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import type { UpdateState } from "../../src/shared/index.js";
import { useAnnounce } from "./announcer.js";
import { useClientManager } from "./client-manager-context.js";
import { DetailsDisclosure } from "./details-disclosure.js";
import { requestErrorMessage } from "./error-text.js";
import { usePreferences } from "./preferences-context.js";
import { saveFailedText, SettingError } from "./setting-error.js";

const messages = defineMessages({
  label: { id: "updates.label", defaultMessage: "Warden update", description: "Accessible name of the notice about Warden's own update" },
  ready: defineMessage<{ version: string }>({ id: "updates.ready", defaultMessage: "Warden {version} is ready. It is installed when you restart Warden or quit it." }),
  restart: { id: "updates.restart", defaultMessage: "Restart to update" },
  restartFailed: defineMessage<{ reason: string }>({ id: "updates.restartFailed", defaultMessage: "Warden couldn't restart to update. {reason}" }),
  downloading: defineMessage<{ version: string }>({ id: "updates.downloading", defaultMessage: "Downloading Warden {version}…" }),
  downloadingPercent: defineMessage<{ version: string; percent: number }>({
    id: "updates.downloadingPercent",
    defaultMessage: "Downloading Warden {version}… {percent}%",
  }),
  failed: { id: "updates.failed", defaultMessage: "The last check for a Warden update didn't work. Warden tries again tomorrow." },
  settingHeading: { id: "updates.setting.heading", defaultMessage: "Updates" },
  settingLabel: { id: "updates.setting.label", defaultMessage: "Keep Warden up to date automatically" },
  settingHint: {
    id: "updates.setting.hint",
    defaultMessage: "Warden checks for a new version when it starts and once a day, and downloads it in the background. It never restarts without you.",
  },
  settingOn: { id: "updates.setting.on", defaultMessage: "Warden now keeps itself up to date." },
  settingOff: { id: "updates.setting.off", defaultMessage: "Warden no longer checks for updates." },
});

/**
 * Warden's own update, in the window: a quiet line while one downloads, "Restart to update" once it
 * is ready (only the user restarts), a failed check in words with its detail one click away.
 * Nothing where the host does not update itself (`updates` null) or there is nothing to say.
 */
export function UpdateNotice({ updates }: { updates: UpdateState | null }) {
  const intl = useIntl();
  const api = useClientManager();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (updates === null) return null;

  async function restart() {
    setBusy(true);
    setError(null);
    const result = await api.restartToUpdate();
    // Restarting, this window goes away; an answer means it did not.
    setBusy(false);
    if (!result.ok) setError(intl.formatMessage(messages.restartFailed, { reason: requestErrorMessage(intl, result.error) }));
  }

  const label = intl.formatMessage(messages.label);
  switch (updates.status) {
    case "ready":
      return (
        <section className="callout callout-info update-notice" aria-label={label}>
          <p>{intl.formatMessage(messages.ready, { version: updates.version })}</p>
          <div className="banner-actions">
            <button type="button" className="button button-small" onClick={() => void restart()} disabled={busy} aria-busy={busy}>
              {intl.formatMessage(messages.restart)}
            </button>
          </div>
          <SettingError error={error} />
        </section>
      );
    case "downloading":
      return (
        <p className="muted update-notice update-notice-quiet">
          {updates.percent === undefined
            ? intl.formatMessage(messages.downloading, { version: updates.version })
            : intl.formatMessage(messages.downloadingPercent, { version: updates.version, percent: updates.percent })}
        </p>
      );
    case "error":
      return (
        <section className="callout callout-warning update-notice" aria-label={label}>
          <p>{intl.formatMessage(messages.failed)}</p>
          <DetailsDisclosure detail={updates.message} />
        </section>
      );
    default:
      return null;
  }
}

/** "Keep Warden up to date automatically", a section of the settings; only where the host updates itself. */
export function AutoUpdateSetting() {
  const intl = useIntl();
  const api = useClientManager();
  const announce = useAnnounce();
  const { autoUpdate } = usePreferences();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { heading: useId(), field: useId(), hint: useId() };
  if (autoUpdate === undefined) return null;

  async function toggle(enabled: boolean) {
    setBusy(true);
    setError(null);
    const result = await api.setPreferences({ autoUpdate: enabled });
    setBusy(false);
    // The checkbox follows the preferences the core pushes ("preferences-changed").
    if (result.ok) announce(intl.formatMessage(enabled ? messages.settingOn : messages.settingOff));
    else setError(saveFailedText(intl, result.error));
  }

  return (
    <section className="settings-section" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>{intl.formatMessage(messages.settingHeading)}</h3>
      <div className="settings-check">
        <input
          id={ids.field}
          type="checkbox"
          checked={autoUpdate}
          onChange={(event) => void toggle(event.target.checked)}
          disabled={busy}
          aria-describedby={ids.hint}
        />
        <label htmlFor={ids.field}>{intl.formatMessage(messages.settingLabel)}</label>
      </div>
      <p id={ids.hint} className="muted">
        {intl.formatMessage(messages.settingHint)}
      </p>
      <SettingError error={error} />
    </section>
  );
}
