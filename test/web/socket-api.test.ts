// The WebSocket side of browser mode: calls into a real core, validation, and events.
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import type { ClientManagerApi, ClientManagerEventName } from "../../src/shared/api.js";
import type { WebHost } from "../../web/host.js";
import { authorise, call, closed, createFixture, exchange, openSocket, startHost, type Fixture } from "./helpers.js";

let fixture: Fixture;
let host: WebHost;
let cookie: string;

beforeAll(async () => {
  fixture = createFixture();
  host = await startHost(fixture);
  cookie = await authorise(host);
});
afterAll(async () => {
  await host.close();
  await fixture.cleanup();
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function isInvalidRequest(result: unknown): boolean {
  const r = result as { ok?: unknown; error?: { kind?: unknown; detail?: unknown } };
  return r.ok === false && r.error?.kind === "invalid-request" && typeof r.error.detail === "string";
}

describe("calls", () => {
  let socket: WebSocket;
  beforeAll(async () => {
    socket = await openSocket(host, cookie);
  });
  afterAll(() => socket.close());

  it("getState answers signed-out", async () => {
    expect(await call(socket, 1, "getState")).toEqual({ status: "signed-out" });
  });

  it("listClients while signed out is not-signed-in", async () => {
    expect(await call(socket, 2, "listClients")).toEqual({ ok: false, error: { kind: "not-signed-in" } });
  });

  it("revokeClient and changePassword while signed out are not-signed-in", async () => {
    expect(await call(socket, 3, "revokeClient", { id: "x" })).toEqual({ ok: false, error: { kind: "not-signed-in" } });
    expect(await call(socket, 4, "changePassword", { currentPassword: "a", newPassword: "b" })).toEqual({
      ok: false,
      error: { kind: "not-signed-in" },
    });
  });

  it("setDeviceName reaches the core", async () => {
    expect(await call(socket, 5, "setDeviceName", { deviceName: "Test box" })).toEqual({ ok: true, value: null });
  });

  it("the account security methods reach the core", async () => {
    expect(await call(socket, 6, "getAccountSecurity", { jid: "nobody@example.org" })).toEqual({
      ok: true,
      value: { jid: "nobody@example.org", protections: [], pinnedFingerprints: [] },
    });
    const fingerprint256 = Array(32).fill("AB").join(":");
    expect(await call(socket, 7, "removePinnedCertificate", { jid: "nobody@example.org", fingerprint256 })).toEqual({ ok: true, value: null });
    expect(await call(socket, 8, "forgetServer", { jid: "nobody@example.org" })).toEqual({ ok: true, value: null });
    // No sign-in presented a certificate: the page's decision has nothing to apply to.
    expect(await call(socket, 9, "trustCertificate", { jid: "nobody@example.org" })).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  });

  it("answers an unknown method or a bad argument with invalid-request", async () => {
    for (const [method, argument] of [
      ["deleteEverything", undefined],
      ["on", "state-changed"],
      ["constructor", undefined],
      ["__proto__", undefined],
      ["signIn", { jid: 42, password: "x" }],
      ["signIn", 42],
      ["signIn", undefined],
      ["getState", { surprise: true }],
      ["getState", null],
      ["revokeClient", { id: "" }],
      ["trustCertificate", { jid: 5 }],
      ["getAccountSecurity", undefined],
      ["removePinnedCertificate", { jid: "a@b.c", fingerprint256: "nope" }],
      ["forgetServer", { jid: "" }],
      ["setDeviceName", { deviceName: "   " }],
    ] as const) {
      const result = await call(socket, 10, method, argument);
      expect(isInvalidRequest(result), `${method} ${JSON.stringify(argument)}`).toBe(true);
    }
    expect(await call(socket, 11, "getState")).toEqual({ status: "signed-out" });
  });

  it("answers a malformed call that has an id with invalid-request for that id", async () => {
    for (const message of [{ id: 7 }, { type: "result", id: 7, method: "getState" }, { type: "call", id: 7 }, { type: "call", id: 7, method: 3 }]) {
      const outcome = await exchange(socket, JSON.stringify(message));
      expect(outcome).toMatchObject({ message: { type: "result", id: 7 } });
      if ("message" in outcome) expect(isInvalidRequest((outcome.message as { result: unknown }).result)).toBe(true);
    }
  });
});

describe("messages that can't be answered close the socket with 1008", () => {
  for (const [name, text, binary] of [
    ["not JSON", "hello", false],
    ["truncated JSON", '{"type":"call","id":1', false],
    ["JSON without an id", JSON.stringify({ type: "call", method: "getState" }), false],
    ["a negative id", JSON.stringify({ type: "call", id: -1, method: "getState" }), false],
    ["an array", "[1,2,3]", false],
    ["null", "null", false],
    ["a binary frame", JSON.stringify({ type: "call", id: 1, method: "getState" }), true],
  ] as const) {
    it(name, async () => {
      const socket = await openSocket(host, cookie);
      expect(await exchange(socket, binary ? Buffer.from(text) : text, binary)).toEqual({ closed: 1008 });
    });
  }

  it("and one over 64 KiB with 1009", async () => {
    const socket = await openSocket(host, cookie);
    const big = JSON.stringify({ type: "call", id: 1, method: "setDeviceName", argument: { deviceName: "x".repeat(70_000) } });
    expect(await exchange(socket, big)).toEqual({ closed: 1009 });
  });
});

describe("garbage", () => {
  it("100 random messages get invalid-request or a 1008 close, and the host still answers", async () => {
    const junk = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .record({ type: fc.constantFrom("call", "result", "event", 1), id: fc.oneof(fc.nat(), fc.integer(), fc.double()), method: fc.string(), argument: fc.jsonValue() }, { requiredKeys: [] })
        .map((value) => JSON.stringify(value)),
      fc.record({ type: fc.constant("call"), id: fc.nat(), method: fc.constantFrom("signIn", "revokeClient", "changePassword", "trustCertificate", "removePinnedCertificate"), argument: fc.jsonValue() }).map((v) => JSON.stringify(v)),
    );
    const messages = fc.sample(junk, { numRuns: 90, seed: 7 }).concat(Array.from({ length: 10 }, () => randomBytes(64).toString("latin1")));
    let socket = await openSocket(host, cookie);
    let answers = 0;
    let closes = 0;
    for (const text of messages) {
      const outcome = await exchange(socket, text);
      if ("closed" in outcome) {
        expect(outcome.closed).toBe(1008);
        closes += 1;
        socket = await openSocket(host, cookie);
      } else {
        const message = outcome.message as { type: string; result: unknown };
        expect(message.type).toBe("result");
        // Well-formed calls can slip through the generator: they get a real, typed answer.
        const result = message.result as { ok?: unknown; status?: unknown };
        expect(typeof result.ok === "boolean" || typeof result.status === "string").toBe(true);
        answers += 1;
      }
    }
    expect(answers + closes).toBe(100);
    expect(await call(socket, 1, "getState")).toEqual({ status: "signed-out" });
    socket.close();
  });
});

describe("events", () => {
  it("pushes state-changed to every connected socket", async () => {
    const a = await openSocket(host, cookie);
    const b = await openSocket(host, cookie);
    const seen: { socket: string; event: string; payload: { status?: string } }[] = [];
    for (const [name, socket] of [["a", a], ["b", b]] as const) {
      socket.on("message", (data) => {
        const message = JSON.parse(data.toString()) as { type: string; event: string; payload: { status?: string } };
        if (message.type === "event") seen.push({ socket: name, event: message.event, payload: message.payload });
      });
    }
    const port = await closedPort();
    const result = (await call(a, 1, "signIn", {
      jid: "someone@localhost",
      password: "secret",
      remember: false,
      server: { host: "127.0.0.1", port, tls: "direct" },
    })) as { ok: boolean; error?: { kind: string } };
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe("network");
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const name of ["a", "b"]) {
      const statuses = seen.filter((e) => e.socket === name && e.event === "state-changed").map((e) => e.payload.status);
      expect(statuses, name).toEqual(["connecting", "error"]);
    }
    expect(await call(b, 2, "signOut")).toEqual({ ok: true, value: null });
    a.close();
    b.close();
  });

  it("unsubscribes when a socket closes", async () => {
    const subscriptions = new Map<ClientManagerEventName, number>();
    const manager: ClientManagerApi = {
      ...fixture.manager,
      on(event, listener) {
        subscriptions.set(event, (subscriptions.get(event) ?? 0) + 1);
        const off = fixture.manager.on(event, listener);
        return () => {
          subscriptions.set(event, (subscriptions.get(event) ?? 0) - 1);
          off();
        };
      },
    };
    const counted = await startHost(fixture, manager);
    try {
      const socket = await openSocket(counted, await authorise(counted));
      expect(await call(socket, 1, "getState")).toEqual({ status: "signed-out" });
      expect(Object.fromEntries(subscriptions)).toEqual({ "state-changed": 1, "clients-changed": 1 });
      socket.close();
      await closed(socket);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(Object.fromEntries(subscriptions)).toEqual({ "state-changed": 0, "clients-changed": 0 });
    } finally {
      await counted.close();
    }
  });
});

describe("a core that throws", () => {
  it("becomes an internal error without a stack, and the socket stays usable", async () => {
    const manager: ClientManagerApi = {
      ...fixture.manager,
      listClients: () => {
        throw new Error("boom");
      },
      revokeClient: () => Promise.reject(new TypeError("kaboom")),
      getState: () => Promise.reject("not even an Error"),
    };
    const failing: string[] = [];
    const { startWebHost } = await import("../../web/host.js");
    const throwing = await startWebHost({ manager, staticDir: fixture.staticDir, onCoreError: (method) => failing.push(method) });
    try {
      const socket = await openSocket(throwing, await authorise(throwing));
      expect(await call(socket, 1, "listClients")).toEqual({ ok: false, error: { kind: "internal", message: "boom" } });
      expect(await call(socket, 2, "revokeClient", { id: "x" })).toEqual({ ok: false, error: { kind: "internal", message: "kaboom" } });
      expect(await call(socket, 3, "getState")).toEqual({ status: "error", error: { kind: "internal", message: "unexpected error" } });
      expect(await call(socket, 4, "setDeviceName", { deviceName: "still here" })).toEqual({ ok: true, value: null });
      expect(failing).toEqual(["listClients", "revokeClient", "getState"]);
      socket.close();
    } finally {
      await throwing.close();
    }
  });
});
