// Memory benchmark: the heap the core holds per listed client, with 10,000 clients.
// Needs --expose-gc (npm run bench passes it); heapUsed is read after two full collections.
//
// 1. Codec: a generated 10,000-client reply (bench/list-reply-fixture.ts) parsed by the real codec
//    (ltx.parse + classifyListReply), the ClientInfo[] kept — what the core holds and hands to the
//    UI. Baseline: the same reply's ltx element tree kept instead (what holding the parsed stanza
//    would cost). The reply string is held through both readings, so it cancels out.
// 2. Real core: Warden's client manager signed in to the test Prosody, on an account whose list
//    reply is 10,000 synthetic clients (mod_test_client_management's "many-clients" mode), the
//    ListClientsResult of one listClients() kept. Needs the test CA and keyring of bench/run.mjs.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "ltx";
import { createClientManager, type ClientManager } from "../src/core/client-manager.js";
import { createOsKeychain } from "../src/core/credentials/index.js";
import { createFileRecordsBeside } from "../src/core/records/file-records.js";
import { classifyListReply, type XmlElement } from "../src/core/protocol/index.js";
import { createConfSettingsStore } from "../src/core/settings/index.js";
import { startTestServer, type TestServer } from "../test/server/prosody-test-server.js";
import { median, positiveInt, quiet, saveSection, times, type ResultRow } from "./common.js";
import { listReplyXml } from "./list-reply-fixture.js";

const N = 10_000;
const RUNS = positiveInt(process.env.BENCH_MEMORY_RUNS, 5);
const gcFn = (globalThis as { gc?: () => void }).gc;
if (!gcFn) throw new Error("run with node --expose-gc");
const gc: () => void = gcFn;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const isCurrent = (id: string): boolean => id === "client/none";

/**
 * Bytes per client held by `build()`'s result, median over RUNS. Every result stays held until
 * the end (each sample is what one more list adds): releasing one between readings is not
 * reliably visible, as an async frame may keep its last awaited value alive.
 */
async function perClient(build: () => Promise<unknown> | unknown): Promise<number> {
  const held: unknown[] = [];
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const before = heapAfterGc();
    held.push(await build());
    const after = heapAfterGc();
    samples.push((after - before) / N);
    if (process.env.BENCH_VERBOSE === "1") console.log(`  heapUsed ${before} → ${after}`);
  }
  held.length = 0;
  return median(samples);
}

const bytes = (b: number): string => (Number.isFinite(b) ? `${Math.round(b)} B/client (${((b * N) / 1024 / 1024).toFixed(1)} MB for ${N.toLocaleString("en-US")})` : "n/a");

async function realCore(): Promise<{ warden: number; listMs: number }> {
  let server: TestServer | undefined;
  let manager: ClientManager | undefined;
  let jid = "";
  const dir = await mkdtemp(join(tmpdir(), "warden-bench-memory-"));
  try {
    server = await startTestServer();
    const account = await server.createAccount(`mem-${randomUUID().slice(0, 8)}`, server.hostileDomain);
    const settings = createConfSettingsStore({ cwd: dir });
    const m = createClientManager({ settings, keychain: createOsKeychain(`warden-bench-${randomUUID()}`), records: createFileRecordsBeside(settings.location), log: quiet });
    manager = m;
    jid = account.jid;
    const signIn = await m.signIn({ jid: account.jid, password: account.password, remember: false, server: { host: server.host, port: server.starttlsPort, tls: "starttls" } });
    if (!signIn.ok || signIn.value.status !== "online") throw new Error(`sign-in failed: ${JSON.stringify(signIn)}`);
    await server.setHostileReply(account.jid, "many-clients", N);
    const listTimes: number[] = [];
    const warden = await perClient(async () => {
      const started = performance.now();
      const result = await m.listClients({ jid: account.jid });
      listTimes.push(performance.now() - started);
      if (!result.ok || result.value.clients.length !== N) throw new Error(`listClients: ${result.ok ? result.value.clients.length : result.error.kind}`);
      return result;
    });
    return { warden, listMs: median(listTimes) };
  } finally {
    await manager?.signOut({ jid, forgetCredentials: true }).catch(() => undefined);
    await manager?.dispose().catch(() => undefined);
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const xml = listReplyXml(N);
  const wireBytes = Buffer.byteLength(xml) / N;
  const warden = await perClient(() => {
    const result = classifyListReply(parse(xml) as unknown as XmlElement, "prosody", isCurrent);
    if (!result.ok || result.value.kind !== "clients") throw new Error("the codec failed");
    return result.value.clients;
  });
  const tree = await perClient(() => parse(xml));
  const rows: ResultRow[] = [];
  console.log(`memory codec: ClientInfo[] ${bytes(warden)}, ltx tree of the same reply ${bytes(tree)}, ${times(warden / tree)} the tree (reply on the wire: ${Math.round(wireBytes)} B/client)`);
  rows.push({ figure: `${N.toLocaleString("en-US")} clients, codec: ClientInfo[] kept (generated reply, ${Math.round(wireBytes)} B/client on the wire)`, warden: bytes(warden), baseline: `${bytes(tree)} (ltx tree kept)`, ratio: `${times(warden / tree)} (Warden / tree)`, target: "none set", met: "—" });

  const notes: string[] = [];
  try {
    const core = await realCore();
    console.log(`memory real core: ListClientsResult of ${N.toLocaleString("en-US")} synthetic clients held ${bytes(core.warden)} (listClients() took ${Math.round(core.listMs)} ms median)`);
    rows.push({ figure: `${N.toLocaleString("en-US")} clients, real core: one listClients() result kept (test server's "many-clients" reply)`, warden: bytes(core.warden), baseline: "—", ratio: "—", target: "none set", met: "—" });
    notes.push(`The real-core list took ${Math.round(core.listMs)} ms (median, listClients() called to resolved, Prosody building the 10,000-entry reply included).`);
  } catch (error) {
    console.log(`memory real core: failed (${error instanceof Error ? error.message : String(error)})`);
    notes.push(`The real-core figure could not be taken this run: ${error instanceof Error ? error.message : String(error)}`);
  }
  saveSection("memory", {
    order: 5,
    title: "Memory: the core's heap with 10,000 clients listed",
    method: [
      "`node --expose-gc`; `heapUsed` after two full collections, before and after holding the list; the difference divided by 10,000.",
      "Codec: the generated 10,000-client reply of the codec benchmark through `ltx.parse` + `classifyListReply`, keeping the `ClientInfo[]` (what the core holds and sends to the UI); each run keeps one more list, and the figure is the median increase per list. Baseline: keeping the ltx element tree of the same reply instead — what holding the parsed stanza would cost. The reply string is held through both readings.",
      "Real core: `createClientManager` signed in to the test Prosody on an account whose list is 10,000 synthetic entries (mod_test_client_management's `many-clients` mode: every entry has both timestamps, `<fast/>`, software and device), keeping one `listClients()` result.",
    ],
    runs: `${RUNS} per figure (median)`,
    rows,
    notes,
  });
}

await main();
