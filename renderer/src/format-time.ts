// Relative times in the UI's language (English), exact times in the user's own locale.
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" });

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** "just now", "5 minutes ago", "3 hours ago", "yesterday", "2 months ago", "in 5 minutes". */
export function formatRelative(timestamp: number, now: number): string {
  const diff = timestamp - now;
  const abs = Math.abs(diff);
  if (abs < 45 * SECOND) return "just now";
  if (abs < 45 * MINUTE) return relative.format(Math.round(diff / MINUTE), "minute");
  if (abs < 22 * HOUR) return relative.format(Math.round(diff / HOUR), "hour");
  if (abs < 26 * DAY) return relative.format(Math.round(diff / DAY), "day");
  if (abs < 11 * MONTH) return relative.format(Math.round(diff / MONTH), "month");
  return relative.format(Math.round(diff / YEAR), "year");
}

export function formatExact(timestamp: number): string {
  return exact.format(new Date(timestamp));
}
