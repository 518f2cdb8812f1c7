import { useEffect, useId, useMemo, useState, type FormEvent } from "react";
import { defineMessage, defineMessages, FormattedMessage, useIntl, type MessageTag } from "react-intl";
import { cleanupCandidates, type ActivityEntry, type ClientList } from "../../src/shared/index.js";
import { useAnnounce } from "./announcer.js";
import { useClientManager } from "./client-manager-context.js";
import { DaysInput, daysInvalidText, parseDays } from "./days-field.js";
import { clientName } from "./describe.js";
import { usePreferences } from "./preferences-context.js";
import { RelativeTime } from "./relative-time.js";
import { saveFailedText, SettingError } from "./setting-error.js";

const messages = defineMessages({
  heading: { id: "cleanup.title", defaultMessage: "Automatic cleanup" },
  enabled: { id: "cleanup.enabled", defaultMessage: "Automatically remove access for app tokens and clients not seen for a number of days" },
  days: { id: "cleanup.days", defaultMessage: "Days not seen" },
  explain: {
    id: "cleanup.explain",
    defaultMessage: "Warden checks on every refresh while it runs. It never touches this device or a client that is connected, and every removal goes into Activity.",
  },
  previewNone: defineMessage<{ days: number }>({ id: "cleanup.preview.none", defaultMessage: "With {days, plural, one {# day} other {# days}}, it would remove nothing now." }),
  preview: defineMessage<{ count: number; days: number }>({
    id: "cleanup.preview",
    defaultMessage: "With {days, plural, one {# day} other {# days}}, it would remove {count, plural, one {this one now:} other {these # now:}}",
  }),
  previewNoList: { id: "cleanup.preview.noList", defaultMessage: "Warden has no list of what has access yet, so it can't say what this would remove." },
  lastRun: defineMessage<{ removed: number; notRemoved: number; when: MessageTag }>({
    id: "cleanup.lastRun",
    defaultMessage: "Last ran <when></when>: {removed, plural, one {# removed} other {# removed}}, {notRemoved, plural, one {# not removed} other {# not removed}}.",
    description: "when: “3 hours ago”, filled in by the app",
  }),
  save: { id: "cleanup.save", defaultMessage: "Save" },
  saving: { id: "cleanup.saving", defaultMessage: "Saving…" },
  savedOn: defineMessage<{ days: number }>({
    id: "cleanup.saved.on",
    defaultMessage: "Cleanup is on: access is removed after {days, plural, one {# day} other {# days}} not seen.",
  }),
  savedOff: { id: "cleanup.saved.off", defaultMessage: "Cleanup is off." },
});

type CleanupRuleSectionProps = {
  jid: string;
  /** The rule now: days, or null when off. */
  days: number | null;
  /** The account's last list, for the preview. */
  list: ClientList | null;
  now: number;
};

type CleanupRun = Extract<ActivityEntry, { kind: "cleanup-run" }>;

/**
 * The account's cleanup rule (off by default), a section of its settings: on, with its threshold, a
 * live preview of what it would remove from the last list (computed as the core's rule computes
 * it), and when it last ran.
 */
export function CleanupRuleSection({ jid, days, list, now }: CleanupRuleSectionProps) {
  const intl = useIntl();
  const api = useClientManager();
  const announce = useAnnounce();
  const { inactiveAfterDays } = usePreferences();
  const ids = { heading: useId(), enabled: useId(), days: useId(), daysError: useId(), preview: useId() };
  const [enabled, setEnabled] = useState(days !== null);
  const [daysText, setDaysText] = useState(String(days ?? inactiveAfterDays));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lastRun, setLastRun] = useState<CleanupRun | null>(null);
  const chosen = parseDays(daysText);
  const candidates = useMemo(() => (list && chosen !== null ? cleanupCandidates(list.clients, chosen, now) : []), [list, chosen, now]);

  // When the rule last ran, from the account's Activity (nothing said when it can't be read).
  useEffect(() => {
    let active = true;
    void api.getActivity({ jid }).then((result) => {
      if (!active || !result.ok) return;
      const runs = result.value.entries.filter((entry): entry is CleanupRun => entry.kind === "cleanup-run");
      setLastRun(runs.at(-1) ?? null);
    });
    return () => {
      active = false;
    };
  }, [api, jid]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy || (enabled && chosen === null)) return;
    setBusy(true);
    setError(null);
    const next = enabled ? chosen : null;
    const result = await api.setCleanupRule({ jid, days: next });
    setBusy(false);
    if (!result.ok) {
      setError(saveFailedText(intl, result.error));
      return;
    }
    announce(next === null ? intl.formatMessage(messages.savedOff) : intl.formatMessage(messages.savedOn, { days: next }));
  }

  const daysInvalid = enabled && chosen === null;
  return (
    <section className="settings-section cleanup-rule" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>{intl.formatMessage(messages.heading)}</h3>
      <form onSubmit={(event) => void save(event)} noValidate>
        <div className="settings-check">
          <input id={ids.enabled} type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} disabled={busy} />
          <label htmlFor={ids.enabled}>{intl.formatMessage(messages.enabled)}</label>
        </div>
        <div className="settings-inline">
          <label htmlFor={ids.days}>{intl.formatMessage(messages.days)}</label>
          <DaysInput
            id={ids.days}
            value={daysText}
            onChange={setDaysText}
            disabled={busy || !enabled}
            aria-invalid={daysInvalid || undefined}
            aria-errormessage={daysInvalid ? ids.daysError : undefined}
            aria-describedby={enabled && chosen !== null ? ids.preview : undefined}
          />
          <button type="submit" className="button button-small" disabled={busy || daysInvalid} aria-busy={busy}>
            {intl.formatMessage(busy ? messages.saving : messages.save)}
          </button>
        </div>
        {daysInvalid ? (
          <p id={ids.daysError} className="field-error">
            {daysInvalidText(intl)}
          </p>
        ) : null}
      </form>
      <p className="muted">{intl.formatMessage(messages.explain)}</p>
      {enabled && chosen !== null ? (
        <div id={ids.preview} className="cleanup-preview" aria-live="polite">
          {!list ? (
            <p>{intl.formatMessage(messages.previewNoList)}</p>
          ) : candidates.length === 0 ? (
            <p>{intl.formatMessage(messages.previewNone, { days: chosen })}</p>
          ) : (
            <>
              <p>{intl.formatMessage(messages.preview, { count: candidates.length, days: chosen })}</p>
              <ul>
                {candidates.map((client) => (
                  <li key={client.id}>{clientName(intl, client)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}
      {lastRun ? (
        <p className="cleanup-last-run">
          <FormattedMessage
            {...messages.lastRun}
            values={{ removed: lastRun.removed, notRemoved: lastRun.notRemoved, when: () => <RelativeTime timestamp={lastRun.at} now={Math.max(now, lastRun.at)} /> }}
          />
        </p>
      ) : null}
      <SettingError error={error} />
    </section>
  );
}
