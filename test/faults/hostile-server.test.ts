// Fault: a hostile or broken server answers the list request with malformed replies (the vhost
// "hostile.localhost" of the test module, reply chosen per account by the test). The user sees a
// typed error or sanitised values — never a crash or a hang — and the next good request works.
// Not lost: the session (still online, same client), the remembered protocol.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type HostileReply, type TestServer } from "../server/prosody-test-server.js";
import { installWarden, launchWarden, nextEvent, removeInstall, stateIs, stateOf, type Device } from "../integration/fixtures.js";
import type { ClientInfo, ListClientsResult } from "../../src/shared/index.js";
import { settleTick, spyOnUnhandledRejections, startTcpProxy, type TcpProxy } from "./helpers.js";

let server: TestServer;
let proxy: TcpProxy;
let device: Device;
let jid: string;
let spy: ReturnType<typeof spyOnUnhandledRejections>;

beforeAll(async () => {
  server = await startTestServer();
  // Through a proxy only to count the bytes the server sends.
  proxy = await startTcpProxy(server.starttlsPort);
  const account = await server.createAccount(`user-${randomUUID().slice(0, 8)}`, server.hostileDomain);
  jid = account.jid;
  device = launchWarden(await installWarden());
  const signIn = await device.manager.signIn({
    jid,
    password: account.password,
    remember: true,
    server: { host: "127.0.0.1", port: proxy.port, tls: "starttls" },
  });
  expect(signIn).toMatchObject({ ok: true, value: { status: "online" } });
  expect(await device.manager.listClients({ jid })).toMatchObject({ ok: true });
  spy = spyOnUnhandledRejections();
});

afterAll(async () => {
  spy?.stop();
  if (device) await removeInstall(device);
  await proxy?.close();
  await server?.stop();
});

/** Lists with the hostile reply `mode`, then checks a good list right after works and the session stayed up. */
async function listWith(mode: HostileReply, n?: number): Promise<{ result: ListClientsResult; ms: number }> {
  await server.setHostileReply(jid, mode, n);
  const started = performance.now();
  const result = await device.manager.listClients({ jid });
  const ms = performance.now() - started;
  await server.setHostileReply(jid, undefined);
  const state = await stateOf(device.manager, jid);
  if (state.status !== "online") {
    console.info(`[hostile] ${mode}: state ${state.status} after ${result.ok ? "ok" : result.error.kind}; log tail: ${device.log.slice(-8).join(" | ")}`);
    await nextEvent(device.manager, "state-changed", stateIs("online", jid));
  }
  const good = await device.manager.listClients({ jid });
  expect(good).toMatchObject({ ok: true });
  if (good.ok) expect(good.value.clients.filter((c) => c.isCurrent)).toHaveLength(1);
  expect(await stateOf(device.manager, jid)).toMatchObject({ status: "online" });
  await settleTick();
  expect(spy.reasons).toEqual([]);
  return { result, ms };
}

function clientsOf(result: ListClientsResult): ClientInfo[] {
  if (!result.ok) throw new Error(`expected clients, got ${JSON.stringify(result.error)}`);
  return result.value.clients;
}

/** Every string in a client entry is bounded (MAX_FIELD_LENGTH 1024; ids up to 3071). */
function expectBounded(client: ClientInfo): void {
  expect(client.id.length).toBeLessThanOrEqual(3071);
  for (const value of Object.values(client.userAgent)) expect(String(value).length).toBeLessThanOrEqual(1024);
  for (const method of client.authMethods) expect(method.length).toBeLessThanOrEqual(64);
  for (const time of [client.firstSeen, client.lastSeen]) if (time !== undefined) expect(Number.isFinite(time)).toBe(true);
}

describe("malformed list replies", () => {
  it("missing attributes: skips entries without a usable id, defaults the rest", async () => {
    const clients = clientsOf((await listWith("missing-attributes")).result);
    expect(clients.map((c) => c.id).sort()).toEqual(["client/no-children", "client/odd", "client/only-id"]);
    for (const c of clients) {
      expectBounded(c);
      expect(c.kind).toBe("session");
    }
    expect(clients.find((c) => c.id === "client/no-children")?.connected).toBe(false); // connected="maybe"
  });

  it("bad timestamps: left out, never NaN, never a throw", async () => {
    const clients = clientsOf((await listWith("bad-timestamps")).result);
    expect(clients).toHaveLength(10);
    for (const c of clients) {
      expectBounded(c);
      expect(c.firstSeen).toBeUndefined();
      expect(c.lastSeen).toBeUndefined();
    }
  });

  it("unknown namespace on <clients>: a typed protocol error", async () => {
    const { result } = await listWith("unknown-namespace");
    expect(result).toMatchObject({ ok: false, error: { kind: "protocol" } });
  });

  it("foreign-namespace children: ignored, not mistaken for the protocol's", async () => {
    const clients = clientsOf((await listWith("foreign-children")).result);
    expect(clients.map((c) => c.id)).toEqual(["client/mixed"]);
    // The <auth> in a foreign namespace is ignored (no "password"); an unknown method inside the
    // right <auth> is kept, as the protocol notes ask, bounded. <user-agent> children are read by
    // name whatever their namespace (a harmless leniency: the values are capped strings).
    expect(clients[0]?.authMethods).toEqual(["x-unknown-method"]);
    expectBounded(clients[0] as ClientInfo);
  });

  it("an empty result and an error without a condition: typed errors", async () => {
    expect((await listWith("result-without-payload")).result).toMatchObject({ ok: false, error: { kind: "protocol" } });
    const noCondition = (await listWith("error-without-condition")).result;
    expect(noCondition.ok).toBe(false);
    if (!noCondition.ok) expect(["server-error", "protocol", "unsupported"]).toContain(noCondition.error.kind);
  });

  it("10,000 levels of nesting inside a field: no stack overflow, the entry is kept", async () => {
    const clients = clientsOf((await listWith("deep-nesting", 10_000)).result);
    expect(clients.map((c) => c.id)).toEqual(["client/deep"]);
    expectBounded(clients[0] as ClientInfo);
  });

  it("1 MB of text in every field: values capped, the over-long id skipped", async () => {
    const { result, ms } = await listWith("huge-text");
    const clients = clientsOf(result);
    expect(clients.map((c) => c.id)).toEqual(["client/huge"]);
    const [huge] = clients;
    expectBounded(huge as ClientInfo);
    expect(huge?.userAgent.software?.length).toBe(1024);
    expect(huge?.firstSeen).toBeUndefined();
    console.info(`[hostile] 1 MB fields: listed in ${ms.toFixed(0)} ms`);
  });

  // 50,000 clients (~13 MB) fit under the 16 MiB stanza limit; a larger reply is refused as too
  // large (test/faults/hostile-stream.test.ts). Should the test module's Prosody need longer than the
  // default 15 s request timeout to build the reply: a typed timeout. If it stays silent 5 s more,
  // the liveness probe drops the connection and the session resumes; either way the next good list works.
  it("50,000 clients: listed (or a typed timeout), with time and memory reported", async () => {
    global.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 10);
    const bytesBefore = proxy.bytesDown;
    const loopStalls: number[] = [];
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      loopStalls.push(now - last);
      last = now;
    }, 5);
    let outcome: { result: ListClientsResult; ms: number };
    try {
      outcome = await listWith("many-clients", 50_000);
    } finally {
      clearInterval(sampler);
      clearInterval(ticker);
    }
    const after = process.memoryUsage();
    const prosodyRss = server.pid ? /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] : undefined;
    const { result, ms } = outcome;
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    const report = {
      outcome: result.ok ? `${result.value.clients.length} clients` : result.error.kind,
      ms: Math.round(ms),
      bytesFromServer: `${mb(proxy.bytesDown - bytesBefore)} MB (incl. the good list after)`,
      rssBefore: `${mb(before.rss)} MB`,
      rssPeakSampled: `${mb(peakRss)} MB`,
      heapBefore: `${mb(before.heapUsed)} MB`,
      heapPeakSampled: `${mb(peakHeap)} MB`,
      heapAfter: `${mb(after.heapUsed)} MB`,
      longestEventLoopStallMs: Math.round(Math.max(...loopStalls)),
      prosodyPeakRss: prosodyRss ? `${(Number(prosodyRss) / 1024).toFixed(1)} MB` : "?",
    };
    console.info(`[hostile] 50,000 clients: ${JSON.stringify(report)}`);
    const prosodyLog = readFileSync(`${server.dataDir}/prosody.log`, "utf8").split("\n").filter((l) => l.includes("hostile list reply")).slice(-2);
    console.info(`[hostile] prosody: ${prosodyLog.join(" / ")}`);
    if (result.ok) {
      expect(result.value.clients).toHaveLength(50_000);
      expect(result.value.clients[49_999]).toMatchObject({ id: "client/hostile-50000", userAgent: { software: "Hostile 50000" } });
    } else {
      expect(result.error.kind).toBe("timeout");
    }
  });
});
