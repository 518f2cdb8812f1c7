// Fault: 10,000 random and mutated payloads from a UI that went wrong (or a hostile page), through
// browser mode's WebSocket host and through the Electron IPC handler table, both on a real core.
// The user sees nothing break: every payload is answered with a typed value or refused (socket
// closed with a policy code), the process stays up, and a real sign-in + list works afterwards.
// Not lost: the core's settings stay valid (clientId unchanged), nothing pollutes Object.prototype.
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import type WebSocket from "ws";
import { createDispatcher } from "../../src/core/dispatch.js";
import { createIpcHandlers } from "../../electron/ipc-handlers.js";
import type { SenderEvent } from "../../electron/sender.js";
import { CLIENT_MANAGER_METHODS } from "../../src/shared/api.js";
import { startTestServer, type TestServer } from "../server/prosody-test-server.js";
import { authorise, call, createFixture, openSocket, startHost, type Fixture } from "../web/helpers.js";
import type { WebHost } from "../../web/host.js";
import { settleTick, spyOnUnhandledRejections } from "./helpers.js";

const PAYLOADS = 10_000;
const SEED = 20_251_127;
const ANSWER_TIMEOUT_MS = 10_000;

let server: TestServer;
let fixture: Fixture;
let host: WebHost;
let cookie: string;
let closedPort: number;
let spy: ReturnType<typeof spyOnUnhandledRejections>;

beforeAll(async () => {
  server = await startTestServer();
  fixture = createFixture();
  host = await startHost(fixture);
  cookie = await authorise(host);
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  spy = spyOnUnhandledRejections();
});

afterAll(async () => {
  spy?.stop();
  await host?.close();
  await fixture?.cleanup();
  await server?.stop();
});

/** Valid arguments for each method: the starting points of the mutations. */
const TEMPLATES: Record<(typeof CLIENT_MANAGER_METHODS)[number], unknown> = {
  signIn: { jid: "fuzz@localhost", password: "pw", remember: false },
  signOut: { jid: "fuzz@localhost", forgetCredentials: false },
  removeAccount: { jid: "fuzz@localhost" },
  reconnectNow: { jid: "fuzz@localhost" },
  setLanguage: { language: "de" },
  getState: undefined,
  listClients: { jid: "fuzz@localhost" },
  revokeClient: { jid: "fuzz@localhost", id: "client/abc", confirmSignOut: false },
  changePassword: { jid: "fuzz@localhost", currentPassword: "a", newPassword: "b" },
  trustCertificate: { jid: "fuzz@localhost" },
  getAccountSecurity: { jid: "fuzz@localhost" },
  removePinnedCertificate: { jid: "fuzz@localhost", fingerprint256: Array.from({ length: 32 }, () => "AB").join(":") },
  forgetServer: { jid: "fuzz@localhost" },
  setDeviceName: { deviceName: "Fuzz box" },
} as Record<(typeof CLIENT_MANAGER_METHODS)[number], unknown>;

const nasty = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(-1, 1.5, 2 ** 53, Number.MAX_VALUE, "", null, [], {}, true, "x".repeat(5_000), "\u0000", "\ud800", "constructor", "__proto__", "toString"),
  fc.string({ unit: "grapheme", maxLength: 200 }),
);

type Mutated = { method: string; argument: unknown; extra: Record<string, unknown>; dropKeys: string[] };

/** A call whose method, argument, fields or envelope are bent. */
const mutatedCall: fc.Arbitrary<Mutated> = fc
  .record({
    method: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CLIENT_MANAGER_METHODS) }, { weight: 1, arbitrary: fc.oneof(fc.string(), fc.constantFrom("on", "constructor", "__proto__", "dispose", "hasOwnProperty")) }),
    field: fc.option(fc.oneof(fc.constantFrom("jid", "password", "remember", "server", "id", "confirmSignOut", "deviceName", "fingerprint256", "newPassword", "forgetCredentials", "allowInsecureLoopback", "__proto__"), fc.string()), { nil: undefined }),
    value: nasty,
    replaceArgument: fc.option(nasty, { nil: undefined, freq: 5 }),
    envelope: fc.option(fc.dictionary(fc.constantFrom("type", "id", "method", "argument", "extra", "__proto__"), nasty, { maxKeys: 2 }), { nil: undefined, freq: 4 }),
    dropKeys: fc.subarray(["type", "id", "method", "argument"], { maxLength: 2 }),
  })
  .map(({ method, field, value, replaceArgument, envelope, dropKeys }) => {
    const template = Object.hasOwn(TEMPLATES, method) ? (TEMPLATES as Record<string, unknown>)[method] : undefined;
    let argument: unknown = template === undefined ? undefined : structuredClone(template);
    if (replaceArgument !== undefined) argument = replaceArgument;
    else if (field !== undefined && argument !== null && typeof argument === "object") {
      Object.defineProperty(argument, field, { value, enumerable: true, writable: true, configurable: true });
    }
    return { method, argument, extra: envelope ?? {}, dropKeys };
  });

type Payload = { data: string | Buffer; binary: boolean };

function render(m: Mutated, id: number): Payload {
  const message: Record<string, unknown> = { type: "call", id, method: m.method };
  if (m.argument !== undefined) message.argument = m.argument;
  for (const [key, value] of Object.entries(m.extra)) Object.defineProperty(message, key, { value, enumerable: true, writable: true, configurable: true });
  for (const key of m.dropKeys) delete message[key];
  // Never a real network sign-in from the fuzz: a signIn that might validate goes to a closed port.
  if (message.method === "signIn" && message.argument !== null && typeof message.argument === "object" && !Array.isArray(message.argument)) {
    (message.argument as Record<string, unknown>).server = { host: "127.0.0.1", port: closedPort, tls: "starttls" };
  }
  return { data: JSON.stringify(message), binary: false };
}

const rawPayload: fc.Arbitrary<Payload> = fc.oneof(
  fc.jsonValue().map((v) => ({ data: JSON.stringify(v) ?? "null", binary: false })),
  fc.string({ maxLength: 300 }).map((s) => ({ data: s, binary: false })),
  fc.uint8Array({ maxLength: 300 }).map((b) => ({ data: Buffer.from(b), binary: true })),
  fc.uint8Array({ minLength: 1, maxLength: 100 }).map((b) => ({ data: Buffer.concat([Buffer.from('{"type":"call","id":1,"method":"getState","x":"'), Buffer.from(b), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), binary: false })),
  fc.constantFrom<Payload>(
    { data: '{"type":"call","id":1,"method":"signIn","argument":{"__proto__":{"polluted":true},"jid":"a@b"}}', binary: false },
    { data: '{"type":"call","id":1,"method":"__proto__"}', binary: false },
    { data: '{"type":"call","id":1,"method":"getState","__proto__":{"polluted":true}}', binary: false },
    { data: `{"type":"call","id":1,"method":"setDeviceName","argument":{"deviceName":"${"y".repeat(70_000)}"}}`, binary: false },
    { data: `${"[".repeat(10_000)}${"]".repeat(10_000)}`, binary: false },
    { data: "", binary: false },
  ),
);

const payloads: fc.Arbitrary<(id: number) => Payload> = fc.oneof(
  { weight: 3, arbitrary: mutatedCall.map((m) => (id: number) => render(m, id)) },
  { weight: 1, arbitrary: rawPayload.map((p) => () => p) },
);

function isTyped(result: unknown): boolean {
  if (result === null || typeof result !== "object") return false;
  const r = result as { ok?: unknown; value?: unknown; error?: { kind?: unknown } };
  if (r.ok === true) return "value" in r;
  return r.ok === false && typeof r.error?.kind === "string";
}

type Outcome = { result: unknown } | { closed: number } | { silent: true };

function send(socket: WebSocket, payload: Payload): Promise<Outcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done({ silent: true }), ANSWER_TIMEOUT_MS);
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { type: string; result?: unknown };
      if (message.type === "result") done({ result: message.result });
    };
    const onClose = (code: number) => done({ closed: code });
    const done = (outcome: Outcome) => {
      clearTimeout(timer);
      socket.off("message", onMessage);
      socket.off("close", onClose);
      resolve(outcome);
    };
    socket.on("message", onMessage);
    socket.on("close", onClose);
    socket.send(payload.data, { binary: payload.binary });
  });
}

it(`answers or refuses ${PAYLOADS.toLocaleString("en")} mutated payloads on the WebSocket, then works`, async () => {
  const generators = fc.sample(payloads, { numRuns: PAYLOADS, seed: SEED });
  let socket = await openSocket(host, cookie);
  const tally = { typed: 0, closed: new Map<number, number>(), untyped: [] as string[], silent: [] as string[] };
  for (let i = 0; i < generators.length; i++) {
    const payload = (generators[i] as (id: number) => Payload)(i + 1);
    const outcome = await send(socket, payload);
    const shown = () => String(payload.data).slice(0, 200);
    if ("result" in outcome) {
      if (isTyped(outcome.result)) tally.typed += 1;
      else tally.untyped.push(`${shown()} -> ${JSON.stringify(outcome.result).slice(0, 200)}`);
    } else if ("closed" in outcome) {
      tally.closed.set(outcome.closed, (tally.closed.get(outcome.closed) ?? 0) + 1);
      socket = await openSocket(host, cookie);
    } else {
      tally.silent.push(shown());
      socket.terminate();
      socket = await openSocket(host, cookie);
    }
  }
  console.info(`[fuzz ws] typed answers ${tally.typed}, closes ${JSON.stringify([...tally.closed])}, untyped ${tally.untyped.length}, silent ${tally.silent.length}`);
  expect(tally.untyped).toEqual([]);
  expect(tally.silent).toEqual([]);
  // Refusals are policy violations (1008), oversized (1009) or invalid UTF-8 (1007) only.
  for (const code of tally.closed.keys()) expect([1007, 1008, 1009]).toContain(code);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();

  // A good call afterwards: sign in to a real server through the same host, and list.
  const account = await server.createAccount(`user-${randomUUID().slice(0, 8)}`);
  const signIn = await call(socket, 1, "signIn", { jid: account.jid, password: account.password, remember: false, server: { host: server.host, port: server.starttlsPort, tls: "starttls" } });
  expect(signIn).toEqual({ ok: true, value: { status: "online", jid: account.jid, credentials: "none" } });
  expect(await call(socket, 2, "listClients", { jid: account.jid })).toMatchObject({ ok: true });
  expect(await call(socket, 3, "signOut", { jid: account.jid })).toEqual({ ok: true, value: null });
  socket.close();
  await settleTick();
  expect(spy.reasons).toEqual([]);
});

it(`returns a typed value for ${PAYLOADS.toLocaleString("en")} mutated calls through the Electron IPC handlers, then works`, async () => {
  const trustedEvent: SenderEvent = { sender: { id: 1 }, senderFrame: { url: "app://warden/index.html", parent: null } };
  const table = createIpcHandlers(createDispatcher(fixture.manager), { isTrusted: (event) => event.sender.id === 1 && event.senderFrame?.parent === null });
  const samples = fc.sample(
    fc.record({
      method: fc.constantFrom(...CLIENT_MANAGER_METHODS),
      call: mutatedCall,
      args: fc.oneof({ weight: 4, arbitrary: fc.constant("one") }, { weight: 1, arbitrary: fc.array(nasty, { maxLength: 3 }) }),
      event: fc.oneof({ weight: 9, arbitrary: fc.constant(trustedEvent) }, { weight: 1, arbitrary: fc.anything() }),
    }),
    { numRuns: PAYLOADS, seed: SEED + 1 },
  );
  const failures: string[] = [];
  let refused = 0;
  for (const sample of samples) {
    let argument = sample.call.argument;
    if (sample.method === "signIn" && argument !== null && typeof argument === "object" && !Array.isArray(argument)) {
      argument = { ...argument, server: { host: "127.0.0.1", port: closedPort, tls: "starttls" } };
    }
    const args = sample.args === "one" ? [argument] : sample.args;
    try {
      const result = await Promise.race([
        table[sample.method](sample.event as SenderEvent, ...args),
        new Promise((resolve) => setTimeout(() => resolve("silent"), ANSWER_TIMEOUT_MS)),
      ]);
      if (!isTyped(result)) failures.push(`${sample.method}: ${JSON.stringify(result)?.slice(0, 200)}`);
      else if ((result as { ok?: boolean }).ok === false) refused += 1;
    } catch (error) {
      failures.push(`${sample.method} threw ${String(error)}`);
    }
  }
  console.info(`[fuzz ipc] ${PAYLOADS} calls, ${refused} typed errors, ${failures.length} failures`);
  expect(failures).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();

  const account = await server.createAccount(`user-${randomUUID().slice(0, 8)}`);
  const signIn = await table.signIn(trustedEvent, { jid: account.jid, password: account.password, remember: false, server: { host: server.host, port: server.starttlsPort, tls: "starttls" } });
  expect(signIn).toEqual({ ok: true, value: { status: "online", jid: account.jid, credentials: "none" } });
  expect(await table.listClients(trustedEvent, { jid: account.jid })).toMatchObject({ ok: true });
  await settleTick();
  expect(spy.reasons).toEqual([]);
});
