import { useDeferredValue, useId, useMemo, useState, type Ref } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import type { ClientInfo } from "../../src/shared/index.js";
import { ClientList } from "./client-list.js";
import { chipLabel, countsLabel } from "./describe.js";
import { listErrorText } from "./error-text.js";
import { groupApps, type AppEntry } from "./group-apps.js";
import { CHIPS, filterRows, searchVocabulary, type Chip } from "./list-filters.js";
import { rowFacts, splitSections } from "./list-sections.js";
import { ListEmpty, ListErrorState, ListNoMatches, ListSkeleton } from "./list-states.js";
import { lookAlikeTags } from "./look-alikes.js";
import { sortRows, type SortOrder } from "./sort-clients.js";
import type { ClientListControls } from "./use-client-list.js";

const messages = defineMessages({
  heading: { id: "list.heading", defaultMessage: "Everything with access" },
  loading: { id: "list.loading", defaultMessage: "Loading…" },
  filterLabel: { id: "list.filter.label", defaultMessage: "Filter clients" },
  filterPlaceholder: { id: "list.filter.placeholder", defaultMessage: "Search: name, device, id, “offline”…", description: "“offline” is one of the words the search understands (see list.searchWord.offline)" },
  showOnly: { id: "list.chips.label", defaultMessage: "Show only", description: "Accessible name of the filter chips" },
  clearFilters: { id: "list.clearFilters", defaultMessage: "Clear filters" },
  sortBy: { id: "list.sort.label", defaultMessage: "Sort by" },
  sortLastActive: { id: "list.sort.lastActive", defaultMessage: "Last active" },
  sortFirstSeen: { id: "list.sort.firstSeen", defaultMessage: "First seen" },
  refreshFailed: { id: "list.refreshFailed", defaultMessage: "Couldn't refresh." },
  refreshFailedDetail: defineMessage<{ reason: string }>({ id: "list.refreshFailedDetail", defaultMessage: "{reason}. The list below may be out of date." }),
  tryAgain: { id: "list.tryAgain", defaultMessage: "Try again" },
});

type ClientsPanelProps = {
  clients: ClientListControls;
  now: number;
  onRevoke: (client: ClientInfo) => void;
  onRevokeApp: (app: AppEntry) => void;
  headingRef?: Ref<HTMLHeadingElement>;
};

/** The heading, counts, search, chips and order, and the list in sections, or the state that stands in for the list. */
export function ClientsPanel({ clients, now, onRevoke, onRevokeApp, headingRef }: ClientsPanelProps) {
  const intl = useIntl();
  const headingId = useId();
  const filterId = useId();
  const sortId = useId();
  const [query, setQuery] = useState("");
  const [chips, setChips] = useState<ReadonlySet<Chip>>(() => new Set());
  const [order, setOrder] = useState<SortOrder>("last-active");
  const deferredQuery = useDeferredValue(query);
  const { list, error, loading, refresh } = clients;

  // A grant and the session that signed in with it are one row (see groupApps); counts are of rows.
  const rows = useMemo(() => (list ? groupApps(list.clients) : []), [list]);
  // Tags come from the whole list, so a row keeps its tag while the search narrows the list.
  const tags = useMemo(() => lookAlikeTags(intl, rows), [intl, rows]);
  const factRows = useMemo(() => rows.map((row) => ({ row, facts: rowFacts(row, now) })), [rows, now]);
  const sorted = useMemo(() => sortRows(factRows, order, intl.locale), [factRows, order, intl.locale]);
  const vocabulary = useMemo(() => searchVocabulary(intl), [intl]);
  const shown = useMemo(() => filterRows(sorted, deferredQuery, chips, vocabulary), [sorted, deferredQuery, chips, vocabulary]);
  const sections = useMemo(() => splitSections(shown), [shown]);
  const connected = useMemo(() => factRows.reduce((n, r) => n + (r.facts.connected ? 1 : 0), 0), [factRows]);
  const filtering = deferredQuery.trim() !== "" || chips.size > 0;

  const toggleChip = (chip: Chip) =>
    setChips((was) => {
      const next = new Set(was);
      if (!next.delete(chip)) next.add(chip);
      return next;
    });
  const clearFilters = () => {
    setQuery("");
    setChips(new Set());
  };

  let body;
  if (!list) {
    body = error && !loading ? <ListErrorState error={error} onRetry={() => void refresh()} /> : <ListSkeleton />;
  } else if (rows.length === 0) {
    body = <ListEmpty onRefresh={() => void refresh()} />;
  } else if (shown.length === 0) {
    body = <ListNoMatches query={deferredQuery.trim()} chips={[...chips].map((chip) => chipLabel(intl, chip))} onClear={clearFilters} />;
  } else {
    body = <ClientList sections={sections} tags={tags} now={now} onRevoke={onRevoke} onRevokeApp={onRevokeApp} />;
  }

  return (
    <section className="clients-panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {intl.formatMessage(messages.heading)}
        </h2>
        <p className="counts">{list ? countsLabel(intl, rows.length, shown.length, connected) : loading ? intl.formatMessage(messages.loading) : "\u00a0"}</p>
      </div>
      {list && rows.length > 0 ? (
        <div className="list-controls">
          <div className="filter">
            <label htmlFor={filterId} className="visually-hidden">
              {intl.formatMessage(messages.filterLabel)}
            </label>
            <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16" className="filter-icon">
              <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.7" />
              <path d="m13 13 4 4" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
            </svg>
            <input
              id={filterId}
              type="search"
              placeholder={intl.formatMessage(messages.filterPlaceholder)}
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
          <div className="chips" role="group" aria-label={intl.formatMessage(messages.showOnly)}>
            {CHIPS.map((chip) => (
              <button key={chip} type="button" className="chip" aria-pressed={chips.has(chip)} onClick={() => toggleChip(chip)}>
                {chipLabel(intl, chip)}
              </button>
            ))}
            {filtering ? (
              <button type="button" className="link-button" onClick={clearFilters}>
                {intl.formatMessage(messages.clearFilters)}
              </button>
            ) : null}
          </div>
          <div className="sort">
            <label htmlFor={sortId}>{intl.formatMessage(messages.sortBy)}</label>
            <select id={sortId} value={order} onChange={(e) => setOrder(e.target.value === "first-seen" ? "first-seen" : "last-active")}>
              <option value="last-active">{intl.formatMessage(messages.sortLastActive)}</option>
              <option value="first-seen">{intl.formatMessage(messages.sortFirstSeen)}</option>
            </select>
          </div>
        </div>
      ) : null}
      {list && error ? (
        <div className="callout callout-warning refresh-error" role="alert">
          <span>
            <strong>{intl.formatMessage(messages.refreshFailed)}</strong>{" "}
            {intl.formatMessage(messages.refreshFailedDetail, { reason: listErrorText(intl, error).title })}
          </span>
          <button type="button" className="button button-small" onClick={() => void refresh()} disabled={loading}>
            {intl.formatMessage(messages.tryAgain)}
          </button>
        </div>
      ) : null}
      {body}
    </section>
  );
}
