// The bridge's checks on what comes down the socket, against a socket the test drives by hand
// (test/web/bridge.test.ts runs it against the real host).
import { describe, expect, it, vi } from "vitest";
import type { ClientManagerEvents } from "../../../src/shared/index.js";
import { createSocketClientManager, type BridgeSocket } from "./socket-client.js";

class ScriptedSocket implements BridgeSocket {
  static last: ScriptedSocket | undefined;
  readyState = 0;
  sent: { id: number; method: string }[] = [];
  onopen: ((event: never) => unknown) | null = null;
  onmessage: ((event: never) => unknown) | null = null;
  onclose: ((event: never) => unknown) | null = null;
  onerror: ((event: never) => unknown) | null = null;
  constructor(readonly url: string) {
    ScriptedSocket.last = this;
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as { id: number; method: string });
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    (this.onopen as ((event: unknown) => void) | null)?.({});
  }
  receive(message: unknown) {
    (this.onmessage as ((event: { data: unknown }) => void) | null)?.({ data: JSON.stringify(message) });
  }
}

function connect() {
  const api = createSocketClientManager({ url: "ws://127.0.0.1:1/ws", WebSocket: ScriptedSocket, backoffMs: () => 60_000 });
  const socket = ScriptedSocket.last!;
  socket.open();
  return { api, socket };
}

const LIST = { clients: [], protocol: "prosody", fetchedAt: 1 };

describe("browser bridge", () => {
  it("drops an event that doesn't match its schema and passes one that does", () => {
    const { api, socket } = connect();
    const seen: ClientManagerEvents["clients-changed"][] = [];
    api.on("clients-changed", (event) => seen.push(event));
    socket.receive({ type: "event", event: "clients-changed", payload: LIST });
    socket.receive({ type: "event", event: "clients-changed", payload: { jid: "a@b.c", list: { ...LIST, clients: [{ id: 1 }] } } });
    expect(seen).toEqual([]);
    socket.receive({ type: "event", event: "clients-changed", payload: { jid: "a@b.c", list: LIST } });
    expect(seen).toEqual([{ jid: "a@b.c", list: LIST }]);
    api.dispose();
  });

  it("turns a reply that doesn't match its method's schema into a typed protocol error", async () => {
    const { api, socket } = connect();
    const state = api.getState();
    const list = api.listClients({ jid: "a@b.c" });
    const [stateCall, listCall] = socket.sent;
    // getState's old shape (a bare state) is not a Result any more.
    socket.receive({ type: "result", id: stateCall!.id, result: { status: "signed-out" } });
    socket.receive({ type: "result", id: listCall!.id, result: { ok: true, value: LIST } });
    expect(await state).toEqual({ ok: false, error: { kind: "protocol", detail: "Warden's answer to getState was not in the expected form" } });
    expect(await list).toEqual({ ok: true, value: LIST });
    api.dispose();
  });

  it("catches up on an update state after a reconnect only when the host has one", async () => {
    const api = createSocketClientManager({ url: "ws://127.0.0.1:1/ws", WebSocket: ScriptedSocket, backoffMs: () => 0 });
    const seen: ClientManagerEvents["update-changed"][] = [];
    api.on("update-changed", (event) => seen.push(event));
    const reconnect = async (updates?: unknown) => {
      const before = ScriptedSocket.last!;
      if (before.readyState !== 1) before.open();
      (before.onclose as ((event: unknown) => void) | null)?.({});
      await vi.waitFor(() => expect(ScriptedSocket.last).not.toBe(before));
      const socket = ScriptedSocket.last!;
      socket.open();
      const stateCall = socket.sent.find((message) => message.method === "getState")!;
      const preferences = { inactiveAfterDays: 30 };
      socket.receive({ type: "result", id: stateCall.id, result: { ok: true, value: { accounts: [], preferences, ...(updates ? { updates } : {}) } } });
    };
    await reconnect();
    await reconnect({ status: "ready", version: "1.2.3" });
    await vi.waitFor(() => expect(seen).toEqual([{ updates: { status: "ready", version: "1.2.3" } }]));
    api.dispose();
  });
});
