import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ClientInfo } from "../../src/shared/index.js";
import { AppRow } from "./app-row.js";
import { ClientRow } from "./client-row.js";
import type { AppEntry, ListEntry } from "./group-apps.js";
import { markListRendered } from "./perf.js";

/** A row's height before it is measured (one line of badges, at 100 % zoom). */
export const ESTIMATED_ROW_HEIGHT = 132;
/**
 * Rows rendered beyond each edge of the viewport. Scrolling re-renders in the same frame (flushSync),
 * so these only need to carry keyboard focus to the next row; every one more costs each scrolled
 * frame its rendering and layout (a row is ~50 layout objects).
 */
const OVERSCAN = 2;

type ClientListProps = {
  rows: readonly ListEntry[];
  now: number;
  onRevoke: (client: ClientInfo) => void;
  onRevokeApp: (app: AppEntry) => void;
};

/**
 * The clients, virtualized against the window's scroll: only the rows near the viewport are in the
 * DOM (10,000 entries scroll smoothly). Rows are measured, so zoom and wrapping are fine.
 */
export function ClientList({ rows, now, onRevoke, onRevokeApp }: ClientListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);

  // The list's distance from the top of the document: content above it (banners) may change.
  useLayoutEffect(() => {
    const measure = () => {
      const element = listRef.current;
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
  }, []);

  // Rows not measured yet are estimated at the height the last measured row had (rows are mostly
  // alike), so measuring a new row normally changes nothing: no shift of every following row's
  // offset, no new total height (and so no relayout of the page) on every scrolled frame.
  const estimateRef = useRef(ESTIMATED_ROW_HEIGHT);
  const estimateSize = useCallback(() => estimateRef.current, []);
  // A stable key function: a new one would make the virtualizer recompute every row's offset.
  const getItemKey = useCallback((index: number) => rowKey(rows[index]) ?? index, [rows]);
  // An element that isn't laid out (height 0) keeps its estimate instead of collapsing the list.
  const measureElement = useCallback((element: Element) => {
    const height = element.getBoundingClientRect().height;
    if (height <= 0) return estimateRef.current;
    estimateRef.current = height;
    return height;
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize,
    overscan: OVERSCAN,
    scrollMargin,
    getItemKey,
    measureElement,
  });

  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    if (items.length > 0) markListRendered();
  }, [items.length]);

  return (
    <ul ref={listRef} className="client-list" role="list" aria-label="Clients" style={{ height: virtualizer.getTotalSize() }}>
      {items.map((item) => {
        const row = rows[item.index];
        if (!row) return null;
        return (
          <li
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="client-list-item"
            aria-setsize={rows.length}
            aria-posinset={item.index + 1}
            style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
          >
            {row.kind === "client" ? (
              <ClientRow client={row.client} now={now} onRevoke={onRevoke} />
            ) : (
              <AppRow app={row} now={now} onRevokeApp={onRevokeApp} />
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** An entry's id; an app's grant id, marked so it can never equal an entry's own key. */
function rowKey(row: ListEntry | undefined): string | undefined {
  if (!row) return undefined;
  return row.kind === "client" ? row.client.id : `app\u0000${row.grant.id}`;
}
