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

const LABELS: Record<Connection, string> = {
  online: "Online",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

/** The account's connection, in words and colour (never colour alone). */
export function ConnectionBadge({ state }: { state: AccountState }) {
  const connection = connectionOf(state);
  const label = state.status === "reconnecting" && state.attempt > 1 ? `Reconnecting… (attempt ${state.attempt})` : LABELS[connection];
  return (
    <span className={`badge connection connection-${connection}`} data-connection={connection}>
      <span className="dot" aria-hidden="true" />
      <span>
        <span className="visually-hidden">Connection: </span>
        {label}
      </span>
    </span>
  );
}
