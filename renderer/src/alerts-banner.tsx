import { defineMessage, defineMessages, FormattedMessage, useIntl, type MessageTag } from "react-intl";
import type { AlertEntry } from "../../src/shared/index.js";
import { alertsCountText, alertText, type Nicknames } from "./activity-text.js";
import { useClientManager } from "./client-manager-context.js";
import { DesktopAlertsButton } from "./desktop-alerts.js";
import { RelativeTime } from "./relative-time.js";
import { useReveal } from "./reveal.js";

const messages = defineMessages({
  label: { id: "alerts.label", defaultMessage: "New sign-ins", description: "Accessible name of the banner about new sign-ins" },
  when: defineMessage<{ what: string; when: MessageTag }>({
    id: "alerts.when",
    defaultMessage: "{what} — <when></when>",
    description: "what: “New sign-in: Gajim on laptop”; when: “2 minutes ago”, filled in by the app",
  }),
  show: { id: "alerts.show", defaultMessage: "Show" },
  showOne: defineMessage<{ what: string }>({ id: "alerts.showOne", defaultMessage: "Show: {what}" }),
  dismiss: { id: "alerts.dismiss", defaultMessage: "Dismiss" },
  dismissLabel: { id: "alerts.dismissLabel", defaultMessage: "Dismiss the new sign-in alerts" },
});

type AlertsBannerProps = {
  jid: string;
  alerts: readonly AlertEntry[];
  nicknames: Nicknames;
  now: number;
};

/**
 * At the top of an account while it has unseen alerts: what signed in, with "Show" (the entry's row,
 * opened, with its action focused) and "Dismiss". Either marks the alerts seen; Activity keeps them.
 */
export function AlertsBanner({ jid, alerts, nicknames, now }: AlertsBannerProps) {
  const intl = useIntl();
  const api = useClientManager();
  const reveal = useReveal();
  if (alerts.length === 0) return null;
  // Newest first, as Activity shows them.
  const newest = [...alerts].reverse();
  const line = (entry: AlertEntry) => (
    <FormattedMessage
      {...messages.when}
      values={{ what: alertText(intl, entry, nicknames), when: () => <RelativeTime timestamp={entry.at} now={Math.max(now, entry.at)} /> }}
    />
  );
  const showButton = (entry: AlertEntry, labelled: boolean) => (
    <button
      type="button"
      className="button button-small button-primary"
      aria-label={labelled ? intl.formatMessage(messages.showOne, { what: alertText(intl, entry, nicknames) }) : undefined}
      onClick={() => reveal(jid, entry.client.id)}
    >
      {intl.formatMessage(messages.show)}
    </button>
  );
  const only = newest.length === 1 ? newest[0] : undefined;
  return (
    <section className="callout callout-warning alerts-banner" aria-label={intl.formatMessage(messages.label)}>
      {only ? (
        <div className="alerts-banner-line">
          <p className="alerts-banner-title">{line(only)}</p>
          {showButton(only, false)}
        </div>
      ) : (
        <>
          <p className="alerts-banner-title">{alertsCountText(intl, newest.length)}</p>
          <ul className="alerts-banner-list">
            {newest.map((entry) => (
              <li key={entry.id} className="alerts-banner-line">
                <span>{line(entry)}</span>
                {showButton(entry, true)}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="alerts-banner-actions">
        <button type="button" className="button button-small" aria-label={intl.formatMessage(messages.dismissLabel)} onClick={() => void api.markAlertsSeen({ jid })}>
          {intl.formatMessage(messages.dismiss)}
        </button>
        <DesktopAlertsButton />
      </div>
    </section>
  );
}
