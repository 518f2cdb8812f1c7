import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { callChannel, eventChannel } from "../../electron/channels.js";
import { buildPreloadApi, isApiKey, subscribeVia, type Invoke, type Subscribe } from "../../electron/preload-api.js";
import { CLIENT_MANAGER_EVENTS, CLIENT_MANAGER_METHODS } from "../../src/shared/api.js";
import { METHOD_REPLY_SCHEMAS } from "../../src/shared/api-schemas.js";

/** An ipcRenderer-shaped EventEmitter: `on`/`removeListener` with (event, ...args) listeners. */
function rendererEmitter() {
  return new EventEmitter();
}

const noSubscribe: Subscribe = () => () => {};

describe("buildPreloadApi", () => {
  it("exposes exactly the API methods plus on, all functions, frozen", () => {
    const api = buildPreloadApi(async () => null, noSubscribe);
    expect(Object.keys(api).sort()).toEqual([...CLIENT_MANAGER_METHODS, "on"].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe("function");
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).every(isApiKey)).toBe(true);
    expect(isApiKey("ipcRenderer")).toBe(false);
  });

  it("sends each method on its own channel with exactly one argument and resolves to the answer", async () => {
    const invoke = vi.fn<Invoke>(async (channel) => ({ answeredOn: channel }));
    const api = buildPreloadApi(invoke, noSubscribe) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const method of CLIENT_MANAGER_METHODS) {
      invoke.mockClear();
      const answer = await api[method]!({ some: "argument" }, "ignored extra");
      expect(answer).toEqual({ answeredOn: callChannel(method) });
      expect(invoke).toHaveBeenCalledExactlyOnceWith(callChannel(method), { some: "argument" });
    }
    invoke.mockClear();
    await api.getState!();
    expect(invoke).toHaveBeenCalledExactlyOnceWith(callChannel("getState"), undefined);
    expect(new Set(CLIENT_MANAGER_METHODS.map(callChannel)).size).toBe(CLIENT_MANAGER_METHODS.length);
  });

  it("turns a failed invoke (e.g. an uncloneable argument) into the typed internal error, for every method", async () => {
    const invoke: Invoke = async () => {
      throw new Error("An object could not be cloned.");
    };
    const api = buildPreloadApi(invoke, noSubscribe) as unknown as Record<string, (argument?: unknown) => Promise<unknown>>;
    for (const method of CLIENT_MANAGER_METHODS) {
      const reply = await api[method]!({ jid: "alice@example.org" });
      expect(reply).toEqual({ ok: false, error: { kind: "internal", message: "An object could not be cloned." } });
      expect(METHOD_REPLY_SCHEMAS[method].safeParse(reply).success, method).toBe(true);
    }
    const throwsSync = buildPreloadApi(() => {
      throw new Error("sync");
    }, noSubscribe);
    await expect(throwsSync.signOut({ jid: "alice@example.org" })).resolves.toEqual({ ok: false, error: { kind: "internal", message: "sync" } });
    const throwsNonError = buildPreloadApi(() => Promise.reject("a string"), noSubscribe);
    await expect(throwsNonError.getState()).resolves.toEqual({ ok: false, error: { kind: "internal", message: "the call could not be delivered" } });
  });

  it("on() subscribes on the event's channel, hands the listener only the payload, and unsubscribes once", () => {
    const ipc = rendererEmitter();
    const api = buildPreloadApi(async () => null, subscribeVia(ipc));
    const seen: unknown[][] = [];
    const off = api.on("state-changed", (...args: unknown[]) => seen.push(args));
    const fakeEvent = { sender: ipc, ports: [] };
    const signedOut = { jid: "alice@example.org", state: { status: "signed-out" } };
    ipc.emit(eventChannel("state-changed"), fakeEvent, signedOut);
    ipc.emit(eventChannel("account-removed"), fakeEvent, { jid: "alice@example.org" });
    expect(seen).toEqual([[signedOut]]);
    expect(ipc.listenerCount(eventChannel("state-changed"))).toBe(1);
    off();
    off();
    expect(ipc.listenerCount(eventChannel("state-changed"))).toBe(0);
    ipc.emit(eventChannel("state-changed"), fakeEvent, signedOut);
    expect(seen).toHaveLength(1);
  });

  it("subscribes every shared event name on a distinct channel", () => {
    const channels: string[] = [];
    const api = buildPreloadApi(async () => null, (channel) => {
      channels.push(channel);
      return () => {};
    });
    for (const event of CLIENT_MANAGER_EVENTS) api.on(event, () => {});
    expect(channels).toEqual(CLIENT_MANAGER_EVENTS.map(eventChannel));
  });

  it("refuses unknown event names and non-function listeners", () => {
    const api = buildPreloadApi(async () => null, noSubscribe) as unknown as { on: (event: unknown, listener: unknown) => unknown };
    expect(() => api.on("warden:call:signIn", () => {})).toThrow(TypeError);
    expect(() => api.on("__proto__", () => {})).toThrow(TypeError);
    expect(() => api.on("state-changed", "not a function")).toThrow(TypeError);
  });
});
