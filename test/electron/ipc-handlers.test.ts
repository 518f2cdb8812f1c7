// Electron's IPC transport: which sender may call, how many arguments cross, and the core's events
// forwarded to the window. Validation and a throwing core are the dispatcher's business
// (test/unit/core/dispatch.test.ts); here one call goes through it end to end.
import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { callChannel, eventChannel } from "../../electron/channels.js";
import { createIpcHandlers, forwardEventsToWindow, registerIpcHandlers, UNTRUSTED_SENDER, type IpcHandler } from "../../electron/ipc-handlers.js";
import { isTrustedEvent, type SenderEvent } from "../../electron/sender.js";
import { createDispatcher, type Dispatch } from "../../src/core/dispatch.js";
import { CLIENT_MANAGER_EVENTS, CLIENT_MANAGER_METHODS, type ClientManagerApi } from "../../src/shared/api.js";
import { DEFAULT_PREFERENCES } from "../../src/shared/preferences.js";
import { createMemoryClientManager } from "../doubles/memory-client-manager.js";

const WINDOW_ID = 3;
const JID = "alice@example.org";
const trusted: SenderEvent = { sender: { id: WINDOW_ID }, senderFrame: { url: "app://warden/index.html", parent: null } };
const isTrusted = (event: SenderEvent) => isTrustedEvent(event, { webContentsId: () => WINDOW_ID, origin: "app://warden" });

/** The real client manager over in-memory stores, behind the real dispatcher. */
function realCore() {
  const made = createMemoryClientManager();
  return { ...made, dispatch: createDispatcher(made.core) };
}

/** A stand-in dispatcher that records what reaches it, to see what the transport lets through. */
function recordingDispatch() {
  return vi.fn<Dispatch>(async () => ({ ok: true, value: null }));
}

describe("createIpcHandlers", () => {
  it("has one handler per API method and nothing else", () => {
    const table = createIpcHandlers(recordingDispatch(), { isTrusted });
    expect(Object.keys(table).sort()).toEqual([...CLIENT_MANAGER_METHODS].sort());
  });

  it("registers each handler once, on its method's own channel", () => {
    const table = createIpcHandlers(recordingDispatch(), { isTrusted });
    const registered = new Map<string, IpcHandler>();
    const channels = registerIpcHandlers(table, (channel, handler) => {
      expect(registered.has(channel)).toBe(false);
      registered.set(channel, handler);
    });
    expect(channels).toEqual(CLIENT_MANAGER_METHODS.map(callChannel));
    expect(new Set(channels).size).toBe(CLIENT_MANAGER_METHODS.length);
    for (const method of CLIENT_MANAGER_METHODS) expect(registered.get(callChannel(method))).toBe(table[method]);
  });

  it("hands each trusted call to the dispatcher under its own method, with its one argument", async () => {
    const dispatch = recordingDispatch();
    const table = createIpcHandlers(dispatch, { isTrusted });
    for (const method of CLIENT_MANAGER_METHODS) {
      dispatch.mockClear();
      await expect(table[method](trusted, { jid: JID })).resolves.toEqual({ ok: true, value: null });
      expect(dispatch).toHaveBeenCalledExactlyOnceWith(method, { jid: JID });
    }
    dispatch.mockClear();
    await table.getState(trusted);
    expect(dispatch).toHaveBeenCalledExactlyOnceWith("getState", undefined);
  });

  it("answers a trusted call from the real core through the dispatcher", async () => {
    const { settings, dispatch } = realCore();
    const table = createIpcHandlers(dispatch, { isTrusted });
    await expect(table.getState(trusted)).resolves.toEqual({ ok: true, value: { accounts: [], preferences: DEFAULT_PREFERENCES } });
    await expect(table.setDeviceName(trusted, { deviceName: "  Laptop  " })).resolves.toEqual({ ok: true, value: null });
    expect(settings.read().deviceName).toBe("Laptop");
    await expect(table.listClients(trusted, { jid: JID })).resolves.toEqual({ ok: false, error: { kind: "not-signed-in" } });
    // The dispatcher's validation answers for the transport too.
    await expect(table.listClients(trusted)).resolves.toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  });

  it.each([
    ["another webContents", { ...trusted, sender: { id: WINDOW_ID + 1 } }],
    ["a subframe", { ...trusted, senderFrame: { url: "app://warden/index.html", parent: {} } }],
    ["a frame that is gone", { ...trusted, senderFrame: null }],
    ["another origin", { ...trusted, senderFrame: { url: "https://example.org/", parent: null } }],
  ])("refuses %s with a typed error, without reaching the core", async (_name, event) => {
    const { settings, dispatch } = realCore();
    const spy = vi.fn(dispatch);
    const onUntrusted = vi.fn();
    const table = createIpcHandlers(spy, { isTrusted, onUntrusted });
    for (const method of CLIENT_MANAGER_METHODS) {
      await expect(table[method](event as SenderEvent, { deviceName: "Evil" })).resolves.toEqual({ ok: false, error: UNTRUSTED_SENDER });
    }
    expect(spy).not.toHaveBeenCalled();
    expect(settings.read().deviceName).toBeUndefined();
    expect(onUntrusted).toHaveBeenCalledTimes(CLIENT_MANAGER_METHODS.length);
    // Told the method only, never the argument.
    expect(onUntrusted).toHaveBeenCalledWith("setDeviceName");
    for (const call of onUntrusted.mock.calls) expect(call).toHaveLength(1);
  });

  it("treats a sender check that throws as untrusted", async () => {
    const dispatch = recordingDispatch();
    const table = createIpcHandlers(dispatch, {
      isTrusted: () => {
        throw new Error("frame disposed");
      },
    });
    await expect(table.getState(trusted)).resolves.toEqual({ ok: false, error: UNTRUSTED_SENDER });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it("keeps the refusal when the onUntrusted observer throws", async () => {
    const table = createIpcHandlers(recordingDispatch(), {
      isTrusted: () => false,
      onUntrusted: () => {
        throw new Error("observer broke");
      },
    });
    await expect(table.signOut(trusted, { jid: JID })).resolves.toEqual({ ok: false, error: UNTRUSTED_SENDER });
  });

  it("refuses more than one argument without reaching the dispatcher", async () => {
    const dispatch = recordingDispatch();
    const table = createIpcHandlers(dispatch, { isTrusted });
    for (const args of [[undefined, undefined], [{ jid: JID }, "extra"], [1, 2, 3]]) {
      await expect(table.listClients(trusted, ...args)).resolves.toEqual({
        ok: false,
        error: { kind: "invalid-request", detail: "request: expected at most one argument" },
      });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe("forwardEventsToWindow", () => {
  it("sends every core event, naming its account, on its own channel until stopped", () => {
    const emitter = new EventEmitter();
    const manager: Pick<ClientManagerApi, "on"> = {
      on: ((event: string, listener: (payload: unknown) => void) => {
        emitter.on(event, listener);
        return () => void emitter.off(event, listener);
      }) as ClientManagerApi["on"],
    };
    const sent: [string, unknown][] = [];
    const stop = forwardEventsToWindow(manager, (channel, payload) => sent.push([channel, payload]));
    const list = { clients: [], protocol: "prosody", fetchedAt: 1 };
    emitter.emit("state-changed", { jid: JID, state: { status: "signed-out" } });
    emitter.emit("clients-changed", { jid: JID, list });
    emitter.emit("account-removed", { jid: JID });
    expect(sent).toEqual([
      [eventChannel("state-changed"), { jid: JID, state: { status: "signed-out" } }],
      [eventChannel("clients-changed"), { jid: JID, list }],
      [eventChannel("account-removed"), { jid: JID }],
    ]);
    stop();
    for (const event of CLIENT_MANAGER_EVENTS) expect(emitter.listenerCount(event)).toBe(0);
    emitter.emit("account-removed", { jid: JID });
    expect(sent).toHaveLength(3);
  });

  it("forwards the real core's events, and keeps forwarding when a send throws (a window being destroyed)", async () => {
    const { core } = realCore();
    const sent: [string, unknown][] = [];
    forwardEventsToWindow(core, (channel, payload) => {
      sent.push([channel, payload]);
      throw new Error("Object has been destroyed");
    });
    // Nothing listens on port 1: the first sign-in fails, and the account is not added.
    const jid = "alice@127.0.0.1";
    await core.signIn({ jid, password: "x", server: { host: "127.0.0.1", port: 1, tls: "direct" } });
    expect(sent.length).toBeGreaterThan(1);
    expect(sent[0]).toEqual([eventChannel("state-changed"), { jid, state: { status: "connecting", jid } }]);
    expect(sent.at(-1)).toEqual([eventChannel("account-removed"), { jid }]);
  });
});
