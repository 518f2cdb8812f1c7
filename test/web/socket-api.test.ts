// The WebSocket transport of browser mode: framing, what closes the socket, the in-flight bound,
// and events. Validation and a throwing core are the dispatcher's business
// (test/unit/core/dispatch.test.ts); here calls go through it end to end to a real core.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import { METHOD_REPLY_SCHEMAS } from "../../src/shared/api-schemas.js";
import { CLIENT_MANAGER_EVENTS, CLIENT_MANAGER_EVENT_SCHEMAS, type ClientManagerApi, type ClientManagerEventName } from "../../src/shared/api.js";
import { eventMessageSchema, type EventMessage } from "../../src/shared/wire.js";
import { startWebHost, type WebHost } from "../../web/host.js";
import { MAX_IN_FLIGHT } from "../../web/socket-api.js";
import { authorise, call, closed, closedPort, createFixture, exchange, openSocket, startHost, type Fixture } from "./helpers.js";

const JID = "nobody@example.org";

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

function isInvalidRequest(result: unknown): boolean {
  const r = result as { ok?: unknown; error?: { kind?: unknown; detail?: unknown } };
  return r.ok === false && r.error?.kind === "invalid-request" && typeof r.error.detail === "string";
}

/** Collects the event messages `socket` receives. */
function eventsOf(socket: WebSocket): EventMessage[] {
  const seen: EventMessage[] = [];
  socket.on("message", (data) => {
    const message = eventMessageSchema.safeParse(JSON.parse(data.toString()));
    if (message.success) seen.push(message.data);
  });
  return seen;
}

/** Resolves once `socket` has received an event that `match` accepts. */
function eventWhere(socket: WebSocket, match: (message: EventMessage) => boolean): Promise<EventMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = eventMessageSchema.safeParse(JSON.parse(data.toString()));
      if (message.success && match(message.data)) {
        socket.off("message", onMessage);
        resolve(message.data);
      }
    };
    socket.on("message", onMessage);
  });
}

describe("calls", () => {
  let socket: WebSocket;
  beforeAll(async () => {
    socket = await openSocket(host, cookie);
  });
  afterAll(() => socket.close());

  it("go through the dispatcher to the real core and back, each answer matching its method's reply schema", async () => {
    const state = await call(socket, 1, "getState");
    expect(state).toEqual({ ok: true, value: { accounts: [], preferences: { inactiveAfterDays: 30 } } });
    expect(await call(socket, 2, "listClients", { jid: JID })).toEqual({ ok: false, error: { kind: "not-signed-in" } });
    expect(await call(socket, 3, "setDeviceName", { deviceName: "Test box" })).toEqual({ ok: true, value: null });
    const security = await call(socket, 4, "getAccountSecurity", { jid: JID });
    expect(security).toEqual({ ok: true, value: { jid: JID, protections: [], pinnedFingerprints: [] } });
    expect(METHOD_REPLY_SCHEMAS.getState.safeParse(state).success).toBe(true);
    expect(METHOD_REPLY_SCHEMAS.getAccountSecurity.safeParse(security).success).toBe(true);
    // The dispatcher's validation answers through the socket too.
    expect(isInvalidRequest(await call(socket, 5, "listClients"))).toBe(true);
  });

  it("answer a call the wire format refuses, when it has an id, with invalid-request for that id", async () => {
    for (const message of [
      { id: 7 },
      { type: "result", id: 7, method: "getState" },
      { type: "call", id: 7 },
      { type: "call", id: 7, method: 3 },
      // Only the API's methods are calls: nothing else of the manager is reachable.
      { type: "call", id: 7, method: "deleteEverything" },
      { type: "call", id: 7, method: "on", argument: "state-changed" },
      { type: "call", id: 7, method: "dispose" },
      { type: "call", id: 7, method: "resumeRemembered" },
      { type: "call", id: 7, method: "__proto__" },
    ]) {
      const outcome = await exchange(socket, JSON.stringify(message));
      expect(outcome, JSON.stringify(message)).toMatchObject({ message: { type: "result", id: 7 } });
      if ("message" in outcome) expect(isInvalidRequest((outcome.message as { result: unknown }).result)).toBe(true);
    }
    expect(await call(socket, 8, "getState")).toMatchObject({ ok: true });
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
  it("100 random messages get a typed answer or a 1008 close, and the host still answers", async () => {
    const junk = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .record({ type: fc.constantFrom("call", "result", "event", 1), id: fc.oneof(fc.nat(), fc.integer(), fc.double()), method: fc.string(), argument: fc.jsonValue() }, { requiredKeys: [] })
        .map((value) => JSON.stringify(value)),
      fc
        .record({
          type: fc.constant("call"),
          id: fc.nat(),
          method: fc.constantFrom("signIn", "revokeClient", "changePassword", "trustCertificate", "removePinnedCertificate", "removeAccount"),
          argument: fc.jsonValue(),
        })
        .map((v) => JSON.stringify(v)),
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
        const message = outcome.message as { type: string; result: { ok?: unknown } };
        expect(message.type).toBe("result");
        // Well-formed calls can slip through the generator: they get a real, typed answer.
        expect(typeof message.result.ok).toBe("boolean");
        answers += 1;
      }
    }
    expect(answers + closes).toBe(100);
    expect(await call(socket, 1, "getState")).toEqual({ ok: true, value: { accounts: [], preferences: { inactiveAfterDays: 30 } } });
    socket.close();
  });
});

describe("the in-flight bound", () => {
  it(`answers a call beyond ${MAX_IN_FLIGHT} waiting ones with invalid-request, and takes calls again once they finish`, async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let waiting = 0;
    // The real core, but getState waits until the test releases it.
    const manager: ClientManagerApi = {
      ...fixture.manager,
      getState: async () => {
        waiting += 1;
        await gate;
        return fixture.manager.getState();
      },
    };
    const slow = await startWebHost({ manager, staticDir: fixture.staticDir });
    try {
      const socket = await openSocket(slow, await authorise(slow));
      const calls = Array.from({ length: MAX_IN_FLIGHT }, (_, i) => call(socket, i + 1, "getState"));
      const refused = await call(socket, MAX_IN_FLIGHT + 1, "getState");
      expect(refused).toEqual({ ok: false, error: { kind: "invalid-request", detail: `more than ${MAX_IN_FLIGHT} calls in flight` } });
      expect(waiting).toBe(MAX_IN_FLIGHT);
      release();
      for (const answer of await Promise.all(calls)) expect(answer).toEqual({ ok: true, value: { accounts: [], preferences: { inactiveAfterDays: 30 } } });
      expect(await call(socket, MAX_IN_FLIGHT + 2, "getState")).toEqual({ ok: true, value: { accounts: [], preferences: { inactiveAfterDays: 30 } } });
      socket.close();
    } finally {
      await slow.close();
    }
  });

  it("is per connection: another socket is answered meanwhile", async () => {
    const gate = new Promise<never>(() => {});
    const manager: ClientManagerApi = { ...fixture.manager, getState: () => gate };
    const slow = await startWebHost({ manager, staticDir: fixture.staticDir });
    try {
      const authorised = await authorise(slow);
      const busy = await openSocket(slow, authorised);
      for (let id = 1; id <= MAX_IN_FLIGHT; id += 1) busy.send(JSON.stringify({ type: "call", id, method: "getState" }));
      expect(isInvalidRequest(await call(busy, 999, "getState"))).toBe(true);
      const other = await openSocket(slow, authorised);
      expect(await call(other, 1, "setDeviceName", { deviceName: "other tab" })).toEqual({ ok: true, value: null });
      busy.close();
      other.close();
    } finally {
      await slow.close();
    }
  });
});

describe("answers that can't be sent as JSON", () => {
  it("become an internal error for that call", async () => {
    // A stand-in answer no real core gives: a BigInt that JSON can't carry.
    const manager: ClientManagerApi = { ...fixture.manager, getState: async () => ({ ok: true, value: { accounts: [], count: 1n } }) as never };
    const odd = await startWebHost({ manager, staticDir: fixture.staticDir });
    try {
      const socket = await openSocket(odd, await authorise(odd));
      expect(await call(socket, 1, "getState")).toEqual({ ok: false, error: { kind: "internal", message: "the result could not be serialised" } });
      socket.close();
    } finally {
      await odd.close();
    }
  });
});

describe("events", () => {
  it("pushes every event, naming its account, to every connected socket", async () => {
    const a = await openSocket(host, cookie);
    const b = await openSocket(host, cookie);
    const seen = { a: eventsOf(a), b: eventsOf(b) };
    const jid = "someone@localhost";
    const removed = [a, b].map((socket) => eventWhere(socket, (message) => message.event === "account-removed"));
    const port = await closedPort();
    const result = (await call(a, 1, "signIn", {
      jid,
      password: "secret",
      remember: false,
      server: { host: "127.0.0.1", port, tls: "direct" },
    })) as { ok: boolean; error?: { kind: string } };
    expect(result).toMatchObject({ ok: false, error: { kind: "network" } });
    // A failed first sign-in adds nothing: the last event says so.
    await Promise.all(removed);
    for (const [name, events] of Object.entries(seen)) {
      const described = events.map((message) => {
        expect(CLIENT_MANAGER_EVENT_SCHEMAS[message.event].safeParse(message.payload).success, name).toBe(true);
        const payload = message.payload as { jid: string; state?: { status: string } };
        expect(payload.jid).toBe(jid);
        return message.event === "state-changed" ? payload.state?.status : message.event;
      });
      expect(described, name).toEqual(["connecting", "error", "account-removed"]);
    }
    // Never the password.
    expect(JSON.stringify(seen)).not.toContain("secret");
    a.close();
    b.close();
  });

  it("tells the core a window is visible while any page is, and hidden once none is (or the last visible one closes)", async () => {
    const told: boolean[] = [];
    const manager: ClientManagerApi = {
      ...fixture.manager,
      setWindowVisible(request) {
        told.push(request.visible);
        return fixture.manager.setWindowVisible(request);
      },
    };
    const counted = await startHost(fixture, manager);
    try {
      // Two tabs of the same browser session.
      const cookie = await authorise(counted);
      const a = await openSocket(counted, cookie);
      const b = await openSocket(counted, cookie);
      expect(await call(a, 1, "setWindowVisible", { visible: true })).toEqual({ ok: true, value: null });
      expect(await call(b, 1, "setWindowVisible", { visible: false })).toEqual({ ok: true, value: null });
      // The hidden tab does not hide the visible one.
      expect(told).toEqual([true, true]);
      expect(await call(a, 2, "setWindowVisible", { visible: false })).toEqual({ ok: true, value: null });
      expect(told.at(-1)).toBe(false);
      expect(await call(b, 2, "setWindowVisible", { visible: true })).toEqual({ ok: true, value: null });
      expect(told.at(-1)).toBe(true);
      // Closed while visible: nothing is shown any more.
      const gone = closed(b);
      b.close();
      await gone;
      await expect.poll(() => told.at(-1)).toBe(false);
      expect(await call(a, 3, "setWindowVisible", { visible: "yes" })).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
      a.close();
    } finally {
      await counted.close();
    }
  });

  it("unsubscribes from every event when a socket closes", async () => {
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
      expect(await call(socket, 1, "getState")).toMatchObject({ ok: true });
      expect(Object.fromEntries(subscriptions)).toEqual(Object.fromEntries(CLIENT_MANAGER_EVENTS.map((event) => [event, 1])));
      const gone = closed(socket);
      socket.close();
      await gone;
      await expect.poll(() => Object.fromEntries(subscriptions)).toEqual(Object.fromEntries(CLIENT_MANAGER_EVENTS.map((event) => [event, 0])));
    } finally {
      await counted.close();
    }
  });
});

describe("a core that throws", () => {
  it("is answered by the dispatcher as an internal error, the host reports the method, and the socket stays usable", async () => {
    const manager: ClientManagerApi = {
      ...fixture.manager,
      listClients: () => {
        throw new Error("boom");
      },
    };
    const failing: string[] = [];
    const throwing = await startWebHost({ manager, staticDir: fixture.staticDir, onCoreError: (method) => failing.push(method) });
    try {
      const socket = await openSocket(throwing, await authorise(throwing));
      expect(await call(socket, 1, "listClients", { jid: JID })).toEqual({ ok: false, error: { kind: "internal", message: "boom" } });
      expect(await call(socket, 2, "setDeviceName", { deviceName: "still here" })).toEqual({ ok: true, value: null });
      expect(failing).toEqual(["listClients"]);
      socket.close();
    } finally {
      await throwing.close();
    }
  });
});
