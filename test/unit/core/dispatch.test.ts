// The core's dispatcher: the one place a call from another process (or the command line) becomes a
// call on the client manager. Every host relies on what is checked here: validation, unknown
// methods, a throwing core answered as a typed value, observers that can't change the answer.
import { describe, expect, it, vi } from "vitest";
import { createDispatcher, isClientManagerMethod } from "../../../src/core/dispatch.js";
import { CLIENT_MANAGER_METHODS, type ClientManagerApi, type ClientManagerMethod } from "../../../src/shared/api.js";
import { METHOD_REPLY_SCHEMAS } from "../../../src/shared/api-schemas.js";
import { createMemoryClientManager } from "../../doubles/memory-client-manager.js";

const JID = "alice@example.org";
const FINGERPRINT = Array(32).fill("AB").join(":");

/** Arguments each method's schema must refuse; Record<ClientManagerMethod, …> so a new method needs an entry. */
const BAD_ARGUMENTS: Record<ClientManagerMethod, unknown[]> = {
  getState: [{}, 1, null, "all"],
  signIn: [undefined, JID, { jid: 5 }, { jid: JID, password: "" }, { jid: JID, server: { host: "x", port: 0, tls: "starttls" } }, { jid: JID, remember: "yes" }],
  signOut: [undefined, "yes", null, { forgetCredentials: true }, { jid: JID, forgetCredentials: "yes" }],
  removeAccount: [undefined, {}, { jid: 7 }, { jid: "" }],
  reconnectNow: [undefined, {}, JID],
  listClients: [undefined, {}, "all", { jid: "ab" }],
  revokeClient: [undefined, {}, { jid: JID }, { jid: JID, id: "" }, { jid: JID, id: 5 }, { id: "client/x" }, { jid: JID, id: "client/x", confirmSignOut: "yes" }],
  changePassword: [undefined, { jid: JID, currentPassword: 1, newPassword: "x" }, { jid: JID, newPassword: "x" }, { currentPassword: "a", newPassword: "b" }],
  trustCertificate: [undefined, {}, { jid: 5 }, { jid: "ab" }],
  getAccountSecurity: [undefined, JID, { jid: "" }],
  removePinnedCertificate: [
    undefined,
    { jid: JID },
    { jid: JID, fingerprint256: "zz" },
    // Lower case is not the contract's form.
    { jid: JID, fingerprint256: FINGERPRINT.toLowerCase() },
  ],
  forgetServer: [undefined, { jid: 7 }, null],
  setDeviceName: [undefined, { deviceName: "   " }, { deviceName: "x".repeat(129) }],
  setLanguage: [undefined, {}, { language: "xx" }, { language: "DE" }],
  setWindowVisible: [undefined, {}, { visible: "yes" }],
  markAlertsSeen: [undefined, {}, { jid: 1 }],
  getActivity: [undefined, JID],
  clearActivity: [undefined, { jid: "" }],
  setPreferences: [undefined, { inactiveAfterDays: 0 }, { inactiveAfterDays: 3651 }, { inactiveAfterDays: 1.5 }, { startAtLogin: "yes" }, { autoUpdate: "on" }],
  setCleanupRule: [undefined, { jid: JID }, { jid: JID, days: 0 }, { jid: JID, days: "30" }],
  setNickname: [undefined, { jid: JID, id: "client/x" }, { jid: JID, id: "", nickname: "Mum" }, { jid: JID, id: "client/x", nickname: "x".repeat(65) }],
  setNicknameSync: [undefined, { jid: JID }, { jid: JID, enabled: 1 }],
  startOnlyThisDevice: [undefined, { jid: JID, newPassword: "x" }, { jid: JID, currentPassword: 1, newPassword: "x" }],
  continueOnlyThisDevice: [undefined, {}],
  dismissOnlyThisDevice: [undefined, { jid: null }],
  restartToUpdate: [{}, 1, null, "now"],
};

/** One argument each method's schema accepts. */
const GOOD_ARGUMENTS: Record<ClientManagerMethod, unknown> = {
  getState: undefined,
  signIn: { jid: JID, password: "pw" },
  signOut: { jid: JID },
  removeAccount: { jid: JID },
  reconnectNow: { jid: JID },
  listClients: { jid: JID },
  revokeClient: { jid: JID, id: "client/x" },
  changePassword: { jid: JID, currentPassword: "a", newPassword: "b" },
  trustCertificate: { jid: JID },
  getAccountSecurity: { jid: JID },
  removePinnedCertificate: { jid: JID, fingerprint256: FINGERPRINT },
  forgetServer: { jid: JID },
  setDeviceName: { deviceName: "Laptop" },
  setLanguage: { language: "de" },
  setWindowVisible: { visible: true },
  markAlertsSeen: { jid: JID },
  getActivity: { jid: JID },
  clearActivity: { jid: JID },
  setPreferences: { inactiveAfterDays: 45 },
  setCleanupRule: { jid: JID, days: null },
  setNickname: { jid: JID, id: "client/x", nickname: "Mum's tablet" },
  setNicknameSync: { jid: JID, enabled: false },
  startOnlyThisDevice: { jid: JID, currentPassword: "a", newPassword: "b" },
  continueOnlyThisDevice: { jid: JID },
  dismissOnlyThisDevice: { jid: JID },
  restartToUpdate: undefined,
};

/** The real client manager over in-memory stores (no server is reached by these calls). */
function realCore() {
  return createMemoryClientManager();
}

/** A stand-in core (the real one never throws) whose every method rejects, or throws synchronously. */
function throwingCore(how: "reject" | "throw", ...thrown: [unknown?]): ClientManagerApi {
  const error = thrown.length === 0 ? new Error("database on fire") : thrown[0];
  const api: Record<string, unknown> = { on: () => () => {} };
  for (const method of CLIENT_MANAGER_METHODS) {
    api[method] =
      how === "reject"
        ? () => Promise.reject(error)
        : () => {
            throw error;
          };
  }
  return api as unknown as ClientManagerApi;
}

/** A stand-in core that answers every method with `{ ok: true, value: null }` and records what it got. */
function recordingCore() {
  const stub = throwingCore("reject");
  const spies = Object.fromEntries(CLIENT_MANAGER_METHODS.map((method) => [method, vi.spyOn(stub, method).mockResolvedValue({ ok: true, value: null } as never)]));
  return { stub, spies: spies as Record<ClientManagerMethod, (typeof spies)[string]> };
}

describe("isClientManagerMethod", () => {
  it("knows the API's methods and nothing else", () => {
    for (const method of CLIENT_MANAGER_METHODS) expect(isClientManagerMethod(method)).toBe(true);
    for (const other of ["on", "dispose", "resumeRemembered", "constructor", "__proto__", "toString", "", 1, null, undefined, {}]) {
      expect(isClientManagerMethod(other)).toBe(false);
    }
  });
});

describe("createDispatcher", () => {
  it("answers every method from the real core with a reply its schema accepts", async () => {
    const { core } = realCore();
    const dispatch = createDispatcher(core);
    for (const method of CLIENT_MANAGER_METHODS) {
      if (method === "signIn") continue; // Would try to reach example.org; the integration tests sign in.
      const reply = await dispatch(method, GOOD_ARGUMENTS[method]);
      expect(METHOD_REPLY_SCHEMAS[method].safeParse(reply).success, `${method}: ${JSON.stringify(reply)}`).toBe(true);
    }
  });

  it("calls the core and hands back its answer", async () => {
    const { core, settings } = realCore();
    const dispatch = createDispatcher(core);
    await expect(dispatch("getState", undefined)).resolves.toEqual({ ok: true, value: { accounts: [], preferences: { inactiveAfterDays: 30 } } });
    await expect(dispatch("listClients", { jid: JID })).resolves.toEqual({ ok: false, error: { kind: "not-signed-in" } });
    await expect(dispatch("setDeviceName", { deviceName: "  Laptop  " })).resolves.toEqual({ ok: true, value: null });
    expect(settings.read().deviceName).toBe("Laptop");
    await expect(dispatch("getAccountSecurity", { jid: JID })).resolves.toEqual({ ok: true, value: { jid: JID, protections: [], pinnedFingerprints: [] } });
    // No sign-in showed a certificate: there is nothing to trust.
    await expect(dispatch("trustCertificate", { jid: JID })).resolves.toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  });

  it("passes the core the validated argument: defaults filled in, unknown keys dropped", async () => {
    const { stub, spies } = recordingCore();
    const dispatch = createDispatcher(stub);
    // A fingerprint the page adds to a trust decision never reaches the core.
    await expect(dispatch("trustCertificate", { jid: JID, fingerprint256: FINGERPRINT })).resolves.toEqual({ ok: true, value: null });
    expect(spies.trustCertificate).toHaveBeenCalledExactlyOnceWith({ jid: JID });
    await dispatch("signOut", { jid: JID });
    expect(spies.signOut).toHaveBeenCalledExactlyOnceWith({ jid: JID, forgetCredentials: false });
    await dispatch("revokeClient", { jid: JID, id: "client/x" });
    expect(spies.revokeClient).toHaveBeenCalledExactlyOnceWith({ jid: JID, id: "client/x", confirmSignOut: false });
    await dispatch("setDeviceName", { deviceName: "  Laptop  " });
    expect(spies.setDeviceName).toHaveBeenCalledExactlyOnceWith({ deviceName: "Laptop" });
  });

  it("calls the core as a method of the manager (its `this`)", async () => {
    const { stub, spies } = recordingCore();
    await createDispatcher(stub)("getState", undefined);
    expect(spies.getState.mock.contexts).toEqual([stub]);
  });

  it.each([["deleteEverything"], ["on"], ["dispose"], ["resumeRemembered"], ["constructor"], ["__proto__"], ["toString"], [""], [42], [null], [undefined], [Symbol("x")], [{}]])(
    "answers the unknown method %s with invalid-request, without calling the core",
    async (method) => {
      const { stub, spies } = recordingCore();
      const result = (await createDispatcher(stub)(method, undefined)) as { ok: boolean; error: { kind: string; detail: string } };
      expect(result).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
      expect(result.error.detail).toMatch(/^method: /);
      for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled();
    },
  );

  it("answers a method name it can't even print with invalid-request", async () => {
    const unprintable = [
      Object.create(null),
      {
        toString() {
          throw new Error("gotcha");
        },
      },
    ];
    for (const method of unprintable) {
      await expect(createDispatcher(recordingCore().stub)(method, undefined)).resolves.toMatchObject({ ok: false, error: { kind: "invalid-request" } });
    }
  });

  it("bounds the unknown method's name it repeats", async () => {
    const result = (await createDispatcher(recordingCore().stub)("x".repeat(10_000), undefined)) as { error: { detail: string } };
    expect(result.error.detail.length).toBeLessThan(100);
  });

  it.each(CLIENT_MANAGER_METHODS.map((method) => [method] as const))("refuses bad arguments to %s with invalid-request, without calling the core", async (method) => {
    const { stub, spies } = recordingCore();
    const dispatch = createDispatcher(stub);
    for (const argument of BAD_ARGUMENTS[method]) {
      const result = (await dispatch(method, argument)) as { ok: boolean; error: { kind: string; detail: string } };
      expect(result.ok, JSON.stringify(argument)).toBe(false);
      expect(result.error.kind).toBe("invalid-request");
      expect(result.error.detail).toEqual(expect.any(String));
      expect(result.error.detail.length).toBeGreaterThan(0);
    }
    for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled();
  });

  it("answers an argument whose getters throw (an in-process caller's) with invalid-request", async () => {
    const { stub, spies } = recordingCore();
    const getter = Object.defineProperty({}, "jid", {
      enumerable: true,
      get() {
        throw new Error("gotcha");
      },
    });
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error("gotcha");
        },
      },
    );
    for (const argument of [getter, proxy]) {
      await expect(createDispatcher(stub)("listClients", argument)).resolves.toMatchObject({ ok: false, error: { kind: "invalid-request" } });
    }
    expect(spies.listClients).not.toHaveBeenCalled();
  });

  it("never echoes a password in the invalid-request detail", async () => {
    const dispatch = createDispatcher(recordingCore().stub);
    const secret = "hunter2-secret";
    for (const [method, argument] of [
      ["signIn", { jid: 42, password: secret }],
      ["signIn", { jid: JID, password: secret, remember: secret }],
      ["signIn", { jid: JID, password: secret.repeat(100) }],
      ["changePassword", { jid: 42, currentPassword: secret, newPassword: secret }],
      ["changePassword", { jid: JID, currentPassword: secret, newPassword: 7 }],
    ] as const) {
      const result = await dispatch(method, argument);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(secret);
    }
  });

  it.each(["reject", "throw"] as const)("turns a core that %ss into the typed internal error, for every method", async (how) => {
    const dispatch = createDispatcher(throwingCore(how));
    for (const method of CLIENT_MANAGER_METHODS) {
      const reply = await dispatch(method, GOOD_ARGUMENTS[method]);
      expect(reply).toEqual({ ok: false, error: { kind: "internal", message: "database on fire" } });
      expect(METHOD_REPLY_SCHEMAS[method].safeParse(reply).success).toBe(true);
    }
  });

  it("says no more than the message: no stack, bounded length", async () => {
    const error = new Error("y".repeat(5000));
    const result = (await createDispatcher(throwingCore("reject", error))("listClients", { jid: JID })) as { error: Record<string, unknown> };
    expect(Object.keys(result.error).sort()).toEqual(["kind", "message"]);
    expect(result.error.message).toEqual(expect.any(String));
    expect((result.error.message as string).length).toBe(500);
    expect(JSON.stringify(result)).not.toContain("at ");
  });

  it("copes with thrown non-errors and hostile errors", async () => {
    const hostile = new Error("x");
    Object.defineProperty(hostile, "message", {
      get() {
        throw new Error("gotcha");
      },
    });
    for (const thrown of [hostile, "a string", undefined, null, { message: "not an Error" }, new Error("")]) {
      const dispatch = createDispatcher(throwingCore("reject", thrown));
      await expect(dispatch("listClients", { jid: JID })).resolves.toEqual({ ok: false, error: { kind: "internal", message: "unexpected error" } });
    }
  });

  it("tells onCoreError which method threw, and nothing else", async () => {
    const onCoreError = vi.fn();
    const dispatch = createDispatcher(throwingCore("throw", new Error("hunter2 leaked")), { onCoreError });
    await dispatch("changePassword", { jid: JID, currentPassword: "hunter2", newPassword: "hunter3" });
    expect(onCoreError).toHaveBeenCalledExactlyOnceWith("changePassword");
  });

  it("tells onSettled each core result, and not refused calls", async () => {
    const onSettled = vi.fn();
    const dispatch = createDispatcher(realCore().core, { onSettled });
    await dispatch("revokeClient", { jid: JID, id: "client/x" });
    expect(onSettled).toHaveBeenCalledExactlyOnceWith("revokeClient", { ok: false, error: { kind: "not-signed-in" } });
    await dispatch("revokeClient", { jid: JID, id: "" });
    await dispatch("nonsense", undefined);
    expect(onSettled).toHaveBeenCalledTimes(1);
  });

  it("keeps the answer when an observer throws", async () => {
    const broken = () => {
      throw new Error("observer broke");
    };
    const settledBroken = createDispatcher(realCore().core, { onSettled: broken });
    await expect(settledBroken("listClients", { jid: JID })).resolves.toEqual({ ok: false, error: { kind: "not-signed-in" } });
    const errorBroken = createDispatcher(throwingCore("throw"), { onCoreError: broken, onSettled: broken });
    await expect(errorBroken("listClients", { jid: JID })).resolves.toEqual({ ok: false, error: { kind: "internal", message: "database on fire" } });
  });
});
