import { defineMessage, defineMessages, useIntl } from "react-intl";
import { formatExact, formatRelative } from "./format-time.js";

const messages = defineMessages({
  unknown: { id: "time.unknown", defaultMessage: "unknown" },
  notKnown: { id: "time.notKnown", defaultMessage: "not known" },
  relativeThenExact: defineMessage<{ relative: string; exact: string }>({ id: "time.relativeThenExact", defaultMessage: "{relative} ({exact})" }),
  inParentheses: defineMessage<{ relative: string }>({ id: "time.relativeInParentheses", defaultMessage: "({relative})" }),
});

/** "3 hours ago", with the exact local time on hover and for screen readers; "unknown" when absent. */
export function RelativeTime({ timestamp, now }: { timestamp: number | undefined; now: number }) {
  const intl = useIntl();
  if (timestamp === undefined) return <span className="time-unknown">{intl.formatMessage(messages.unknown)}</span>;
  const exact = formatExact(intl, timestamp);
  const relative = formatRelative(intl, timestamp, now);
  return (
    <time dateTime={new Date(timestamp).toISOString()} title={exact}>
      <span aria-hidden="true">{relative}</span>
      <span className="visually-hidden">{intl.formatMessage(messages.relativeThenExact, { relative, exact })}</span>
    </time>
  );
}

/** The exact local time as text anyone can read, keyboard and touch users too, then "(3 days ago)"; "not known" when absent. */
export function ExactTime({ timestamp, now }: { timestamp: number | undefined; now: number }) {
  const intl = useIntl();
  if (timestamp === undefined) return <span className="time-unknown">{intl.formatMessage(messages.notKnown)}</span>;
  return (
    <time dateTime={new Date(timestamp).toISOString()}>
      {formatExact(intl, timestamp)}{" "}
      <span className="muted">{intl.formatMessage(messages.inParentheses, { relative: formatRelative(intl, timestamp, now) })}</span>
    </time>
  );
}
