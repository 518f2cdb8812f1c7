import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callChannel, eventChannel } from "../../electron/channels.js";
import { createIpcHandlers, forwardEvents, registerIpcHandlers, UNTRUSTED_SENDER, type IpcHandler } from "../../electron/ipc-handlers.js";
import { isTrustedEvent, type SenderEvent } from "../../electron/sender.js";
import { createClientManager, type ClientManager } from "../../src/core/client-manager.js";
import { createMemoryKeychain } from "../../src/core/credentials/keychain.js";
import { createMemorySettingsStore } from "../../src/core/settings/conf-settings-store.js";
import { CLIENT_MANAGER_EVENTS, CLIENT_MANAGER_METHODS, type ClientManagerApi, type ClientManagerMethod } from "../../src/shared/api.js";

const WINDOW_ID = 3;
const trusted: SenderEvent = { sender: { id: WINDOW_ID }, senderFrame: { url: "app://warden/index.html", parent: null } };
const isTrusted = (event: SenderEvent) => isTrustedEvent(event, { webContentsId: () => WINDOW_ID, origin: "app://warden" });

/** Arguments each method's schema must refuse; Record<ClientManagerMethod, …> so a new method needs an entry. */
const BAD_ARGUMENTS: Record<ClientManagerMethod, unknown[]> = {
  signIn: [undefined, "alice@example.org", { jid: 5 }, { jid: "alice@example.org", password: "" }, { jid: "a@b.c", server: { host: "x", port: 0, tls: "starttls" } }],
  signOut: ["yes", { forgetCredentials: "yes" }, null],
  getState: [{}, 1, null],
  listClients: [{}, "all"],
  revokeClient: [undefined, {}, { id: "" }, { id: 5 }],
  changePassword: [undefined, { currentPassword: 1, newPassword: "x" }, { newPassword: "x" }],
  trustCertificate: [undefined, {}, { jid: 5 }, { jid: "ab" }],
  getAccountSecurity: [undefined, "alice@example.org", { jid: "" }],
  removePinnedCertificate: [
    undefined,
    { jid: "alice@example.org" },
    { jid: "alice@example.org", fingerprint256: "zz" },
    // Lower case is not the contract's form.
    { jid: "alice@example.org", fingerprint256: Array(32).fill("ab").join(":") },
  ],
  forgetServer: [undefined, { jid: 7 }, null],
  setDeviceName: [undefined, { deviceName: "   " }, { deviceName: "x".repeat(129) }],
};

let core: ClientManager | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

function realCore() {
  const settings = createMemorySettingsStore();
  core = createClientManager({ settings, keychain: createMemoryKeychain(), log: () => {} });
  return { core, settings };
}

/** A stand-in core whose every method rejects (or throws synchronously). */
function throwingCore(how: "reject" | "throw", ...thrown: [unknown?]): ClientManagerApi {
  const error = thrown.length === 0 ? new Error("database on fire") : thrown[0];
  const api: Record<string, unknown> = { on: () => () => {} };
  for (const method of CLIENT_MANAGER_METHODS) {
    api[method] = how === "reject" ? () => Promise.reject(error) : () => {
      throw error;
    };
  }
  return api as unknown as ClientManagerApi;
}

describe("createIpcHandlers", () => {
  it("has one handler per API method and nothing else", () => {
    const table = createIpcHandlers(realCore().core, { isTrusted });
    expect(Object.keys(table).sort()).toEqual([...CLIENT_MANAGER_METHODS].sort());
  });

  it("registers each handler once, on its method's own channel", () => {
    const table = createIpcHandlers(realCore().core, { isTrusted });
    const registered = new Map<string, IpcHandler>();
    const channels = registerIpcHandlers(table, (channel, handler) => {
      expect(registered.has(channel)).toBe(false);
      registered.set(channel, handler);
    });
    expect(channels).toEqual(CLIENT_MANAGER_METHODS.map(callChannel));
    for (const method of CLIENT_MANAGER_METHODS) expect(registered.get(callChannel(method))).toBe(table[method]);
  });

  it("answers trusted calls from the real core", async () => {
    const { core, settings } = realCore();
    const table = createIpcHandlers(core, { isTrusted });
    await expect(table.getState(trusted)).resolves.toEqual({ status: "signed-out" });
    await expect(table.getState(trusted, undefined)).resolves.toEqual({ status: "signed-out" });
    await expect(table.listClients(trusted)).resolves.toEqual({ ok: false, error: { kind: "not-signed-in" } });
    await expect(table.revokeClient(trusted, { id: "client/x" })).resolves.toEqual({ ok: false, error: { kind: "not-signed-in" } });
    await expect(table.setDeviceName(trusted, { deviceName: "  Laptop  " })).resolves.toEqual({ ok: true, value: null });
    expect(settings.read().deviceName).toBe("Laptop");
    await expect(table.getAccountSecurity(trusted, { jid: "alice@example.org" })).resolves.toEqual({
      ok: true,
      value: { jid: "alice@example.org", protections: [], pinnedFingerprints: [] },
    });
    // No sign-in showed a certificate: there is nothing to trust.
    await expect(table.trustCertificate(trusted, { jid: "alice@example.org" })).resolves.toMatchObject({ ok: false, error: { kind: "invalid-request" } });
    await expect(table.forgetServer(trusted, { jid: "alice@example.org" })).resolves.toEqual({ ok: true, value: null });
  });

  it("passes the core a trust decision only: a fingerprint the page adds never reaches it", async () => {
    const stub = throwingCore("reject");
    const trust = vi.spyOn(stub, "trustCertificate").mockResolvedValue({ ok: true, value: null });
    const table = createIpcHandlers(stub, { isTrusted });
    const fingerprint256 = Array(32).fill("AB").join(":");
    await expect(table.trustCertificate(trusted, { jid: "alice@example.org", fingerprint256 })).resolves.toEqual({ ok: true, value: null });
    expect(trust).toHaveBeenCalledExactlyOnceWith({ jid: "alice@example.org" });
  });

  it.each([
    ["another webContents", { ...trusted, sender: { id: WINDOW_ID + 1 } }],
    ["a subframe", { ...trusted, senderFrame: { url: "app://warden/index.html", parent: {} } }],
    ["a frame that is gone", { ...trusted, senderFrame: null }],
    ["another origin", { ...trusted, senderFrame: { url: "https://example.org/", parent: null } }],
  ])("refuses %s with a typed error, without calling the core", async (_name, event) => {
    const { core, settings } = realCore();
    const rejected = vi.fn();
    const table = createIpcHandlers(core, { isTrusted, onRejected: rejected });
    for (const method of CLIENT_MANAGER_METHODS) {
      await expect(table[method](event as SenderEvent, { deviceName: "Evil" })).resolves.toEqual({ ok: false, error: UNTRUSTED_SENDER });
    }
    expect(settings.read().deviceName).toBeUndefined();
    expect(rejected).toHaveBeenCalledTimes(CLIENT_MANAGER_METHODS.length);
    expect(rejected).toHaveBeenCalledWith("setDeviceName", "untrusted-sender");
  });

  it("treats a sender check that throws as untrusted", async () => {
    const table = createIpcHandlers(realCore().core, {
      isTrusted: () => {
        throw new Error("frame disposed");
      },
    });
    await expect(table.getState(trusted)).resolves.toEqual({ ok: false, error: UNTRUSTED_SENDER });
  });

  it.each(CLIENT_MANAGER_METHODS.map((method) => [method] as const))("refuses bad arguments to %s with invalid-request", async (method) => {
    const stub = throwingCore("throw");
    const spies = CLIENT_MANAGER_METHODS.map((m) => vi.spyOn(stub, m));
    const table = createIpcHandlers(stub, { isTrusted });
    for (const argument of BAD_ARGUMENTS[method]) {
      const result = (await table[method](trusted, argument)) as { ok: boolean; error: { kind: string; detail: string } };
      expect(result.ok).toBe(false);
      expect(result.error.kind).toBe("invalid-request");
      expect(typeof result.error.detail).toBe("string");
      expect(result.error.detail.length).toBeGreaterThan(0);
    }
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it("refuses more than one argument", async () => {
    const table = createIpcHandlers(realCore().core, { isTrusted });
    await expect(table.getState(trusted, undefined, undefined)).resolves.toEqual({
      ok: false,
      error: { kind: "invalid-request", detail: "request: expected at most one argument" },
    });
  });

  it("never echoes a password in the invalid-request detail", async () => {
    const table = createIpcHandlers(realCore().core, { isTrusted });
    const result = await table.signIn(trusted, { jid: 42, password: "hunter2-secret" });
    expect(JSON.stringify(result)).not.toContain("hunter2-secret");
  });

  it.each(["reject", "throw"] as const)("turns a core that %ss into the typed internal error", async (how) => {
    const rejected = vi.fn();
    const table = createIpcHandlers(throwingCore(how), { isTrusted, onRejected: rejected });
    await expect(table.listClients(trusted)).resolves.toEqual({ ok: false, error: { kind: "internal", message: "database on fire" } });
    await expect(table.signOut(trusted)).resolves.toEqual({ ok: false, error: { kind: "internal", message: "database on fire" } });
    // getState promises an AccountState, so its failure is a state.
    await expect(table.getState(trusted)).resolves.toEqual({ status: "error", error: { kind: "internal", message: "database on fire" } });
    expect(rejected).toHaveBeenCalledWith("listClients", "core-error");
  });

  it("copes with thrown non-errors and hostile errors", async () => {
    const hostile = new Error("x");
    Object.defineProperty(hostile, "message", {
      get() {
        throw new Error("gotcha");
      },
    });
    for (const thrown of [hostile, "a string", undefined, { message: "not an Error" }]) {
      const table = createIpcHandlers(throwingCore("reject", thrown), { isTrusted });
      await expect(table.listClients(trusted)).resolves.toEqual({ ok: false, error: { kind: "internal", message: "unexpected error" } });
    }
    const long = createIpcHandlers(throwingCore("reject", new Error("y".repeat(5000))), { isTrusted });
    const result = (await long.listClients(trusted)) as { error: { message: string } };
    expect(result.error.message.length).toBe(500);
  });

  it("reports settled results, and an observer that throws changes nothing", async () => {
    const settled = vi.fn(() => {
      throw new Error("observer broke");
    });
    const table = createIpcHandlers(realCore().core, { isTrusted, onSettled: settled });
    await expect(table.revokeClient(trusted, { id: "client/x" })).resolves.toEqual({ ok: false, error: { kind: "not-signed-in" } });
    expect(settled).toHaveBeenCalledWith("revokeClient", { ok: false, error: { kind: "not-signed-in" } });
  });
});

describe("forwardEvents", () => {
  it("sends every core event on its own channel until stopped", () => {
    const emitter = new EventEmitter();
    const manager: Pick<ClientManagerApi, "on"> = {
      on: ((event: string, listener: (payload: unknown) => void) => {
        emitter.on(event, listener);
        return () => void emitter.off(event, listener);
      }) as ClientManagerApi["on"],
    };
    const sent: [string, unknown][] = [];
    const stop = forwardEvents(manager, (channel, payload) => sent.push([channel, payload]));
    emitter.emit("state-changed", { status: "signed-out" });
    emitter.emit("clients-changed", { clients: [] });
    expect(sent).toEqual([
      [eventChannel("state-changed"), { status: "signed-out" }],
      [eventChannel("clients-changed"), { clients: [] }],
    ]);
    stop();
    for (const event of CLIENT_MANAGER_EVENTS) expect(emitter.listenerCount(event)).toBe(0);
  });

  it("keeps forwarding when a send throws (a window being destroyed)", async () => {
    const { core } = realCore();
    let calls = 0;
    forwardEvents(core, () => {
      calls += 1;
      throw new Error("Object has been destroyed");
    });
    await core.signIn({ jid: "alice@127.0.0.1", password: "x", server: { host: "127.0.0.1", port: 1, tls: "direct" } });
    expect(calls).toBeGreaterThan(0);
  });
});
