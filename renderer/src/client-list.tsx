import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import { defineMessages, useIntl } from "react-intl";
import type { ClientInfo } from "../../src/shared/index.js";
import { AppRow } from "./app-row.js";
import { ClientRow, type RowKey, type RowPlace } from "./client-row.js";
import { sectionTitle } from "./describe.js";
import { rowKey, type AppEntry } from "./group-apps.js";
import type { SectionId } from "./list-sections.js";
import { markListRendered } from "./perf.js";
import { rowHolds, usePendingRevealId } from "./reveal.js";
import type { FactRow } from "./sort-clients.js";

/** Up to this many rows every row is in the page (the browser's find sees them all); beyond, only those near the viewport. */
export const PLAIN_LIMIT = 500;
/** A row's height before it is measured (one line, at 100 % zoom). */
export const ESTIMATED_ROW_HEIGHT = 48;
/**
 * Rows rendered beyond each edge of the viewport when virtualized. Scrolling re-renders in the same
 * frame (flushSync), so these only need to carry keyboard focus to the next row.
 */
const OVERSCAN = 2;

export type ListSection = { id: SectionId; rows: FactRow[] };

const messages = defineMessages({
  list: { id: "list.name", defaultMessage: "Clients", description: "Accessible name of the whole list" },
});

type ClientListProps = {
  sections: readonly ListSection[];
  /** Look-alike tags by row key (see look-alikes.ts). */
  tags: ReadonlyMap<string, string>;
  now: number;
  onRevoke: (client: ClientInfo) => void;
  onRevokeApp: (app: AppEntry) => void;
  /** While the list offers selection: the selected rows' keys, and how to toggle one. */
  selection?: ListSelection | undefined;
};

export type ListSelection = { selected: ReadonlySet<string>; onToggle: (key: string) => void };

type RowProps = Omit<ClientListProps, "sections" | "tags"> & { item: FactRow; tag: string | undefined; place: RowPlace };

function Row({ item, tag, now, place, onRevoke, onRevokeApp, selection }: RowProps) {
  const { row, facts } = item;
  const selecting = selection ? { selected: selection.selected.has(rowKey(row)), onToggleSelect: selection.onToggle } : {};
  return row.kind === "client" ? (
    <ClientRow client={row.client} facts={facts} tag={tag} now={now} onRevoke={onRevoke} {...selecting} {...place} />
  ) : (
    <AppRow app={row} facts={facts} tag={tag} now={now} onRevokeApp={onRevokeApp} {...selecting} {...place} />
  );
}

/**
 * The sections, each a group named by its heading (with its count) around its list of rows. One
 * row at a time is in the Tab order; the arrow keys, Home and End move between rows (roving focus).
 * The outer list is named "Clients" (in the UI's language).
 */
export function ClientList(props: ClientListProps) {
  const { sections } = props;
  const total = sections.reduce((n, section) => n + section.rows.length, 0);
  const containerRef = useRef<HTMLUListElement>(null);
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const scrollToRow = useRef<((index: number) => void) | null>(null);

  const focusRow = useCallback((index: number) => {
    const button = containerRef.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]`);
    if (button) {
      pendingFocus.current = null;
      button.focus();
      return;
    }
    // Not rendered (virtualized): bring it in, then focus it once it is.
    pendingFocus.current = index;
    scrollToRow.current?.(index);
  }, []);

  const onMove = useCallback(
    (from: number, key: RowKey) => {
      const last = total - 1;
      const to = key === "Home" ? 0 : key === "End" ? last : key === "ArrowUp" ? Math.max(0, from - 1) : Math.min(last, from + 1);
      setActive(to);
      focusRow(to);
    },
    [total, focusRow],
  );
  const onFocusRow = useCallback((index: number) => setActive(index), []);
  const tabStop = Math.min(active, Math.max(0, total - 1));

  useEffect(() => {
    if (total > 0) markListRendered();
  }, [total]);

  // A row asked for (a new sign-in's "Show") that virtualization left out of the page: bring it in.
  const revealId = usePendingRevealId();
  useEffect(() => {
    if (revealId === null || total <= PLAIN_LIMIT) return;
    const index = sections.flatMap((section) => section.rows).findIndex((item) => rowHolds(item.row, revealId));
    if (index >= 0) scrollToRow.current?.(index);
  }, [revealId, sections, total]);

  const shared = { ...props, onMove, onFocusRow, tabStop, containerRef, pendingFocus, focusRow };
  return total > PLAIN_LIMIT ? <VirtualSections {...shared} scrollToRow={scrollToRow} /> : <PlainSections {...shared} />;
}

type SectionsProps = ClientListProps & {
  onMove: RowPlace["onMove"];
  onFocusRow: RowPlace["onFocusRow"];
  tabStop: number;
  containerRef: RefObject<HTMLUListElement | null>;
};

function placeOf(index: number, { tabStop, onMove, onFocusRow }: Pick<SectionsProps, "tabStop" | "onMove" | "onFocusRow">): RowPlace {
  return { index, tabbable: index === tabStop, onMove, onFocusRow };
}

/** Every row in the page. */
function PlainSections({ sections, tags, now, onRevoke, onRevokeApp, selection, onMove, onFocusRow, tabStop, containerRef }: SectionsProps) {
  const intl = useIntl();
  const baseId = useId();
  let index = 0;
  return (
    <ul ref={containerRef} className="client-sections" aria-label={intl.formatMessage(messages.list)}>
      {sections.map((section) => {
        const headingId = `${baseId}-${section.id}`;
        return (
          <li key={section.id} className="client-section">
            <div role="group" aria-labelledby={headingId}>
              <h3 id={headingId} className="section-heading">
                {sectionTitle(intl, section.id)} <span className="section-count">{intl.formatNumber(section.rows.length)}</span>
              </h3>
              <ul className="client-list" aria-labelledby={headingId}>
                {section.rows.map((item) => {
                  const key = rowKey(item.row);
                  const place = placeOf(index++, { tabStop, onMove, onFocusRow });
                  return (
                    <li key={key} className="client-list-item">
                      <Row item={item} tag={tags.get(key)} now={now} place={place} onRevoke={onRevoke} onRevokeApp={onRevokeApp} selection={selection} />
                    </li>
                  );
                })}
              </ul>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

type FlatItem = { kind: "heading"; section: SectionId; count: number } | { kind: "row"; item: FactRow; index: number };

/**
 * Thousands of rows, virtualized against the window's scroll: the section headings and rows near the
 * viewport only. Rows are measured, so zoom and wrapping are fine.
 */
function VirtualSections({
  sections,
  tags,
  now,
  onRevoke,
  onRevokeApp,
  selection,
  onMove,
  onFocusRow,
  tabStop,
  containerRef,
  pendingFocus,
  focusRow,
  scrollToRow,
}: SectionsProps & {
  pendingFocus: RefObject<number | null>;
  focusRow: (index: number) => void;
  scrollToRow: RefObject<((index: number) => void) | null>;
}) {
  const intl = useIntl();
  const flat = useMemo(() => {
    const items: FlatItem[] = [];
    let index = 0;
    for (const section of sections) {
      items.push({ kind: "heading", section: section.id, count: section.rows.length });
      for (const item of section.rows) items.push({ kind: "row", item, index: index++ });
    }
    return items;
  }, [sections]);
  const [scrollMargin, setScrollMargin] = useState(0);

  // The list's distance from the top of the document: content above it (banners) may change.
  useLayoutEffect(() => {
    const measure = () => {
      const element = containerRef.current;
      if (!element) return;
      const top = Math.round(element.getBoundingClientRect().top + window.scrollY);
      setScrollMargin((prev) => (prev === top ? prev : top));
    };
    measure();
    window.addEventListener("resize", measure);
    const observer = typeof ResizeObserver === "function" ? new ResizeObserver(measure) : null;
    observer?.observe(document.body);
    return () => {
      window.removeEventListener("resize", measure);
      observer?.disconnect();
    };
  }, [containerRef]);

  // Rows not measured yet are estimated at the height the last measured row had (rows are alike), so
  // measuring a new row normally changes nothing: no shift of every following offset while scrolling.
  const estimateRef = useRef(ESTIMATED_ROW_HEIGHT);
  const estimateSize = useCallback(() => estimateRef.current, []);
  const getItemKey = useCallback((i: number) => {
    const item = flat[i];
    if (!item) return i;
    return item.kind === "heading" ? `section\u0000${item.section}` : rowKey(item.item.row);
  }, [flat]);
  // An element that isn't laid out (height 0) keeps its estimate instead of collapsing the list.
  const measureElement = useCallback((element: Element) => {
    const height = element.getBoundingClientRect().height;
    if (height <= 0) return estimateRef.current;
    if (!element.classList.contains("section-heading-item")) estimateRef.current = height;
    return height;
  }, []);

  const virtualizer = useWindowVirtualizer({ count: flat.length, estimateSize, overscan: OVERSCAN, scrollMargin, getItemKey, measureElement });
  const rowToFlat = useMemo(() => {
    const map = new Map<number, number>();
    flat.forEach((item, i) => {
      if (item.kind === "row") map.set(item.index, i);
    });
    return map;
  }, [flat]);
  useEffect(() => {
    scrollToRow.current = (index) => {
      const at = rowToFlat.get(index);
      if (at !== undefined) virtualizer.scrollToIndex(at, { align: "auto" });
    };
  }, [rowToFlat, virtualizer, scrollToRow]);

  const items = virtualizer.getVirtualItems();
  // A row that keyboard focus was sent to, now rendered.
  useEffect(() => {
    if (pendingFocus.current !== null) focusRow(pendingFocus.current);
  });

  return (
    <ul ref={containerRef} className="client-sections is-virtual" aria-label={intl.formatMessage(messages.list)} style={{ height: virtualizer.getTotalSize() }}>
      {items.map((virtual) => {
        const item = flat[virtual.index];
        if (!item) return null;
        const style = { transform: `translateY(${virtual.start - virtualizer.options.scrollMargin}px)` };
        if (item.kind === "heading") {
          return (
            <li key={virtual.key} data-index={virtual.index} ref={virtualizer.measureElement} className="client-list-item section-heading-item" style={style}>
              <h3 className="section-heading">
                {sectionTitle(intl, item.section)} <span className="section-count">{intl.formatNumber(item.count)}</span>
              </h3>
            </li>
          );
        }
        const key = rowKey(item.item.row);
        return (
          <li
            key={virtual.key}
            data-index={virtual.index}
            ref={virtualizer.measureElement}
            className="client-list-item"
            aria-setsize={flat.length}
            aria-posinset={virtual.index + 1}
            style={style}
          >
            <Row item={item.item} tag={tags.get(key)} now={now} place={placeOf(item.index, { tabStop, onMove, onFocusRow })} onRevoke={onRevoke} onRevokeApp={onRevokeApp} selection={selection} />
          </li>
        );
      })}
    </ul>
  );
}
