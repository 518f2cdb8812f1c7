import { useId, useMemo, type Ref } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import { Brand } from "./brand.js";
import { accountCountsLabel, accountStatus, accountStatusLabel } from "./describe.js";
import { groupApps } from "./group-apps.js";
import { LanguageSelect } from "./language-select.js";
import type { AccountEntry } from "./use-accounts.js";

const messages = defineMessages({
  accounts: { id: "sidebar.label", defaultMessage: "Accounts" },
  account: { id: "sidebar.account", defaultMessage: "Account" },
  newAccount: { id: "sidebar.newAccount", defaultMessage: "New account" },
  add: { id: "sidebar.add", defaultMessage: "Add account" },
  option: defineMessage<{ jid: string; status: string }>({ id: "sidebar.option", defaultMessage: "{jid} — {status}" }),
  optionCounts: defineMessage<{ jid: string; status: string; counts: string }>({ id: "sidebar.optionCounts", defaultMessage: "{jid} — {status}, {counts}" }),
  alerts: defineMessage<{ count: number }>({ id: "sidebar.alerts", defaultMessage: "{count, plural, one {# new sign-in} other {# new sign-ins}}" }),
  optionAlerts: defineMessage<{ label: string; alerts: string }>({ id: "sidebar.optionAlerts", defaultMessage: "{label} ({alerts})", description: "alerts: “2 new sign-ins”" }),
});

type AccountSidebarProps = {
  accounts: AccountEntry[];
  /** The account shown, or null while the sign-in form for a new one is. */
  current: string | null;
  onSelect: (jid: string) => void;
  onAdd: () => void;
  addRef?: Ref<HTMLButtonElement>;
};

/** Counts as the list shows them: an app and its session are one entry (see groupApps). */
function useCounts(entry: AccountEntry): string | null {
  const intl = useIntl();
  const list = entry.list;
  return useMemo(() => {
    if (!list) return null;
    const connected = list.clients.reduce((n, client) => n + (client.connected ? 1 : 0), 0);
    return accountCountsLabel(intl, groupApps(list.clients).length, connected);
  }, [intl, list]);
}

/**
 * Every account on this device, each with its status in words and a coloured dot, and its last
 * counts. On a narrow window the list gives way to a drop-down (styles.css).
 */
export function AccountSidebar({ accounts, current, onSelect, onAdd, addRef }: AccountSidebarProps) {
  const intl = useIntl();
  const selectId = useId();
  return (
    <nav className="account-sidebar" aria-label={intl.formatMessage(messages.accounts)}>
      <Brand />
      <ul className="account-entries">
        {accounts.map((entry) => (
          <li key={entry.jid}>
            <AccountEntryButton entry={entry} selected={entry.jid === current} onSelect={onSelect} />
          </li>
        ))}
      </ul>
      <div className="account-switcher">
        <label htmlFor={selectId} className="visually-hidden">
          {intl.formatMessage(messages.account)}
        </label>
        <select id={selectId} value={current ?? ""} onChange={(event) => event.target.value && onSelect(event.target.value)}>
          {current === null ? <option value="">{intl.formatMessage(messages.newAccount)}</option> : null}
          {accounts.map((entry) => (
            <AccountOption key={entry.jid} entry={entry} />
          ))}
        </select>
      </div>
      <button type="button" className="button add-account" onClick={onAdd} ref={addRef}>
        <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
          <path d="M10 4v12M4 10h12" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
        {intl.formatMessage(messages.add)}
      </button>
      <LanguageSelect />
    </nav>
  );
}

function AccountEntryButton({ entry, selected, onSelect }: { entry: AccountEntry; selected: boolean; onSelect: (jid: string) => void }) {
  const intl = useIntl();
  const status = accountStatus(entry.state, entry.wasOnline);
  const counts = useCounts(entry);
  return (
    <button type="button" className="account-entry" aria-current={selected ? "page" : undefined} onClick={() => onSelect(entry.jid)}>
      <span className="account-entry-jid" title={entry.jid}>
        {entry.jid}
      </span>
      <span className={`account-entry-status status-${status}`}>
        <span className="dot" aria-hidden="true" />
        <span className="visually-hidden">, </span>
        {accountStatusLabel(intl, status)}
      </span>
      {counts ? (
        <span className="account-entry-counts">
          <span className="visually-hidden">, </span>
          {counts}
        </span>
      ) : null}
      {entry.alerts.length > 0 ? (
        <span className="account-entry-alerts">
          <span className="visually-hidden">, </span>
          <span className="alert-count" aria-hidden="true">
            {entry.alerts.length}
          </span>
          <span className="visually-hidden">{intl.formatMessage(messages.alerts, { count: entry.alerts.length })}</span>
        </span>
      ) : null}
    </button>
  );
}

function AccountOption({ entry }: { entry: AccountEntry }) {
  const intl = useIntl();
  const status = accountStatusLabel(intl, accountStatus(entry.state, entry.wasOnline));
  const counts = useCounts(entry);
  const base = counts
    ? intl.formatMessage(messages.optionCounts, { jid: entry.jid, status, counts })
    : intl.formatMessage(messages.option, { jid: entry.jid, status });
  const label =
    entry.alerts.length > 0 ? intl.formatMessage(messages.optionAlerts, { label: base, alerts: intl.formatMessage(messages.alerts, { count: entry.alerts.length }) }) : base;
  return <option value={entry.jid}>{label}</option>;
}
