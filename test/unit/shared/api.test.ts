import { describe, expect, it } from "vitest";
import { createMemoryClientManager } from "../../doubles/memory-client-manager.js";
import {
  CLIENT_MANAGER_EVENT_SCHEMAS,
  CLIENT_MANAGER_EVENTS,
  CLIENT_MANAGER_METHODS,
  METHOD_ARGUMENT_SCHEMAS,
  METHOD_REPLY_SCHEMAS,
  type ClientList,
  type ClientManagerMethod,
} from "../../../src/shared/index.js";

const JID = "alice@example.org";
const LIST: ClientList = {
  protocol: "xep-0494",
  fetchedAt: 1_700_000_000_000,
  clients: [
    {
      id: "client/abc",
      kind: "access",
      connected: true,
      firstSeen: 1_690_000_000_000,
      lastSeen: 1_700_000_000_000,
      authMethods: ["fast", "password"],
      userAgent: { software: "Conversations", device: "Pixel" },
      permission: "unrestricted",
      isCurrent: false,
    },
  ],
};

const NO_OPTIONS = { nicknames: {}, nicknameSync: false, cleanupAfterDays: null };

/** The manager's own keys that are not part of the cross-process API. */
const IN_PROCESS_ONLY = new Set(["on", "dispose", "resumeRemembered", "revealClient"]);

describe("the method list", () => {
  it("lists every API method of the client manager once (in-memory stores)", () => {
    const manager = createMemoryClientManager().core;
    const methods = Object.keys(manager).filter((key) => !IN_PROCESS_ONLY.has(key));
    expect(new Set(CLIENT_MANAGER_METHODS).size).toBe(CLIENT_MANAGER_METHODS.length);
    expect([...CLIENT_MANAGER_METHODS].sort()).toEqual(methods.sort());
  });

  it("gives every method an argument schema and a reply schema, and no other", () => {
    const methods = [...CLIENT_MANAGER_METHODS].sort();
    expect(Object.keys(METHOD_ARGUMENT_SCHEMAS).sort()).toEqual(methods);
    expect(Object.keys(METHOD_REPLY_SCHEMAS).sort()).toEqual(methods);
    for (const method of CLIENT_MANAGER_METHODS) {
      expect(typeof METHOD_ARGUMENT_SCHEMAS[method].safeParse, method).toBe("function");
      expect(typeof METHOD_REPLY_SCHEMAS[method].safeParse, method).toBe("function");
    }
  });

  it("names every event once, each with a payload schema", () => {
    expect(new Set(CLIENT_MANAGER_EVENTS).size).toBe(CLIENT_MANAGER_EVENTS.length);
    expect([...CLIENT_MANAGER_EVENTS].sort()).toEqual(Object.keys(CLIENT_MANAGER_EVENT_SCHEMAS).sort());
  });
});

describe("reply schemas", () => {
  const replies: [ClientManagerMethod, unknown][] = [
    ["getState", { ok: true, value: { accounts: [], preferences: { inactiveAfterDays: 30 } } }],
    [
      "getState",
      {
        ok: true,
        value: {
          accounts: [
            { jid: JID, state: { status: "online", jid: JID, credentials: "keychain" }, clients: LIST, alerts: [], options: NO_OPTIONS },
            { jid: "bob@example.net", state: { status: "signed-out" }, alerts: [], options: { ...NO_OPTIONS, cleanupAfterDays: 60 } },
            {
              jid: "carol@example.com",
              state: { status: "reconnecting", jid: "carol@example.com", attempt: 2 },
              alerts: [{ id: "a1", at: 1, kind: "new-sign-in", client: { id: "client/x", kind: "session", authMethods: ["password"] } }],
              options: { nicknames: { "client/x": "Mum's tablet" }, nicknameSync: true, cleanupAfterDays: null },
              onlyThisDevice: { startedAt: 1, done: ["check-password", "change-password"], revoked: [] },
            },
          ],
          preferences: { inactiveAfterDays: 30, background: { keepWatchingWhenClosed: null, startAtLogin: false }, autoUpdate: true },
          updates: { status: "downloading", version: "1.2.3", percent: 40 },
        },
      },
    ],
    ["restartToUpdate", { ok: false, error: { kind: "invalid-request", detail: "No update is ready to install yet." } }],
    ["signIn", { ok: true, value: { status: "online", jid: JID, credentials: "unavailable" } }],
    ["signIn", { ok: false, error: { kind: "auth-failed", condition: "not-authorized" } }],
    ["signIn", { ok: false, error: { kind: "invalid-request", detail: "jid: too short" } }],
    ["signOut", { ok: true, value: null }],
    ["removeAccount", { ok: false, error: { kind: "not-signed-in" } }],
    ["listClients", { ok: true, value: LIST }],
    ["listClients", { ok: false, error: { kind: "server-error", condition: "internal-server-error" } }],
    ["revokeClient", { ok: true, value: { outcome: "gone", removed: ["session", "fast-tokens"] } }],
    ["revokeClient", { ok: false, error: { kind: "confirmation-required" } }],
    ["changePassword", { ok: true, value: { confirmed: true, cutOff: [], remainingGrants: LIST.clients, tokenRenewed: true } }],
    ["changePassword", { ok: false, error: { kind: "wrong-current-password" } }],
    ["getAccountSecurity", { ok: true, value: { jid: JID, protections: ["scram", "channel-binding"], pinnedFingerprints: [] } }],
    ["setDeviceName", { ok: false, error: { kind: "internal", message: "unexpected error" } }],
  ];
  it.each(replies)("accepts a real-shaped %s reply", (method, reply) => {
    expect(METHOD_REPLY_SCHEMAS[method].safeParse(reply).success).toBe(true);
  });

  const malformed: [string, ClientManagerMethod, unknown][] = [
    ["getState as the old single AccountState", "getState", { status: "signed-out" }],
    ["getState without accounts", "getState", { ok: true, value: {} }],
    ["an account without its jid", "getState", { ok: true, value: { accounts: [{ state: { status: "signed-out" } }] } }],
    ["an unknown state", "getState", { ok: true, value: { accounts: [{ jid: JID, state: { status: "bogus" } }] } }],
    ["a result without ok", "signOut", { value: null }],
    ["ok without a value", "signOut", { ok: true }],
    ["a value where null is due", "signOut", { ok: true, value: "done" }],
    ["an unknown error kind", "signOut", { ok: false, error: { kind: "exploded" } }],
    ["an internal error without a message", "listClients", { ok: false, error: { kind: "internal" } }],
    ["an error kind of another method", "signOut", { ok: false, error: { kind: "confirmation-required" } }],
    ["a list whose clients are not an array", "listClients", { ok: true, value: { ...LIST, clients: "no" } }],
    ["an unknown revoke outcome", "revokeClient", { ok: true, value: { outcome: "vanished" } }],
    [
      "an alert that is not a new sign-in or new way in",
      "getState",
      {
        ok: true,
        value: {
          accounts: [{ jid: JID, state: { status: "signed-out" }, options: NO_OPTIONS, alerts: [{ id: "a", at: 1, kind: "gone", client: { id: "x", kind: "session", authMethods: [] } }] }],
          preferences: { inactiveAfterDays: 30 },
        },
      },
    ],
    ["an update state Warden does not know", "getState", { ok: true, value: { accounts: [], preferences: { inactiveAfterDays: 30 }, updates: { status: "installing" } } }],
    ["a download past 100 %", "getState", { ok: true, value: { accounts: [], preferences: { inactiveAfterDays: 30 }, updates: { status: "downloading", version: "2", percent: 140 } } }],
    ["an inactivity threshold of zero days", "getState", { ok: true, value: { accounts: [], preferences: { inactiveAfterDays: 0 } } }],
    ["null", "getAccountSecurity", null],
    ["a string", "signIn", "online"],
  ];
  it.each(malformed)("refuses %s", (_name, method, reply) => {
    expect(METHOD_REPLY_SCHEMAS[method].safeParse(reply).success).toBe(false);
  });
});

describe("event schemas", () => {
  it("accept real-shaped payloads, each naming its account", () => {
    expect(CLIENT_MANAGER_EVENT_SCHEMAS["state-changed"].safeParse({ jid: JID, state: { status: "connecting", jid: JID } }).success).toBe(true);
    expect(
      CLIENT_MANAGER_EVENT_SCHEMAS["state-changed"].safeParse({
        jid: JID,
        state: { status: "error", jid: JID, error: { kind: "network", message: "connection refused", code: "ECONNREFUSED" } },
      }).success,
    ).toBe(true);
    expect(CLIENT_MANAGER_EVENT_SCHEMAS["clients-changed"].safeParse({ jid: JID, list: LIST }).success).toBe(true);
    expect(CLIENT_MANAGER_EVENT_SCHEMAS["account-removed"].safeParse({ jid: JID }).success).toBe(true);
    expect(CLIENT_MANAGER_EVENT_SCHEMAS["update-changed"].safeParse({ updates: { status: "ready", version: "1.2.3" } }).success).toBe(true);
  });

  it("refuse payloads that don't name their account, or are malformed", () => {
    // The one-account shapes from before issue 10.
    expect(CLIENT_MANAGER_EVENT_SCHEMAS["state-changed"].safeParse({ status: "signed-out" }).success).toBe(false);
    expect(CLIENT_MANAGER_EVENT_SCHEMAS["clients-changed"].safeParse(LIST).success).toBe(false);
    expect(CLIENT_MANAGER_EVENT_SCHEMAS["account-removed"].safeParse({}).success).toBe(false);
    expect(CLIENT_MANAGER_EVENT_SCHEMAS["state-changed"].safeParse({ jid: JID, state: { status: "bogus" } }).success).toBe(false);
    expect(CLIENT_MANAGER_EVENT_SCHEMAS["clients-changed"].safeParse({ jid: JID, list: { clients: [] } }).success).toBe(false);
    expect(CLIENT_MANAGER_EVENT_SCHEMAS["account-removed"].safeParse({ jid: 7 }).success).toBe(false);
    expect(CLIENT_MANAGER_EVENT_SCHEMAS["update-changed"].safeParse({ updates: { status: "ready" } }).success).toBe(false);
    for (const schema of Object.values(CLIENT_MANAGER_EVENT_SCHEMAS)) expect(schema.safeParse(null).success).toBe(false);
  });
});

it("the core answers bad input with a typed error, not a throw (in-memory stores)", async () => {
  const manager = createMemoryClientManager().core;
  const bad: unknown[] = [undefined, null, 42, "x", { jid: 7 }, { jid: "a@b.c", password: "" }, { jid: "a@b.c", server: { host: "h", port: 0, tls: "starttls" } }];
  for (const input of bad) {
    expect(await manager.signIn(input as never)).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  }
  expect(await manager.revokeClient({ jid: JID, id: "" })).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  expect(await manager.revokeClient({ id: "client/x" } as never)).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  expect(await manager.revokeClient({ jid: JID, id: "client/x" })).toEqual({ ok: false, error: { kind: "not-signed-in" } });
  expect(await manager.trustCertificate({ jid: 7 } as never)).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  // Nothing was presented by a sign-in, so there is nothing to trust.
  expect(await manager.trustCertificate({ jid: JID })).toMatchObject({ ok: false });
  expect(await manager.getAccountSecurity({ jid: "" })).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  expect(await manager.removePinnedCertificate({ jid: JID, fingerprint256: "nope" })).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  expect(await manager.forgetServer({} as never)).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  expect(await manager.listClients({ jid: JID })).toEqual({ ok: false, error: { kind: "not-signed-in" } });
  expect(await manager.listClients(undefined as never)).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  expect(await manager.removeAccount({ jid: JID })).toEqual({ ok: false, error: { kind: "not-signed-in" } });
  expect(await manager.signIn({ jid: "no-at-sign", password: "p", remember: false })).toMatchObject({ ok: false, error: { kind: "invalid-jid" } });
});
