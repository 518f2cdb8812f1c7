// The page's side of browser mode (renderer/src/browser-bridge), run in Node against a real host
// through the `ws` client, and against a scripted socket for what a real host never sends. The
// expectations are the shared contract's: every reply matches its method's METHOD_REPLY_SCHEMAS
// entry, every event names its account, and nothing rejects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  createSocketClientManager,
  type BridgeSocket,
  type BridgeSocketConstructor,
} from "../../renderer/src/browser-bridge/socket-client.js";
import { METHOD_REPLY_SCHEMAS } from "../../src/shared/api-schemas.js";
import type { ClientManagerApi, ClientManagerEvents, ClientManagerMethod } from "../../src/shared/api.js";
import type { ClientList } from "../../src/shared/client-info.js";
import { startWebHost, type WebHost } from "../../web/host.js";
import { authorise, closedPort, createFixture, socketUrl, startHost, type Fixture } from "./helpers.js";

const NO_OPTIONS = { nicknames: {}, nicknameSync: false, cleanupAfterDays: null };

const JID = "alice@example.org";
const DISCONNECTED = { ok: false, error: { kind: "disconnected" } };
const LIST: ClientList = { clients: [], protocol: "prosody", fetchedAt: 1 };

/** `ws` with the headers a browser would add itself: the session cookie and the page's Origin. */
function browserLikeSocket(host: WebHost, cookie: string): BridgeSocketConstructor {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { cookie }, origin: host.origin });
    }
  };
}

function expectReply(method: ClientManagerMethod, reply: unknown): void {
  expect(METHOD_REPLY_SCHEMAS[method].safeParse(reply).success, `${method}: ${JSON.stringify(reply)}`).toBe(true);
}

let fixture: Fixture;
beforeAll(() => {
  fixture = createFixture();
});
afterAll(async () => {
  await fixture.cleanup();
});

describe("against a real host", () => {
  let host: WebHost;
  let cookie: string;
  beforeAll(async () => {
    host = await startHost(fixture);
    cookie = await authorise(host);
  });
  afterAll(() => host.close());

  it("queues calls until the socket opens, then answers them with replies of the contract's shape", async () => {
    const api = createSocketClientManager({ url: socketUrl(host), WebSocket: browserLikeSocket(host, cookie) });
    try {
      const [state, list, bad] = await Promise.all([api.getState(), api.listClients({ jid: JID }), api.setDeviceName({ deviceName: "   " })]);
      expect(state).toEqual({ ok: true, value: { accounts: [], preferences: { inactiveAfterDays: 30 } } });
      expect(list).toEqual({ ok: false, error: { kind: "not-signed-in" } });
      expect(bad).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
      expectReply("getState", state);
      expectReply("listClients", list);
      expectReply("setDeviceName", bad);
    } finally {
      api.dispose();
    }
  });

  it("hands on() listeners the host's events, each naming its account, until they unsubscribe", async () => {
    const api = createSocketClientManager({ url: socketUrl(host), WebSocket: browserLikeSocket(host, cookie) });
    try {
      const jid = "someone@localhost";
      const states: ClientManagerEvents["state-changed"][] = [];
      const other: string[] = [];
      const off = api.on("state-changed", (payload) => states.push(payload));
      api.on("state-changed", (payload) => other.push(payload.state.status));
      const removed = new Promise<ClientManagerEvents["account-removed"]>((resolve) => api.on("account-removed", resolve));

      const result = await api.signIn({ jid, password: "pw", remember: false, server: { host: "127.0.0.1", port: await closedPort(), tls: "direct" } });
      expect(result).toMatchObject({ ok: false, error: { kind: "network" } });
      expectReply("signIn", result);
      // A failed first sign-in adds nothing: the host says so last.
      expect(await removed).toEqual({ jid });
      expect(states.map((payload) => [payload.jid, payload.state.status])).toEqual([
        [jid, "connecting"],
        [jid, "error"],
      ]);
      off();
      // Another failed attempt: only the listener still subscribed hears of it.
      const removedAgain = new Promise((resolve) => api.on("account-removed", resolve));
      await api.signIn({ jid, password: "pw", remember: false, server: { host: "127.0.0.1", port: await closedPort(), tls: "direct" } });
      await removedAgain;
      expect(states).toHaveLength(2);
      expect(other).toEqual(["connecting", "error", "connecting", "error"]);
    } finally {
      api.dispose();
    }
  });

  it("is refused without the session cookie, and resolves calls as disconnected", async () => {
    const api = createSocketClientManager({
      url: socketUrl(host),
      WebSocket: browserLikeSocket(host, "warden_session_1=nope"),
      backoffMs: () => 60_000,
    });
    try {
      expect(await api.getState()).toEqual(DISCONNECTED);
      expect(await api.listClients({ jid: JID })).toEqual(DISCONNECTED);
    } finally {
      api.dispose();
    }
  });
});

describe("when the host goes away", () => {
  it("resolves in-flight calls as disconnected, tells the page once, and never hangs", async () => {
    const never = () => new Promise<never>(() => {});
    const manager: ClientManagerApi = { ...fixture.manager, getState: never, listClients: never };
    const host = await startWebHost({ manager, staticDir: fixture.staticDir });
    const cookie = await authorise(host);
    const connections: boolean[] = [];
    const api = createSocketClientManager({
      url: socketUrl(host),
      WebSocket: browserLikeSocket(host, cookie),
      backoffMs: () => 20,
      onConnectionChange: (connected) => connections.push(connected),
    });
    try {
      expect(await api.setDeviceName({ deviceName: "connected" })).toEqual({ ok: true, value: null });
      const state = api.getState();
      const list = api.listClients({ jid: JID });
      await host.close();
      expect(await state).toEqual(DISCONNECTED);
      expect(await list).toEqual(DISCONNECTED);
      expect(connections).toEqual([false]);
      // Reconnecting fails (nothing listens any more): calls don't hang, they resolve disconnected.
      expect(await api.signOut({ jid: JID })).toEqual(DISCONNECTED);
    } finally {
      api.dispose();
    }
    expect(await api.getState()).toEqual(DISCONNECTED);
  });
});

/** A socket the test drives by hand: for messages a real host never sends. */
class ScriptedSocket implements BridgeSocket {
  static instances: ScriptedSocket[] = [];
  readyState = 0;
  sent: { type: string; id: number; method: string; argument?: unknown }[] = [];
  onopen: ((event: never) => unknown) | null = null;
  onmessage: ((event: never) => unknown) | null = null;
  onclose: ((event: never) => unknown) | null = null;
  onerror: ((event: never) => unknown) | null = null;
  constructor(readonly url: string) {
    ScriptedSocket.instances.push(this);
  }
  send(data: string) {
    if (this.readyState !== 1) throw new Error("not open");
    this.sent.push(JSON.parse(data) as ScriptedSocket["sent"][number]);
  }
  close() {
    this.serverClose();
  }
  serverOpen() {
    this.readyState = 1;
    (this.onopen as ((event: unknown) => void) | null)?.({});
  }
  serverSend(message: unknown) {
    (this.onmessage as ((event: { data: unknown }) => void) | null)?.({ data: typeof message === "string" ? message : JSON.stringify(message) });
  }
  serverClose() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    (this.onclose as ((event: unknown) => void) | null)?.({ code: 1006 });
  }
}

describe("what a real host never sends (scripted socket)", () => {
  it("drops malformed or pre-contract events, and answers a malformed reply with a typed error", async () => {
    ScriptedSocket.instances = [];
    const api = createSocketClientManager({ url: "ws://127.0.0.1:1/ws", WebSocket: ScriptedSocket, backoffMs: () => 60_000 });
    try {
      const seen: unknown[] = [];
      api.on("state-changed", (payload) => seen.push(payload));
      api.on("clients-changed", (payload) => seen.push(payload));
      api.on("account-removed", (payload) => seen.push(payload));
      const socket = ScriptedSocket.instances[0];
      if (!socket) throw new Error("no socket");
      const state = api.getState();
      const revoke = api.revokeClient({ jid: JID, id: "abc" });
      socket.serverOpen();
      expect(socket.sent).toEqual([
        { type: "call", id: 1, method: "getState" },
        { type: "call", id: 2, method: "revokeClient", argument: { jid: JID, id: "abc" } },
      ]);

      for (const noise of [
        "not json",
        { type: "result", id: "1", result: {} },
        { type: "result", id: 99, result: { ok: true, value: null } },
        { type: "event", event: "nonsense", payload: { jid: JID } },
        // Shapes from before every event named its account.
        { type: "event", event: "state-changed", payload: { status: "signed-out" } },
        { type: "event", event: "clients-changed", payload: LIST },
        { type: "event", event: "state-changed", payload: { jid: JID, state: { status: "bogus" } } },
        { type: "event", event: "clients-changed", payload: { jid: JID, list: { clients: "no" } } },
        { type: "event", event: "account-removed", payload: {} },
      ]) {
        socket.serverSend(noise);
      }
      expect(seen).toEqual([]);

      socket.serverSend({ type: "event", event: "state-changed", payload: { jid: JID, state: { status: "connecting", jid: JID } } });
      socket.serverSend({ type: "event", event: "clients-changed", payload: { jid: JID, list: LIST } });
      socket.serverSend({ type: "event", event: "account-removed", payload: { jid: JID } });
      expect(seen).toEqual([{ jid: JID, state: { status: "connecting", jid: JID } }, { jid: JID, list: LIST }, { jid: JID }]);

      // The pre-issue-10 getState answer and a Result without its value are not replies.
      socket.serverSend({ type: "result", id: 1, result: { status: "signed-out" } });
      socket.serverSend({ type: "result", id: 2, result: { ok: true } });
      const [stateReply, revokeReply] = await Promise.all([state, revoke]);
      for (const [method, reply] of [["getState", stateReply], ["revokeClient", revokeReply]] as const) {
        expect(reply).toMatchObject({ ok: false });
        expectReply(method, reply);
      }
    } finally {
      api.dispose();
    }
  });

  it("after a reconnect, catches listeners up from getState, account by account", async () => {
    ScriptedSocket.instances = [];
    const api = createSocketClientManager({ url: "ws://127.0.0.1:1/ws", WebSocket: ScriptedSocket, backoffMs: () => 1 });
    try {
      const states: ClientManagerEvents["state-changed"][] = [];
      const lists: ClientManagerEvents["clients-changed"][] = [];
      api.on("state-changed", (payload) => states.push(payload));
      api.on("clients-changed", (payload) => lists.push(payload));
      const options: ClientManagerEvents["account-options-changed"][] = [];
      const preferences: ClientManagerEvents["preferences-changed"][] = [];
      api.on("account-options-changed", (payload) => options.push(payload));
      api.on("preferences-changed", (payload) => preferences.push(payload));
      const first = ScriptedSocket.instances[0];
      if (!first) throw new Error("no socket");
      first.serverOpen();
      first.serverSend({ type: "event", event: "state-changed", payload: { jid: JID, state: { status: "online", jid: JID, credentials: "keychain" } } });
      const inFlight = api.listClients({ jid: JID });
      first.serverClose();
      expect(await inFlight).toEqual(DISCONNECTED);
      // The page is told the account is out of reach, as a state of that account.
      expect(states.at(-1)).toMatchObject({ jid: JID, state: { status: "error", jid: JID } });

      await expect.poll(() => ScriptedSocket.instances.length).toBe(2);
      const second = ScriptedSocket.instances[1];
      if (!second) throw new Error("no reconnect");
      second.serverOpen();
      expect(second.sent).toEqual([{ type: "call", id: expect.any(Number), method: "getState" }]);
      const bob = "bob@example.net";
      second.serverSend({
        type: "result",
        id: second.sent[0]?.id,
        result: {
          ok: true,
          value: {
            accounts: [
              { jid: JID, state: { status: "online", jid: JID, credentials: "keychain" }, clients: LIST, alerts: [], options: NO_OPTIONS },
              { jid: bob, state: { status: "signed-out" }, alerts: [], options: { ...NO_OPTIONS, nicknames: { "client/x": "Mum's tablet" } } },
            ],
            preferences: { inactiveAfterDays: 45 },
          },
        },
      });
      await expect.poll(() => states.length).toBeGreaterThanOrEqual(4);
      expect(states.slice(-2)).toEqual([
        { jid: JID, state: { status: "online", jid: JID, credentials: "keychain" } },
        { jid: bob, state: { status: "signed-out" } },
      ]);
      expect(lists).toEqual([{ jid: JID, list: LIST }]);
      // The rest of each account's view comes back as its events too.
      expect(options).toEqual([
        { jid: JID, options: NO_OPTIONS },
        { jid: bob, options: { ...NO_OPTIONS, nicknames: { "client/x": "Mum's tablet" } } },
      ]);
      expect(preferences).toEqual([{ preferences: { inactiveAfterDays: 45 } }]);
    } finally {
      api.dispose();
    }
  });
});
