import { useId, useState } from "react";
import { defineMessages, useIntl } from "react-intl";
import type { SetPreferencesRequest } from "../../src/shared/index.js";
import { useClientManager } from "./client-manager-context.js";
import { usePreferences } from "./preferences-context.js";

const messages = defineMessages({
  label: { id: "background.label", defaultMessage: "In the background" },
  keepWatching: { id: "background.keepWatching", defaultMessage: "Keep watching when the window is closed" },
  askOnClose: { id: "background.askOnClose", defaultMessage: "Not chosen yet: Warden asks the first time you close the window." },
  startAtLogin: { id: "background.startAtLogin", defaultMessage: "Start Warden when I log in" },
  notKept: { id: "language.notKept", defaultMessage: "Couldn't keep this choice for next time." },
});

/**
 * The desktop app's background choices, a section of the settings. Nothing where the host has none
 * (browser mode): preferences.background is absent there.
 */
export function BackgroundOptions() {
  const intl = useIntl();
  const api = useClientManager();
  const { background } = usePreferences();
  const ids = { heading: useId(), keepWatching: useId(), askHint: useId(), startAtLogin: useId() };
  const [notKept, setNotKept] = useState(false);
  if (!background) return null;

  // The store shows the choice once the core's "preferences-changed" says it was kept.
  const choose = (request: SetPreferencesRequest) => {
    setNotKept(false);
    void api.setPreferences(request).then((result) => setNotKept(!result.ok));
  };
  const undecided = background.keepWatchingWhenClosed === null;
  return (
    <section className="settings-section" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>{intl.formatMessage(messages.label)}</h3>
      <div className="settings-check">
        <input
          id={ids.keepWatching}
          type="checkbox"
          checked={background.keepWatchingWhenClosed === true}
          aria-describedby={undecided ? ids.askHint : undefined}
          onChange={(event) => choose({ keepWatchingWhenClosed: event.target.checked })}
        />
        <label htmlFor={ids.keepWatching}>{intl.formatMessage(messages.keepWatching)}</label>
      </div>
      {undecided ? (
        <p id={ids.askHint} className="muted">
          {intl.formatMessage(messages.askOnClose)}
        </p>
      ) : null}
      <div className="settings-check">
        <input id={ids.startAtLogin} type="checkbox" checked={background.startAtLogin} onChange={(event) => choose({ startAtLogin: event.target.checked })} />
        <label htmlFor={ids.startAtLogin}>{intl.formatMessage(messages.startAtLogin)}</label>
      </div>
      {notKept ? (
        <p className="field-error" role="alert">
          {intl.formatMessage(messages.notKept)}
        </p>
      ) : null}
    </section>
  );
}
