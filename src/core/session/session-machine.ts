import type { AccountError, AccountState, CredentialStorage } from "../../shared/account-state.js";

/** What happens to an account's session: from its sign-in (AccountSession) or from its live connection. */
export type SessionEvent =
  /** A sign-in began: the first one, another account, or the same account with a new password. */
  | { type: "sign-in-started"; jid: string }
  /**
   * The sign-in's connection is authenticated, and what to keep of its secrets is kept.
   * `connected`: false when the connection dropped meanwhile (unheard while connecting).
   */
  | { type: "signed-in"; credentials: CredentialStorage; connected: boolean }
  /** The sign-in was refused and only the password can help (no token left, none typed). */
  | { type: "sign-in-needs-password"; reason: "token-rejected" | "no-stored-credentials" }
  /** Every server address of the sign-in failed; `error` is the last failure. */
  | { type: "sign-in-failed"; error: AccountError }
  /** The connection dropped; the client reconnects by itself. */
  | { type: "disconnected" }
  /** A reconnection signed in again, or stream management resumed the session. */
  | { type: "reconnected"; credentials: CredentialStorage }
  /** A reconnection's sign-in was refused and only the password can help. */
  | { type: "token-rejected" }
  /** The connection failed in a way retrying cannot help, or must not (see isFatal). */
  | { type: "fatal-error"; error: AccountError }
  /** The user signed out. */
  | { type: "signed-out" };

type Status = AccountState["status"];
type EventType = SessionEvent["type"];
type In<S extends Status> = Extract<AccountState, { status: S }>;
type On<E extends EventType> = Extract<SessionEvent, { type: E }>;
/**
 * The next state, or "ignored": the event means nothing in that state — it comes late from a
 * connection already given up, or the sign-in reports that outcome itself.
 */
type Rule<S extends Status, E extends EventType> = ((state: In<S>, event: On<E>) => AccountState) | "ignored";

const connecting = (_: AccountState, event: On<"sign-in-started">): AccountState => ({ status: "connecting", jid: event.jid });
const signedOut = (): AccountState => ({ status: "signed-out" });
const online = (state: { jid: string }, event: { credentials: CredentialStorage }): AccountState => ({ status: "online", jid: state.jid, credentials: event.credentials });
const tokenRejected = (state: { jid: string }): AccountState => ({ status: "password-needed", jid: state.jid, reason: "token-rejected" });
const failed = (state: { jid: string }, event: { error: AccountError }): AccountState => ({ status: "error", jid: state.jid, error: event.error });

/**
 * Every state of an account's session against every event: the whole lifecycle. A new sign-in or
 * a sign-out is taken in any state; the sign-in's own outcomes only while connecting; the live
 * connection's events only once it has been online (before that the sign-in reports failures), and
 * never after a fatal error or a refused token (that connection is given up).
 */
export const TRANSITIONS: { [S in Status]: { [E in EventType]: Rule<S, E> } } = {
  "signed-out": {
    "sign-in-started": connecting,
    "signed-in": "ignored",
    "sign-in-needs-password": "ignored",
    "sign-in-failed": "ignored",
    disconnected: "ignored",
    reconnected: "ignored",
    "token-rejected": "ignored",
    "fatal-error": "ignored",
    "signed-out": signedOut,
  },
  connecting: {
    "sign-in-started": connecting,
    // Never online on a connection that is already gone: it reconnects, as after any drop.
    "signed-in": (state, event) => (event.connected ? online(state, event) : { status: "reconnecting", jid: state.jid, attempt: 1 }),
    "sign-in-needs-password": (state, event) => ({ status: "password-needed", jid: state.jid, reason: event.reason }),
    "sign-in-failed": failed,
    disconnected: "ignored",
    reconnected: "ignored",
    "token-rejected": "ignored",
    "fatal-error": "ignored",
    "signed-out": signedOut,
  },
  online: {
    "sign-in-started": connecting,
    "signed-in": "ignored",
    "sign-in-needs-password": "ignored",
    "sign-in-failed": "ignored",
    disconnected: (state) => ({ status: "reconnecting", jid: state.jid, attempt: 1 }),
    reconnected: "ignored",
    "token-rejected": tokenRejected,
    "fatal-error": failed,
    "signed-out": signedOut,
  },
  reconnecting: {
    "sign-in-started": connecting,
    "signed-in": "ignored",
    "sign-in-needs-password": "ignored",
    "sign-in-failed": "ignored",
    disconnected: (state) => ({ status: "reconnecting", jid: state.jid, attempt: state.attempt + 1 }),
    reconnected: online,
    "token-rejected": tokenRejected,
    "fatal-error": failed,
    "signed-out": signedOut,
  },
  "password-needed": {
    "sign-in-started": connecting,
    "signed-in": "ignored",
    "sign-in-needs-password": "ignored",
    // The sign-in that asked for the password ends with its failure: the request for it stands.
    "sign-in-failed": "ignored",
    disconnected: "ignored",
    reconnected: "ignored",
    "token-rejected": "ignored",
    "fatal-error": "ignored",
    "signed-out": signedOut,
  },
  error: {
    "sign-in-started": connecting,
    "signed-in": "ignored",
    "sign-in-needs-password": "ignored",
    "sign-in-failed": "ignored",
    disconnected: "ignored",
    reconnected: "ignored",
    "token-rejected": "ignored",
    "fatal-error": "ignored",
    "signed-out": signedOut,
  },
};

/** The session's next state; the same object when the table ignores the event in this state. */
export function nextState(state: AccountState, event: SessionEvent): AccountState {
  // Looked up by this state's status and this event's type, so the rule's narrower parameters hold.
  const rule = TRANSITIONS[state.status][event.type] as Rule<Status, EventType>;
  return rule === "ignored" ? state : rule(state, event);
}
