import { useDeferredValue, useId, useMemo, useState, type Ref } from "react";
import type { ClientInfo } from "../../src/shared/index.js";
import { ClientList } from "./client-list.js";
import { groupApps, type AppEntry } from "./group-apps.js";
import { countsLabel, listErrorText } from "./describe.js";
import { ListEmpty, ListErrorState, ListNoMatches, ListSkeleton } from "./list-states.js";
import { filterRows, sortClients } from "./sort-clients.js";
import type { ClientListControls } from "./use-client-list.js";

type ClientsPanelProps = {
  clients: ClientListControls;
  now: number;
  onRevoke: (client: ClientInfo) => void;
  onRevokeApp: (app: AppEntry) => void;
  headingRef?: Ref<HTMLHeadingElement>;
};

/** The heading, counts, filter and list, or the state that stands in for the list. */
export function ClientsPanel({ clients, now, onRevoke, onRevokeApp, headingRef }: ClientsPanelProps) {
  const headingId = useId();
  const filterId = useId();
  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query);
  const { list, error, loading, refresh } = clients;

  const sorted = useMemo(() => (list ? sortClients(list.clients) : []), [list]);
  // A grant and the session that signed in with it are one row (see groupApps); counts are of rows.
  const rows = useMemo(() => groupApps(sorted), [sorted]);
  const shown = useMemo(() => filterRows(rows, deferredQuery), [rows, deferredQuery]);
  const connected = useMemo(() => sorted.reduce((n, c) => n + (c.connected ? 1 : 0), 0), [sorted]);

  let body;
  if (!list) {
    body = error && !loading ? <ListErrorState error={error} onRetry={() => void refresh()} /> : <ListSkeleton />;
  } else if (rows.length === 0) {
    body = <ListEmpty onRefresh={() => void refresh()} />;
  } else if (shown.length === 0) {
    body = <ListNoMatches query={deferredQuery.trim()} onClear={() => setQuery("")} />;
  } else {
    body = <ClientList rows={shown} now={now} onRevoke={onRevoke} onRevokeApp={onRevokeApp} />;
  }

  return (
    <section className="clients-panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <div>
          <h2 id={headingId} ref={headingRef} tabIndex={-1}>
            Everything with access
          </h2>
          <p className="counts">{list ? countsLabel(rows.length, shown.length, connected) : loading ? "Loading…" : "\u00a0"}</p>
        </div>
        {list && rows.length > 0 ? (
          <div className="filter">
            <label htmlFor={filterId} className="visually-hidden">
              Filter clients
            </label>
            <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16" className="filter-icon">
              <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.7" />
              <path d="m13 13 4 4" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
            </svg>
            <input
              id={filterId}
              type="search"
              placeholder="Filter by software, device or id"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Escape" && query) {
                  e.preventDefault();
                  setQuery("");
                }
              }}
              spellCheck={false}
              autoComplete="off"
            />
          </div>
        ) : null}
      </div>
      {list && error ? (
        <div className="callout callout-warning refresh-error" role="alert">
          <span>
            <strong>Couldn't refresh.</strong> {listErrorText(error).title}. The list below may be out of date.
          </span>
          <button type="button" className="button button-small" onClick={() => void refresh()} disabled={loading}>
            Try again
          </button>
        </div>
      ) : null}
      {body}
    </section>
  );
}
