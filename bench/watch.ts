// Watch benchmark: what one watch tick costs for an account with 100 listed clients — the list
// round trip, then the watch comparing the list with the last one and keeping what changed (two
// Activity entries appended, the snapshot rewritten) — next to the list round trip alone, against
// a real Prosody 13 on loopback serving 100 synthetic entries (mod_test_client_management's
// "many-clients" mode). The core's own parts are composed as the client manager composes them: an
// AccountSession signed in with the password, the manage-clients context over it, an AccountWatch
// over file records in a temp folder whose record() appends to Activity.
//
// Run as part of `npm run bench` (bench/run.mjs), or alone in the same environment:
//   node -e 'import("./bench/env.mjs").then(async (m) => process.exit(await m.runInBenchSession("npx tsx bench/watch.ts")))'
//
// Env: BENCH_WATCH_RUNS (default 41), BENCH_VERBOSE=1 for per-round timings.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createFastTokenStore, createPasswordStore } from "../src/core/credentials/index.js";
import type { ManageClientsContext } from "../src/core/manage-clients/context.js";
import { listClients } from "../src/core/manage-clients/list-clients.js";
import { createFileRecords } from "../src/core/records/file-records.js";
import { AccountSession } from "../src/core/session/account-session.js";
import { AccountWatch } from "../src/core/watch/account-watch.js";
import { resolveServer } from "../src/core/xmpp/resolve-server.js";
import type { ClientList, ManageClientsProtocol } from "../src/shared/client-info.js";
import { createMemoryKeychain } from "../test/doubles/memory-keychain.js";
import { startTestServer } from "../test/server/prosody-test-server.js";
import { alternate, median, met, ms, positiveInt, quiet, saveSection, timed, times } from "./common.js";
import { atCleanUp, runPart } from "./run-part.js";

const CLIENTS = 100;
const RUNS = positiveInt(process.env.BENCH_WATCH_RUNS, 41);
const WARMUP = 5;
const VERBOSE = process.env.BENCH_VERBOSE === "1";

async function list(context: ManageClientsContext): Promise<ClientList> {
  const result = await listClients(context);
  if (!result.ok || result.value.clients.length !== CLIENTS) throw new Error(`listClients: ${result.ok ? `${result.value.clients.length} clients` : result.error.kind}`);
  return result.value;
}

async function main(): Promise<void> {
  const server = await startTestServer();
  atCleanUp(() => server.stop());
  const account = await server.createAccount(`watch-${randomUUID().slice(0, 8)}`, server.hostileDomain);
  await server.setHostileReply(account.jid, "many-clients", CLIENTS);
  const dir = await mkdtemp(join(tmpdir(), "warden-bench-records-"));
  atCleanUp(() => rm(dir, { recursive: true, force: true }));

  // The keychain is not what is measured here: a memory double holds the session's token.
  const keychain = createMemoryKeychain();
  const clientId = randomUUID();
  const session = new AccountSession({
    log: quiet,
    userAgent: () => ({ id: clientId, software: "Warden bench", device: "bench" }),
    tokens: createFastTokenStore(keychain),
    passwords: createPasswordStore(keychain),
    resolveServer,
  });
  atCleanUp(() => session.signOut(true));
  const signIn = await session.signIn({
    jid: account.jid,
    password: account.password,
    remember: false,
    server: { host: server.host, port: server.starttlsPort, tls: "starttls" },
    allowInsecureLoopback: false,
    pinnedFingerprints: [],
    passwordInKeychain: false,
    protections: [],
  });
  if (!signIn.ok || signIn.value.status !== "online") throw new Error(`sign-in failed: ${signIn.ok ? signIn.value.status : signIn.error.kind}`);
  let protocol: ManageClientsProtocol | undefined;
  const context: ManageClientsContext = {
    request: (iq, timeoutMs) => session.request(iq, timeoutMs),
    isCurrent: (id) => id === `client/${clientId}`,
    rememberedProtocol: () => protocol,
    rememberProtocol: (p) => {
      protocol = p;
    },
  };
  const records = createFileRecords(dir).forAccount(account.jid);
  let recorded = 0;
  const watch = new AccountWatch({
    records,
    record: async (entry) => {
      await records.appendActivity(entry);
      recorded += 1;
    },
    alertsChanged: () => undefined,
    log: quiet,
  });
  await watch.ready;

  // The server lists the same 100 entries every time; each tick gives one slot a fresh id, so the
  // watch sees one sign-in gone and one new since the tick before — the busy case.
  const ids = (await list(context)).clients.map((client) => client.id);
  let tick = 0;
  function changed(fetched: ClientList): ClientList {
    ids[tick % CLIENTS] = `client/bench-${randomUUID()}`;
    tick += 1;
    return { ...fetched, clients: fetched.clients.map((client, i) => ({ ...client, id: ids[i]! })) };
  }

  let lastListInTick = Number.NaN;
  let lastObserve = Number.NaN;
  const listInTickSamples: number[] = [];
  const observeSamples: number[] = [];
  const roundTrip = () => timed(async () => void (await list(context)));
  // The tick as the manager runs it; the local change to the list is not timed.
  const watchTick = async (): Promise<number> => {
    const start = performance.now();
    const fetched = await list(context);
    lastListInTick = performance.now() - start;
    const next = changed(fetched);
    const before = recorded;
    const observeStart = performance.now();
    await watch.observe(next);
    lastObserve = performance.now() - observeStart;
    if (tick > 1 && recorded - before !== 2) throw new Error(`the watch recorded ${recorded - before} entries, expected 2 (one new, one gone)`);
    return lastListInTick + lastObserve;
  };

  console.log(`runs: ${RUNS} after ${WARMUP} warm-ups; ${CLIENTS} listed clients; median shown`);
  const samples = await alternate(RUNS, WARMUP, roundTrip, watchTick, (i, ta, tb, warm) => {
    if (!warm) {
      listInTickSamples.push(lastListInTick);
      observeSamples.push(lastObserve);
    }
    if (VERBOSE) console.log(`round ${i + 1}${warm ? " (warm-up)" : ""}: list ${ms(ta)}, tick ${ms(tb)} (diff + store ${ms(lastObserve)})`);
  });
  const activity = await records.readActivity();
  if (activity.length !== recorded) throw new Error(`Activity holds ${activity.length} entries, ${recorded} were recorded`);

  const listMs = median(samples.a);
  const tickMs = median(samples.b);
  const observeMs = median(observeSamples);
  const listInTickMs = median(listInTickSamples);
  console.log(`watch tick, ${CLIENTS} clients (list + diff + store): ${ms(tickMs)} (list round trip alone ${ms(listMs)}, ${times(tickMs / listMs)}; the list inside the tick ${ms(listInTickMs)})`);
  console.log(`watch diff + store alone: ${ms(observeMs)} (list round trip alone ${ms(listMs)}, ${times(observeMs / listMs)})`);
  saveSection("watch", {
    order: 7,
    title: "Watch tick with 100 clients (core, no UI)",
    method: [
      "A real Prosody 13 on loopback (STARTTLS); the account's list is 100 synthetic entries (mod_test_client_management's `many-clients` mode). The core's parts composed as `createClientManager` composes them: an `AccountSession` signed in with the password (its FAST token kept by an in-memory keychain double), the manage-clients context over it, and an `AccountWatch` over file records (`createFileRecords` in a temp folder) whose `record()` appends to Activity.",
      "Warden: one watch tick — `listClients()` to resolved, then `watch.observe(list)`: the diff against the last snapshot, the Activity entries appended (each synced to disk) and the snapshot rewritten. Before each observe one slot of the fetched list gets a fresh id (not timed), so every tick finds one sign-in gone and one new and records 2 entries: the busy case. Diff + store alone is the `observe()` part of the same ticks.",
      "Baseline: the list round trip alone, `listClients()` to resolved, alternating with the tick round by round (which goes first swaps every round).",
    ],
    runs: `${RUNS} per figure, after ${WARMUP} warm-ups (the first tick is the watch's baseline); ${activity.length} Activity entries kept at the end`,
    rows: [
      {
        figure: `one watch tick, ${CLIENTS} clients (list + diff + store)`,
        warden: ms(tickMs),
        baseline: `${ms(listMs)} (list round trip alone)`,
        ratio: `${times(tickMs / listMs)} (tick / list)`,
        target: "none set",
        met: "—",
      },
      {
        figure: "diff + store alone (2 Activity entries, snapshot rewritten)",
        warden: ms(observeMs),
        baseline: `${ms(listMs)} (list round trip alone)`,
        ratio: `${times(observeMs / listMs)} (diff + store / list)`,
        target: "diff + store < list round trip",
        met: met(observeMs < listMs),
      },
    ],
    notes: [
      `Each figure is the median of its own samples, so the tick's need not be the sum of the other two; the list inside the ticks took ${ms(listInTickMs)} (median). The list round trip varies widely from one request to the next on this machine, so the tick / list ratio moves more between runs than the diff + store share does.`,
      "The new entries are alerts nobody marks seen here, so the snapshot carries one more unseen alert every tick, as it would for a user who does not look.",
    ],
  });
}

await runPart(main);
