import { defineMessages, type IntlShape } from "react-intl";

// Relative and exact times through Intl in the UI's locale.
const messages = defineMessages({
  justNow: { id: "time.justNow", defaultMessage: "just now" },
});

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** "just now", "5 minutes ago", "3 hours ago", "yesterday", "2 months ago", "in 5 minutes", in the UI's language. */
export function formatRelative(intl: IntlShape, timestamp: number, now: number): string {
  const diff = timestamp - now;
  const abs = Math.abs(diff);
  const relative = (value: number, unit: Intl.RelativeTimeFormatUnit) => intl.formatRelativeTime(value, unit, { numeric: "auto" });
  if (abs < 45 * SECOND) return intl.formatMessage(messages.justNow);
  if (abs < 45 * MINUTE) return relative(Math.round(diff / MINUTE), "minute");
  if (abs < 22 * HOUR) return relative(Math.round(diff / HOUR), "hour");
  if (abs < 26 * DAY) return relative(Math.round(diff / DAY), "day");
  if (abs < 11 * MONTH) return relative(Math.round(diff / MONTH), "month");
  return relative(Math.round(diff / YEAR), "year");
}

/** "Tuesday, 15 June 2025 at 14:00:00", as the UI's locale writes it. */
export function formatExact(intl: IntlShape, timestamp: number): string {
  return intl.formatDate(timestamp, { dateStyle: "full", timeStyle: "medium" });
}
