import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { callChannel, eventChannel } from "../../electron/channels.js";
import { buildPreloadApi, isApiKey, subscribeVia, type Invoke, type Subscribe } from "../../electron/preload-api.js";
import { CLIENT_MANAGER_EVENTS, CLIENT_MANAGER_METHODS } from "../../src/shared/api.js";

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

  it("turns a failed invoke (e.g. an uncloneable argument) into the typed internal error", async () => {
    const invoke: Invoke = async () => {
      throw new Error("An object could not be cloned.");
    };
    const api = buildPreloadApi(invoke, noSubscribe);
    await expect(api.listClients()).resolves.toEqual({ ok: false, error: { kind: "internal", message: "An object could not be cloned." } });
    await expect(api.getState()).resolves.toEqual({ status: "error", error: { kind: "internal", message: "An object could not be cloned." } });
    const throwsSync = buildPreloadApi(() => {
      throw new Error("sync");
    }, noSubscribe);
    await expect(throwsSync.signOut()).resolves.toEqual({ ok: false, error: { kind: "internal", message: "sync" } });
  });

  it("on() subscribes on the event's channel, hands the listener only the payload, and unsubscribes once", () => {
    const ipc = rendererEmitter();
    const api = buildPreloadApi(async () => null, subscribeVia(ipc));
    const seen: unknown[][] = [];
    const off = api.on("state-changed", (...args: unknown[]) => seen.push(args));
    const fakeEvent = { sender: ipc, ports: [] };
    ipc.emit(eventChannel("state-changed"), fakeEvent, { status: "signed-out" });
    ipc.emit(eventChannel("clients-changed"), fakeEvent, { clients: [] });
    expect(seen).toEqual([[{ status: "signed-out" }]]);
    expect(ipc.listenerCount(eventChannel("state-changed"))).toBe(1);
    off();
    off();
    expect(ipc.listenerCount(eventChannel("state-changed"))).toBe(0);
    ipc.emit(eventChannel("state-changed"), fakeEvent, { status: "signed-out" });
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
