import { describe, expect, it } from "vitest";
import { accountStateSchema, type AccountState } from "../../../src/shared/account-state.js";
import { nextState, TRANSITIONS, type SessionEvent } from "../../../src/core/session/session-machine.js";

type Status = AccountState["status"];
type EventType = SessionEvent["type"];

const jid = "ada@example.org";
const other = "bob@example.net";
const networkError = { kind: "network", message: "connection refused" } as const;
const certificateError = { kind: "certificate", fingerprint256: "AB:CD", subject: "CN=x", issuer: "CN=x", reason: "self-signed", pinMismatch: false, caVerifiedBefore: false } as const;

const from: { [S in Status]: Extract<AccountState, { status: S }> } = {
  "signed-out": { status: "signed-out" },
  connecting: { status: "connecting", jid },
  online: { status: "online", jid, credentials: "keychain" },
  reconnecting: { status: "reconnecting", jid, attempt: 2 },
  "password-needed": { status: "password-needed", jid, reason: "token-rejected" },
  error: { status: "error", jid, error: networkError },
};

const events: { [E in EventType]: Extract<SessionEvent, { type: E }> } = {
  "sign-in-started": { type: "sign-in-started", jid: other },
  "signed-in": { type: "signed-in", credentials: "unavailable", connected: true },
  "sign-in-needs-password": { type: "sign-in-needs-password", reason: "no-stored-credentials" },
  "sign-in-failed": { type: "sign-in-failed", error: networkError },
  disconnected: { type: "disconnected" },
  reconnected: { type: "reconnected", credentials: "keychain" },
  "token-rejected": { type: "token-rejected" },
  "fatal-error": { type: "fatal-error", error: certificateError },
  "signed-out": { type: "signed-out" },
};

const ignored = "ignored";
const connectingOther: AccountState = { status: "connecting", jid: other };
const signedOut: AccountState = { status: "signed-out" };
const tokenRejected: AccountState = { status: "password-needed", jid, reason: "token-rejected" };
const fatal: AccountState = { status: "error", jid, error: certificateError };

/** The expected table, written out independently of the machine's: every state against every event. */
const table: [Status, EventType, AccountState | typeof ignored][] = [
  ["signed-out", "sign-in-started", connectingOther],
  ["signed-out", "signed-in", ignored],
  ["signed-out", "sign-in-needs-password", ignored],
  ["signed-out", "sign-in-failed", ignored],
  ["signed-out", "disconnected", ignored],
  ["signed-out", "reconnected", ignored],
  ["signed-out", "token-rejected", ignored],
  ["signed-out", "fatal-error", ignored],
  ["signed-out", "signed-out", signedOut],

  ["connecting", "sign-in-started", connectingOther],
  ["connecting", "signed-in", { status: "online", jid, credentials: "unavailable" }],
  ["connecting", "sign-in-needs-password", { status: "password-needed", jid, reason: "no-stored-credentials" }],
  ["connecting", "sign-in-failed", { status: "error", jid, error: networkError }],
  ["connecting", "disconnected", ignored],
  ["connecting", "reconnected", ignored],
  ["connecting", "token-rejected", ignored],
  ["connecting", "fatal-error", ignored],
  ["connecting", "signed-out", signedOut],

  ["online", "sign-in-started", connectingOther],
  ["online", "signed-in", ignored],
  ["online", "sign-in-needs-password", ignored],
  ["online", "sign-in-failed", ignored],
  ["online", "disconnected", { status: "reconnecting", jid, attempt: 1 }],
  ["online", "reconnected", ignored],
  ["online", "token-rejected", tokenRejected],
  ["online", "fatal-error", fatal],
  ["online", "signed-out", signedOut],

  ["reconnecting", "sign-in-started", connectingOther],
  ["reconnecting", "signed-in", ignored],
  ["reconnecting", "sign-in-needs-password", ignored],
  ["reconnecting", "sign-in-failed", ignored],
  ["reconnecting", "disconnected", { status: "reconnecting", jid, attempt: 3 }],
  ["reconnecting", "reconnected", { status: "online", jid, credentials: "keychain" }],
  ["reconnecting", "token-rejected", tokenRejected],
  ["reconnecting", "fatal-error", fatal],
  ["reconnecting", "signed-out", signedOut],

  ["password-needed", "sign-in-started", connectingOther],
  ["password-needed", "signed-in", ignored],
  ["password-needed", "sign-in-needs-password", ignored],
  ["password-needed", "sign-in-failed", ignored],
  ["password-needed", "disconnected", ignored],
  ["password-needed", "reconnected", ignored],
  ["password-needed", "token-rejected", ignored],
  ["password-needed", "fatal-error", ignored],
  ["password-needed", "signed-out", signedOut],

  ["error", "sign-in-started", connectingOther],
  ["error", "signed-in", ignored],
  ["error", "sign-in-needs-password", ignored],
  ["error", "sign-in-failed", ignored],
  ["error", "disconnected", ignored],
  ["error", "reconnected", ignored],
  ["error", "token-rejected", ignored],
  ["error", "fatal-error", ignored],
  ["error", "signed-out", signedOut],
];

describe("session state machine", () => {
  it.each(table)("%s + %s", (status, type, expected) => {
    const state = from[status];
    const next = nextState(state, events[type]);
    if (expected === ignored) {
      expect(next).toBe(state);
    } else {
      expect(next).toEqual(expected);
      expect(accountStateSchema.safeParse(next).success).toBe(true);
    }
  });

  it("the expected table covers every state of the contract against every event of the machine, once", () => {
    const statuses = accountStateSchema.options.map((option) => option.shape.status.value);
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...statuses].sort());
    const eventTypes = Object.keys(events).sort();
    for (const status of statuses) expect(Object.keys(TRANSITIONS[status]).sort()).toEqual(eventTypes);
    const pairs = table.map(([status, type]) => `${status} + ${type}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs.length).toBe(statuses.length * eventTypes.length);
  });

  it("never shows online a sign-in whose connection dropped before it completed: it reconnects", () => {
    expect(nextState(from.connecting, { type: "signed-in", credentials: "keychain", connected: false })).toEqual({ status: "reconnecting", jid, attempt: 1 });
  });

  it("counts reconnection attempts from one, and starts again at one after being back online", () => {
    const run = (events: SessionEvent[]) => events.reduce(nextState, signedOut);
    const dropped = run([
      { type: "sign-in-started", jid },
      { type: "signed-in", credentials: "keychain", connected: true },
      { type: "disconnected" },
      { type: "disconnected" },
      { type: "disconnected" },
    ]);
    expect(dropped).toEqual({ status: "reconnecting", jid, attempt: 3 });
    expect(nextState(nextState(dropped, { type: "reconnected", credentials: "keychain" }), { type: "disconnected" })).toEqual({ status: "reconnecting", jid, attempt: 1 });
  });
});
