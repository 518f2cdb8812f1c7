import type { ListEntry } from "./group-apps.js";
import { rowKey } from "./group-apps.js";
import type { RowFacts } from "./list-sections.js";

/** The list's orders, newest first: most recently active (connected counts as now), or most recently first seen. */
export type SortOrder = "last-active" | "first-seen";

/** Rows with their facts, so sorting and sections compute them once per row. */
export type FactRow = { row: ListEntry; facts: RowFacts };

function nameOf(row: ListEntry): string {
  const ua = row.kind === "client" ? row.client.userAgent : row.grant.userAgent;
  return ua.software ?? ua.softwareId ?? "";
}

/** Newest first; entries without the time last; then by name (as `collator` orders it), then by id so the order never flickers. */
export function compareRows(a: FactRow, b: FactRow, order: SortOrder, collator: Intl.Collator): number {
  const timeA = order === "last-active" ? a.facts.lastActive : a.facts.firstSeen;
  const timeB = order === "last-active" ? b.facts.lastActive : b.facts.firstSeen;
  if (timeA !== timeB) {
    if (timeA === undefined) return 1;
    if (timeB === undefined) return -1;
    return timeB - timeA;
  }
  const keyA = rowKey(a.row);
  const keyB = rowKey(b.row);
  return collator.compare(nameOf(a.row), nameOf(b.row)) || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0);
}

/** `locale`: the UI's, whose alphabetical order names follow. */
export function sortRows(rows: readonly FactRow[], order: SortOrder, locale: string): FactRow[] {
  const collator = new Intl.Collator(locale);
  return [...rows].sort((a, b) => compareRows(a, b, order, collator));
}
