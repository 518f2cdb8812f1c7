import { useCallback, useDeferredValue, useEffect, useId, useMemo, useState, type Ref } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import type { ClientInfo } from "../../src/shared/index.js";
import { ClientList } from "./client-list.js";
import { chipLabel, countsLabel } from "./describe.js";
import { listErrorText } from "./error-text.js";
import { groupApps, rowKey, type AppEntry, type ListEntry } from "./group-apps.js";
import { CHIPS, filterRows, searchVocabulary, type Chip } from "./list-filters.js";
import { rowFacts, splitSections } from "./list-sections.js";
import { usePreferences } from "./preferences-context.js";
import { rowHolds, usePendingRevealId } from "./reveal.js";
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
  select: { id: "list.select", defaultMessage: "Select", description: "Turns on checkboxes to remove access from several entries at once" },
  selectAllInactive: { id: "list.selectAllInactive", defaultMessage: "Select all inactive" },
  clearSelection: { id: "list.clearSelection", defaultMessage: "Clear selection" },
  selectHint: { id: "list.selectHint", defaultMessage: "Space selects the focused row." },
  selectedCount: defineMessage<{ count: number }>({ id: "list.selectedCount", defaultMessage: "{count, plural, one {# selected} other {# selected}}" }),
  removeSelected: { id: "list.removeSelected", defaultMessage: "Remove access for selected" },
  selection: { id: "list.selection", defaultMessage: "Selection", description: "Accessible name of the bar with the selected rows' action" },
});

type ClientsPanelProps = {
  clients: ClientListControls;
  now: number;
  onRevoke: (client: ClientInfo) => void;
  onRevokeApp: (app: AppEntry) => void;
  /** "Remove access for selected": the selected rows, never this device's. */
  onRevokeSelected: (rows: ListEntry[]) => void;
  headingRef?: Ref<HTMLHeadingElement>;
};

/** The heading, counts, search, chips and order, and the list in sections, or the state that stands in for the list. */
export function ClientsPanel({ clients, now, onRevoke, onRevokeApp, onRevokeSelected, headingRef }: ClientsPanelProps) {
  const intl = useIntl();
  const headingId = useId();
  const filterId = useId();
  const sortId = useId();
  const [query, setQuery] = useState("");
  const [chips, setChips] = useState<ReadonlySet<Chip>>(() => new Set());
  const [order, setOrder] = useState<SortOrder>("last-active");
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const deferredQuery = useDeferredValue(query);
  const { list, error, loading, refresh } = clients;

  // A grant and the session that signed in with it are one row (see groupApps); counts are of rows.
  const rows = useMemo(() => (list ? groupApps(list.clients) : []), [list]);
  // Tags come from the whole list, so a row keeps its tag while the search narrows the list.
  const tags = useMemo(() => lookAlikeTags(intl, rows), [intl, rows]);
  const { inactiveAfterDays } = usePreferences();
  const factRows = useMemo(() => rows.map((row) => ({ row, facts: rowFacts(row, now, inactiveAfterDays) })), [rows, now, inactiveAfterDays]);
  const sorted = useMemo(() => sortRows(factRows, order, intl.locale), [factRows, order, intl.locale]);
  const vocabulary = useMemo(() => searchVocabulary(intl), [intl]);
  const shown = useMemo(() => filterRows(sorted, deferredQuery, chips, vocabulary), [sorted, deferredQuery, chips, vocabulary]);
  const sections = useMemo(() => splitSections(shown), [shown]);
  const connected = useMemo(() => factRows.reduce((n, r) => n + (r.facts.connected ? 1 : 0), 0), [factRows]);
  const filtering = deferredQuery.trim() !== "" || chips.size > 0;
  // Checkboxes in Select mode, and in the Inactive view (where removing many at once is the point).
  const offersSelection = selecting || chips.has("inactive");
  const toggleSelected = useCallback(
    (key: string) =>
      setSelected((was) => {
        const next = new Set(was);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );
  const selection = useMemo(() => (offersSelection ? { selected, onToggle: toggleSelected } : undefined), [offersSelection, selected, toggleSelected]);
  // Only rows still listed count (a row removed since it was selected is no longer there to act on),
  // and only while the checkboxes show what is selected.
  const selectedRows = useMemo(
    () => (offersSelection ? factRows.filter(({ row, facts }) => !facts.current && selected.has(rowKey(row))).map(({ row }) => row) : []),
    [offersSelection, factRows, selected],
  );
  const selectAllInactive = () =>
    setSelected((was) => new Set([...was, ...factRows.filter(({ facts }) => facts.inactive && !facts.current).map(({ row }) => rowKey(row))]));

  const toggleChip = (chip: Chip) =>
    setChips((was) => {
      const next = new Set(was);
      if (!next.delete(chip)) next.add(chip);
      return next;
    });
  // A row asked for (a new sign-in's "Show") that the search or chips hide: show the whole list.
  const revealId = usePendingRevealId();
  useEffect(() => {
    if (revealId === null || shown.some((item) => rowHolds(item.row, revealId)) || !rows.some((row) => rowHolds(row, revealId))) return;
    // Only what is set: the search clears through a deferred value, so `shown` catches up a render later.
    if (query !== "") setQuery("");
    if (chips.size > 0) setChips(new Set());
  }, [revealId, shown, rows, query, chips]);
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
    body = <ClientList sections={sections} tags={tags} now={now} onRevoke={onRevoke} onRevokeApp={onRevokeApp} selection={selection} />;
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
          <button type="button" className="button button-small" aria-pressed={selecting} onClick={() => setSelecting((was) => !was)}>
            {intl.formatMessage(messages.select)}
          </button>
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
      {list && rows.length > 0 && offersSelection ? (
        <div className="selection-tools">
          <button type="button" className="button button-small" onClick={selectAllInactive}>
            {intl.formatMessage(messages.selectAllInactive)}
          </button>
          {selected.size > 0 ? (
            <button type="button" className="link-button" onClick={() => setSelected(new Set())}>
              {intl.formatMessage(messages.clearSelection)}
            </button>
          ) : null}
          <span className="muted">{intl.formatMessage(messages.selectHint)}</span>
        </div>
      ) : null}
      {body}
      {selectedRows.length > 0 ? (
        <div className="selection-bar" role="region" aria-label={intl.formatMessage(messages.selection)}>
          <span aria-live="polite">{intl.formatMessage(messages.selectedCount, { count: selectedRows.length })}</span>
          <button type="button" className="button button-danger" onClick={() => onRevokeSelected(selectedRows)}>
            {intl.formatMessage(messages.removeSelected)}
          </button>
        </div>
      ) : null}
    </section>
  );
}
