import { defineMessage, defineMessages, FormattedMessage, useIntl, type MessageTag } from "react-intl";
import type { AccountState } from "../../src/shared/index.js";
import { ConnectionBadge } from "./connection-badge.js";
import { RelativeTime } from "./relative-time.js";

const messages = defineMessages({
  account: { id: "account.heading.prefix", defaultMessage: "Account", description: "Read by screen readers before the account's address" },
  refreshing: { id: "account.refreshing", defaultMessage: "Refreshing…" },
  updated: defineMessage<{ when: MessageTag }>({ id: "account.updated", defaultMessage: "Updated <when></when>", description: "when: “3 minutes ago”, filled in by the app" }),
  actions: { id: "account.actions", defaultMessage: "Account", description: "Accessible name of the account's actions" },
  refresh: { id: "list.empty.refresh", defaultMessage: "Refresh" },
  changePassword: { id: "account.action.changePassword", defaultMessage: "Change password…" },
  onlyThisDevice: { id: "account.action.onlyThisDevice", defaultMessage: "Only this device…", description: "Opens “Only this device keeps access”" },
  details: { id: "account.action.details", defaultMessage: "Account details…" },
  activity: { id: "account.action.activity", defaultMessage: "Activity" },
  settings: { id: "account.action.settings", defaultMessage: "Settings…" },
  signOut: { id: "account.action.signOut", defaultMessage: "Sign out…" },
  remove: { id: "account.action.remove", defaultMessage: "Remove account…" },
});

type AccountHeaderProps = {
  jid: string;
  state: AccountState;
  fetchedAt: number | null;
  refreshing: boolean;
  now: number;
  /** Set while Warden reconnects: the id of the note saying why what needs the server is off. */
  offlineNoteId: string | undefined;
  /** False when the server can't list clients: asking again would change nothing. */
  canRefresh: boolean;
  onRefresh: () => void;
  onChangePassword: () => void;
  onOnlyThisDevice: () => void;
  onShowDetails: () => void;
  onShowActivity: () => void;
  onShowSettings: () => void;
  onSignOut: () => void;
  onRemove: () => void;
};

export function AccountHeader(props: AccountHeaderProps) {
  const intl = useIntl();
  const { jid, state, fetchedAt, refreshing, now, offlineNoteId, canRefresh, onRefresh, onChangePassword, onOnlyThisDevice, onShowDetails, onShowActivity, onShowSettings, onSignOut, onRemove } = props;
  const online = state.status === "online";
  const needsServer = { disabled: !online, "aria-describedby": online ? undefined : offlineNoteId };
  return (
    <header className="account-header">
      <div className="account-identity">
        <h1 className="account-jid" title={jid}>
          <span className="visually-hidden">{intl.formatMessage(messages.account)} </span>
          {jid}
        </h1>
        <div className="account-status">
          <ConnectionBadge state={state} />
          <span className="updated">
            {refreshing ? (
              intl.formatMessage(messages.refreshing)
            ) : fetchedAt !== null ? (
              <FormattedMessage {...messages.updated} values={{ when: () => <RelativeTime timestamp={fetchedAt} now={Math.max(now, fetchedAt)} /> }} />
            ) : null}
          </span>
        </div>
      </div>
      <nav className="account-actions" aria-label={intl.formatMessage(messages.actions)}>
        {canRefresh ? (
          <button type="button" className="button" onClick={onRefresh} {...needsServer} disabled={!online || refreshing} aria-busy={refreshing}>
            <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16" className={refreshing ? "spin" : undefined}>
              <path d="M16 10a6 6 0 1 1-1.76-4.24M16 3.5V6h-2.5" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            {intl.formatMessage(messages.refresh)}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onChangePassword} {...needsServer}>
          {intl.formatMessage(messages.changePassword)}
        </button>
        <button type="button" className="button" onClick={onOnlyThisDevice} {...needsServer}>
          {intl.formatMessage(messages.onlyThisDevice)}
        </button>
        <button type="button" className="button" onClick={onShowActivity}>
          {intl.formatMessage(messages.activity)}
        </button>
        <button type="button" className="button" onClick={onShowDetails}>
          {intl.formatMessage(messages.details)}
        </button>
        <button type="button" className="button" onClick={onShowSettings}>
          {intl.formatMessage(messages.settings)}
        </button>
        <button type="button" className="button" onClick={onSignOut}>
          {intl.formatMessage(messages.signOut)}
        </button>
        <button type="button" className="button button-danger-outline" onClick={onRemove}>
          {intl.formatMessage(messages.remove)}
        </button>
      </nav>
    </header>
  );
}
