// The renderer's browser bridge (renderer/src/browser-bridge), run in Node: against a real host
// through the `ws` client, and against a scripted socket for the reconnect logic.
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  createSocketClientManager,
  type BridgeSocket,
  type BridgeSocketConstructor,
} from "../../renderer/src/browser-bridge/socket-client.js";
import type { AccountState } from "../../src/shared/account-state.js";
import type { ClientManagerApi } from "../../src/shared/api.js";
import { startWebHost, type WebHost } from "../../web/host.js";
import { authorise, createFixture, socketUrl, startHost, type Fixture } from "./helpers.js";

const LOST: AccountState = { status: "error", error: { kind: "network", message: "Lost the connection to Warden" } };
const tick = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

/** `ws` with the headers a browser would add itself: the session cookie and the page's Origin. */
function browserLikeSocket(host: WebHost, cookie: string): BridgeSocketConstructor {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { cookie }, origin: host.origin });
    }
  };
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

  it("queues calls until the socket opens, then answers them", async () => {
    const api = createSocketClientManager({ url: socketUrl(host), WebSocket: browserLikeSocket(host, cookie) });
    try {
      const [state, list, bad] = await Promise.all([
        api.getState(),
        api.listClients(),
        api.setDeviceName({ deviceName: "   " }),
      ]);
      expect(state).toEqual({ status: "signed-out" });
      expect(list).toEqual({ ok: false, error: { kind: "not-signed-in" } });
      expect(bad).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
    } finally {
      api.dispose();
    }
  });

  it("dispatches events to on() listeners until they unsubscribe", async () => {
    const api = createSocketClientManager({ url: socketUrl(host), WebSocket: browserLikeSocket(host, cookie) });
    try {
      const states: string[] = [];
      const other: string[] = [];
      const off = api.on("state-changed", (state) => states.push(state.status));
      api.on("state-changed", (state) => other.push(state.status));
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as { port: number };
      await new Promise<void>((resolve) => server.close(() => resolve()));

      const result = await api.signIn({ jid: "someone@localhost", password: "pw", remember: false, server: { host: "127.0.0.1", port, tls: "direct" } });
      expect(result).toMatchObject({ ok: false, error: { kind: "network" } });
      await tick(50);
      expect(states).toEqual(["connecting", "error"]);
      off();
      expect(await api.signOut()).toEqual({ ok: true, value: null });
      await tick(50);
      expect(states).toEqual(["connecting", "error"]);
      expect(other).toEqual(["connecting", "error", "signed-out"]);
    } finally {
      api.dispose();
    }
  });

  it("is refused (and resolves calls as disconnected) without the session cookie", async () => {
    const api = createSocketClientManager({
      url: socketUrl(host),
      WebSocket: browserLikeSocket(host, "warden_session_1=nope"),
      backoffMs: () => 60_000,
    });
    try {
      expect(await api.getState()).toEqual(LOST);
      expect(await api.listClients()).toEqual({ ok: false, error: { kind: "disconnected" } });
    } finally {
      api.dispose();
    }
  });
});

describe("when the host goes away", () => {
  let hanging: Server;
  beforeAll(async () => {
    hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => hanging.close(() => resolve())));

  it("resolves in-flight calls with typed disconnected errors and tells the listeners", async () => {
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
      const states: AccountState[] = [];
      api.on("state-changed", (state) => states.push(state));
      expect(await api.setDeviceName({ deviceName: "connected" })).toEqual({ ok: true, value: null });
      const state = api.getState();
      const list = api.listClients();
      await tick(20);
      await host.close();
      expect(await state).toEqual(LOST);
      expect(await list).toEqual({ ok: false, error: { kind: "disconnected" } });
      expect(states).toEqual([LOST]);
      expect(connections).toEqual([false]);
      // Reconnecting fails (nothing listens any more): calls don't hang, they resolve disconnected.
      expect(await api.signOut()).toEqual({ ok: false, error: { kind: "disconnected" } });
    } finally {
      api.dispose();
    }
    expect(await api.getState()).toEqual(LOST);
  });
});

/** A socket the test drives by hand. */
class ScriptedSocket implements BridgeSocket {
  static instances: ScriptedSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((event: never) => unknown) | null = null;
  onmessage: ((event: never) => unknown) | null = null;
  onclose: ((event: never) => unknown) | null = null;
  onerror: ((event: never) => unknown) | null = null;
  constructor(readonly url: string) {
    ScriptedSocket.instances.push(this);
  }
  send(data: string) {
    if (this.readyState !== 1) throw new Error("not open");
    this.sent.push(JSON.parse(data));
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

describe("reconnecting (scripted socket)", () => {
  it("queues, reconnects with backoff, catches listeners up, and ignores malformed messages", async () => {
    ScriptedSocket.instances = [];
    const delays: number[] = [];
    const api = createSocketClientManager({
      url: "ws://127.0.0.1:1/ws",
      WebSocket: ScriptedSocket,
      backoffMs: (attempt) => {
        delays.push(attempt);
        return 5;
      },
    });
    const states: AccountState[] = [];
    api.on("state-changed", (state) => states.push(state));
    const first = ScriptedSocket.instances[0];
    if (!first) throw new Error("no socket");
    expect(first.url).toBe("ws://127.0.0.1:1/ws");

    const state = api.getState();
    const revoke = api.revokeClient({ id: "abc" });
    expect(first.sent).toEqual([]);
    first.serverOpen();
    expect(first.sent).toEqual([
      { type: "call", id: 1, method: "getState" },
      { type: "call", id: 2, method: "revokeClient", argument: { id: "abc" } },
    ]);

    // Noise is ignored: bad JSON, wrong shapes, unknown ids, events with invalid payloads.
    first.serverSend("not json");
    first.serverSend({ type: "result", id: "1", result: {} });
    first.serverSend({ type: "result", id: 99, result: { ok: true, value: null } });
    first.serverSend({ type: "event", event: "state-changed", payload: { status: "bogus" } });
    first.serverSend({ type: "event", event: "clients-changed", payload: { clients: "no" } });
    first.serverSend({ type: "event", event: "nonsense", payload: {} });
    expect(states).toEqual([]);

    first.serverSend({ type: "event", event: "state-changed", payload: { status: "connecting", jid: "a@b.c" } });
    expect(states).toEqual([{ status: "connecting", jid: "a@b.c" }]);
    // A result of the wrong shape resolves as an internal error, not as garbage.
    first.serverSend({ type: "result", id: 1, result: { ok: true } });
    expect(await state).toEqual({ status: "error", error: { kind: "internal", message: "Warden sent a malformed reply" } });

    first.serverClose();
    expect(await revoke).toEqual({ ok: false, error: { kind: "disconnected" } });
    expect(states.at(-1)).toEqual(LOST);

    await tick(20);
    const second = ScriptedSocket.instances[1];
    if (!second) throw new Error("no reconnect");
    expect(delays).toEqual([1]);
    // A failed attempt backs off further and fails what was queued meanwhile.
    const queued = api.listClients();
    second.serverClose();
    expect(await queued).toEqual({ ok: false, error: { kind: "disconnected" } });
    await tick(20);
    expect(delays).toEqual([1, 2]);
    const third = ScriptedSocket.instances[2];
    if (!third) throw new Error("no second reconnect");
    third.serverOpen();
    // Back: the bridge asks for the state and hands it to the listeners.
    expect(third.sent).toEqual([{ type: "call", id: 4, method: "getState" }]);
    third.serverSend({ type: "result", id: 4, result: { status: "signed-out" } });
    await tick();
    expect(states.at(-1)).toEqual({ status: "signed-out" });

    api.dispose();
    expect(third.readyState).toBe(3);
    await tick(20);
    expect(ScriptedSocket.instances).toHaveLength(3);
  });
});
