import type { AccountState } from "../../src/shared/index.js";
import { ConnectionBadge } from "./connection-badge.js";
import { RelativeTime } from "./relative-time.js";

type AccountHeaderProps = {
  jid: string;
  state: AccountState;
  fetchedAt: number | null;
  refreshing: boolean;
  now: number;
  onRefresh: () => void;
  onChangePassword: () => void;
  onShowDetails: () => void;
  onSignOut: () => void;
  onRemove: () => void;
};

export function AccountHeader({ jid, state, fetchedAt, refreshing, now, onRefresh, onChangePassword, onShowDetails, onSignOut, onRemove }: AccountHeaderProps) {
  const online = state.status === "online";
  return (
    <header className="account-header">
      <div className="account-identity">
        <h1 className="account-jid" title={jid}>
          <span className="visually-hidden">Account </span>
          {jid}
        </h1>
        <div className="account-status">
          <ConnectionBadge state={state} />
          <span className="updated">
            {refreshing ? (
              "Refreshing…"
            ) : fetchedAt !== null ? (
              <>
                Updated <RelativeTime timestamp={fetchedAt} now={Math.max(now, fetchedAt)} />
              </>
            ) : null}
          </span>
        </div>
      </div>
      <nav className="account-actions" aria-label="Account">
        <button type="button" className="button" onClick={onRefresh} disabled={!online || refreshing} aria-busy={refreshing}>
          <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16" className={refreshing ? "spin" : undefined}>
            <path d="M16 10a6 6 0 1 1-1.76-4.24M16 3.5V6h-2.5" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          Refresh
        </button>
        <button type="button" className="button" onClick={onChangePassword} disabled={!online}>
          Change password…
        </button>
        <button type="button" className="button" onClick={onShowDetails}>
          Account details…
        </button>
        <button type="button" className="button" onClick={onSignOut}>
          Sign out…
        </button>
        <button type="button" className="button button-danger-outline" onClick={onRemove}>
          Remove account…
        </button>
      </nav>
    </header>
  );
}
