import { defineMessage, defineMessages, type IntlShape } from "react-intl";
import { rowDevice, rowName } from "./describe.js";
import { rowKey, type ListEntry } from "./group-apps.js";
import { shortId, SHORT_ID_LENGTH } from "./short-id.js";

const messages = defineMessages({
  firstSeen: defineMessage<{ day: string }>({ id: "entry.tag.firstSeen", defaultMessage: "first seen {day}", description: "Tells two look-alike entries apart; day: “12 Mar”" }),
  id: defineMessage<{ prefix: string }>({ id: "entry.tag.id", defaultMessage: "id {prefix}", description: "Tells two look-alike entries apart by the start of their id" }),
});

// "12 Mar" (in the UI locale's date order), and with the year where the day alone does not tell two apart.
const DAY: Intl.DateTimeFormatOptions = { day: "numeric", month: "short" };
const DAY_AND_YEAR: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric" };

/** A row's name and device as a user reads them: rows alike in both cannot be told apart without a tag. */
function lookKey(intl: IntlShape, row: ListEntry): string {
  return JSON.stringify([rowName(intl, row).toLocaleLowerCase(), rowDevice(intl, row).toLocaleLowerCase()]);
}

function firstSeenOf(row: ListEntry): number | undefined {
  return row.kind === "client" ? row.client.firstSeen : row.grant.firstSeen;
}

function idOf(row: ListEntry): string {
  return row.kind === "client" ? row.client.id : row.grant.id;
}

function distinct(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

/** "first seen 12 Mar" for each, when that tells every one apart; else the shortest id prefixes that do. */
function tagsFor(intl: IntlShape, group: ListEntry[]): string[] {
  const times = group.map(firstSeenOf);
  if (times.every((t) => t !== undefined)) {
    for (const format of [DAY, DAY_AND_YEAR]) {
      const days = times.map((t) => intl.formatDate(t, format));
      if (distinct(days)) return days.map((day) => intl.formatMessage(messages.firstSeen, { day }));
    }
  }
  const ids = group.map(idOf);
  for (let length = SHORT_ID_LENGTH; ; length += 4) {
    const prefixes = ids.map((id) => shortId(id, length));
    // Whole ids differ (an id names one entry), so growing prefixes end up telling them apart.
    const whole = ids.every((id) => shortId(id, length) === shortId(id, Infinity));
    if (distinct(prefixes) || whole) return prefixes.map((prefix) => intl.formatMessage(messages.id, { prefix }));
  }
}

/**
 * A short tag for every row that has the same name and device as another row ("first seen 12 Mar",
 * or "id 3f2a9c1b"), by row key; rows that are unique get none.
 */
export function lookAlikeTags(intl: IntlShape, rows: readonly ListEntry[]): Map<string, string> {
  const groups = new Map<string, ListEntry[]>();
  for (const row of rows) {
    const key = lookKey(intl, row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const tags = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const groupTags = tagsFor(intl, group);
    group.forEach((row, i) => tags.set(rowKey(row), groupTags[i] ?? ""));
  }
  return tags;
}
