import { defineMessage, defineMessages, useIntl } from "react-intl";
import type { AccountState } from "../../src/shared/index.js";

type Connection = "online" | "connecting" | "reconnecting" | "offline";

export function connectionOf(state: AccountState): Connection {
  switch (state.status) {
    case "online":
    case "connecting":
    case "reconnecting":
      return state.status;
    default:
      return "offline";
  }
}

const LABELS = defineMessages({
  online: { id: "connection.online", defaultMessage: "Online" },
  connecting: { id: "connection.connecting", defaultMessage: "Connecting…" },
  reconnecting: { id: "connection.reconnecting", defaultMessage: "Reconnecting…" },
  offline: { id: "connection.offline", defaultMessage: "Offline" },
}) satisfies Record<Connection, unknown>;

const messages = defineMessages({
  attempt: defineMessage<{ attempt: number }>({ id: "connection.reconnectingAttempt", defaultMessage: "Reconnecting… (attempt {attempt})" }),
  prefix: { id: "connection.prefix", defaultMessage: "Connection:", description: "Read by screen readers before the badge's words" },
});

/** The account's connection, in words and colour (never colour alone). */
export function ConnectionBadge({ state }: { state: AccountState }) {
  const intl = useIntl();
  const connection = connectionOf(state);
  const label =
    state.status === "reconnecting" && state.attempt > 1 ? intl.formatMessage(messages.attempt, { attempt: state.attempt }) : intl.formatMessage(LABELS[connection]);
  return (
    <span className={`badge connection connection-${connection}`} data-connection={connection}>
      <span className="dot" aria-hidden="true" />
      <span>
        <span className="visually-hidden">{intl.formatMessage(messages.prefix)} </span>
        {label}
      </span>
    </span>
  );
}
