import { formatExact, formatRelative } from "./format-time.js";

/** "3 hours ago", with the exact local time on hover and for screen readers; "unknown" when absent. */
export function RelativeTime({ timestamp, now }: { timestamp: number | undefined; now: number }) {
  if (timestamp === undefined) return <span className="time-unknown">unknown</span>;
  const exact = formatExact(timestamp);
  return (
    <time dateTime={new Date(timestamp).toISOString()} title={exact}>
      <span aria-hidden="true">{formatRelative(timestamp, now)}</span>
      <span className="visually-hidden">
        {formatRelative(timestamp, now)} ({exact})
      </span>
    </time>
  );
}
