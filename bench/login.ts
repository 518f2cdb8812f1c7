// Sign-in benchmark: median time from "sign in" to online, Warden vs a bare @xmpp/client 0.14,
// for a password sign-in and for a FAST-token relaunch, against a real Prosody 13 on loopback with
// Nagle on (Prosody's default) and off, each on its own server.
//
// Run through `npm run bench:login` (bench/run-login.mjs) or as part of `npm run bench`
// (bench/run.mjs, which also hands the figures to docs/benchmarks.md); both, via bench/env.mjs, trust a throwaway test CA through
// NODE_EXTRA_CA_CERTS and provides a D-Bus session with an unlocked gnome-keyring, so both
// certificate verification (system trust store) and the OS keychain are the real product path.
//
// Env: BENCH_RUNS (default 15), BENCH_WARMUP (default 2), BENCH_VERBOSE=1 for per-run timings and
// the keychain's own latency.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createClientManager, type ClientManager } from "../src/core/client-manager.js";
import { createOsKeychain, fastTokenKey, type Keychain } from "../src/core/credentials/index.js";
import { createFileRecordsBeside } from "../src/core/records/file-records.js";
import { createConfSettingsStore } from "../src/core/settings/index.js";
import type { ServerAddress } from "../src/shared/requests.js";
import { startTestServer, type TestServer } from "../test/server/prosody-test-server.js";
import { client, xml, type FastToken, type XmppClient } from "../test/server/xmpp-client.js";
import { median, met, ms, positiveInt, saveSection, timed, times as ratioText, type ResultRow } from "./common.js";
import { atCleanUp, cleanUp, runPart } from "./run-part.js";

const RUNS = positiveInt(process.env.BENCH_RUNS, 15);
const WARMUP = positiveInt(process.env.BENCH_WARMUP, 2, true);
const VERBOSE = process.env.BENCH_VERBOSE === "1";

interface Account {
  jid: string;
  localpart: string;
  password: string;
}

interface Modes {
  password: { warden: number[]; bare: number[] };
  fast: { warden: number[]; bare: number[] };
}

// ---- Warden -------------------------------------------------------------------------------------

interface WardenInstall {
  dir: string;
  keychain: Keychain;
}

async function newInstall(): Promise<WardenInstall> {
  const dir = await mkdtemp(join(tmpdir(), "warden-bench-settings-"));
  atCleanUp(() => rm(dir, { recursive: true, force: true }));
  return { dir, keychain: createOsKeychain() };
}

/** The core's log lines (state changes, mechanism) would interleave with the results: dropped. */
const quiet = (): void => undefined;

/** The app starting: settings from disk, the OS keychain, a new manager. */
function launch(install: WardenInstall): ClientManager {
  // A variable, not a literal: `log` is optional in ClientManagerDeps.
  const settings = createConfSettingsStore({ cwd: install.dir });
  const deps = { settings, keychain: install.keychain, records: createFileRecordsBeside(settings.location), log: quiet };
  return createClientManager(deps);
}

async function wardenSignIn(manager: ClientManager, request: Parameters<ClientManager["signIn"]>[0]): Promise<number> {
  let state: unknown;
  const ms = await timed(async () => {
    const result = await manager.signIn(request);
    state = result.ok ? result.value : result.error;
  });
  if (!(state && typeof state === "object" && "status" in state && state.status === "online")) throw new Error(`Warden sign-in did not get online: ${JSON.stringify(state)}`);
  return ms;
}

/** Password sign-in on a fresh install (new settings dir, so a new client id and no stored secret). */
async function wardenPassword(account: Account, server: ServerAddress): Promise<number> {
  const install = await newInstall();
  const manager = launch(install);
  try {
    return await wardenSignIn(manager, { jid: account.jid, password: account.password, remember: true, server });
  } finally {
    // Forget the token it was given, so no keychain entry outlives the run.
    await manager.signOut({ jid: account.jid, forgetCredentials: true });
    await manager.dispose();
    await rm(install.dir, { recursive: true, force: true });
  }
}

/** A relaunch of an install that signed in before: only the stored FAST token, no password. */
async function wardenFast(install: WardenInstall, account: Account, server: ServerAddress): Promise<number> {
  const manager = launch(install);
  try {
    return await wardenSignIn(manager, { jid: account.jid, remember: true, server });
  } finally {
    await manager.dispose();
  }
}

/**
 * One password sign-in so that the install holds a FAST token. The token is saved to the keychain
 * in the background (@xmpp/sasl2 does not await saveToken), so wait until it is there.
 */
async function wardenPrepareFast(account: Account, server: ServerAddress): Promise<WardenInstall> {
  const install = await newInstall();
  const manager = launch(install);
  await wardenSignIn(manager, { jid: account.jid, password: account.password, remember: true, server });
  await manager.dispose();
  atCleanUp(async () => {
    const last = launch(install);
    await last.signOut({ jid: account.jid, forgetCredentials: true });
    await last.dispose();
  });
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const stored = await install.keychain.get(fastTokenKey(account.jid) ?? account.jid);
    if (stored.ok && stored.value) return install;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("Warden kept no FAST token after a password sign-in");
}

// ---- where Warden's time goes (BENCH_VERBOSE=1) ------------------------------------------------

/** One traced sign-in: every keychain and settings call, and each state, relative to "sign in". */
async function traceWarden(label: string, install: WardenInstall, request: Parameters<ClientManager["signIn"]>[0]): Promise<void> {
  let t0 = performance.now();
  const events: string[] = [];
  const at = () => (performance.now() - t0).toFixed(1).padStart(6);
  const wrap = <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    const start = at();
    try {
      return await fn(...args);
    } finally {
      events.push(`${start} → ${at()} ms  keychain ${name} ${String(args[0])}`);
    }
  };
  const keychain: Keychain = {
    get: wrap("get", install.keychain.get),
    set: wrap("set", install.keychain.set),
    delete: wrap("delete", install.keychain.delete),
  };
  const settings = createConfSettingsStore({ cwd: install.dir });
  const update = settings.update.bind(settings);
  settings.update = (fn) => {
    const start = at();
    const result = update(fn);
    events.push(`${start} → ${at()} ms  settings update`);
    return result;
  };
  const deps = { settings, keychain, records: createFileRecordsBeside(settings.location), log: (_level: string, message: string) => void events.push(`${at()} ms  log: ${message}`) };
  const manager = createClientManager(deps);
  manager.on("state-changed", ({ state }) => events.push(`${at()} ms  state ${state.status}`));
  events.push(`${at()} ms  (app launched) signIn() called — times below are from here`);
  t0 = performance.now();
  const result = await manager.signIn(request);
  events.push(`${at()} ms  signIn() resolved (${result.ok ? result.value.status : result.error.kind})`);
  await manager.dispose();
  console.log(`  trace: ${label}`);
  for (const event of events) console.log(`    ${event}`);
}

// ---- bare @xmpp/client --------------------------------------------------------------------------

function bareClient(server: TestServer, account: Account, options: { password?: string; userAgentId?: string }): XmppClient {
  const xmpp = client({
    service: `xmpp://${server.host}:${server.starttlsPort}`,
    domain: server.domain,
    // Its 2 s default per step is too short for its own 10,000-HMAC SCRAM on a busy 2-core machine.
    timeout: 30_000,
    username: account.localpart,
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options.userAgentId === undefined ? {} : { userAgent: xml("user-agent", { id: options.userAgentId }, xml("software", {}, "bench-bare")) }),
  } as Parameters<typeof client>[0]);
  xmpp.reconnect.stop();
  xmpp.on("error", () => undefined);
  return xmpp;
}

async function stopBare(xmpp: XmppClient): Promise<void> {
  if (xmpp.status !== "offline") await xmpp.stop();
}

/** A bare @xmpp/client password sign-in: client() with username/password, its bundled SCRAM-SHA-1. */
async function barePassword(server: TestServer, account: Account): Promise<number> {
  let xmpp: XmppClient | undefined;
  try {
    return await timed(async () => {
      xmpp = bareClient(server, account, { password: account.password });
      await xmpp.start();
    });
  } finally {
    if (xmpp) await stopBare(xmpp);
  }
}

/** Prosody binds tokens to the SASL2 client id: the bare client keeps one id and its newest token. */
interface BareFastState {
  userAgentId: string;
  token: FastToken | undefined;
}

async function barePrepareFast(server: TestServer, account: Account): Promise<BareFastState> {
  const state: BareFastState = { userAgentId: randomUUID(), token: undefined };
  const xmpp = bareClient(server, account, { password: account.password, userAgentId: state.userAgentId });
  xmpp.fast.saveToken = async (token) => {
    state.token = token;
  };
  await xmpp.start();
  await stopBare(xmpp);
  if (!state.token) throw new Error("the bare client got no FAST token");
  return state;
}

async function bareFast(server: TestServer, account: Account, state: BareFastState): Promise<number> {
  let xmpp: XmppClient | undefined;
  try {
    return await timed(async () => {
      // No password: online means the token did it.
      xmpp = bareClient(server, account, { userAgentId: state.userAgentId });
      xmpp.fast.fetchToken = async () => state.token;
      xmpp.fast.saveToken = async (token) => {
        state.token = token;
      };
      await xmpp.start();
    });
  } finally {
    if (xmpp) await stopBare(xmpp);
  }
}

// ---- the bench ----------------------------------------------------------------------------------

/** Runs `warden` and `bare` alternately (swapping which goes first), warm-ups discarded. */
async function alternate(label: string, warden: () => Promise<number>, bare: () => Promise<number>): Promise<{ warden: number[]; bare: number[] }> {
  const out = { warden: [] as number[], bare: [] as number[] };
  for (let i = 0; i < WARMUP + RUNS; i += 1) {
    const pair = i % 2 === 0 ? [["warden", warden], ["bare", bare]] as const : [["bare", bare], ["warden", warden]] as const;
    const times: Record<string, number> = {};
    for (const [name, run] of pair) times[name] = await run();
    if (VERBOSE) console.log(`  ${label} #${i}${i < WARMUP ? " (warm-up)" : ""}: warden ${times.warden!.toFixed(1)} ms, bare ${times.bare!.toFixed(1)} ms`);
    if (i < WARMUP) continue;
    out.warden.push(times.warden!);
    out.bare.push(times.bare!);
  }
  return out;
}

async function benchServer(nagle: boolean): Promise<Modes> {
  const server = await startTestServer(nagle ? {} : { nagle: false });
  atCleanUp(() => server.stop());
  const localpart = `bench-${randomUUID().slice(0, 8)}`;
  const { jid, password } = await server.createAccount(localpart);
  const account: Account = { jid, localpart, password };
  const address: ServerAddress = { host: server.host, port: server.starttlsPort, tls: "starttls" };
  const label = `nagle ${nagle ? "on" : "off"}`;

  const passwordTimes = await alternate(`${label} password`, () => wardenPassword(account, address), () => barePassword(server, account));

  const install = await wardenPrepareFast(account, address);
  const bareState = await barePrepareFast(server, account);
  const fastTimes = await alternate(`${label} fast`, () => wardenFast(install, account, address), () => bareFast(server, account, bareState));

  if (VERBOSE) {
    await traceWarden(`${label} fast relaunch`, install, { jid: account.jid, remember: true, server: address });
    const fresh = await newInstall();
    await traceWarden(`${label} password, fresh install`, fresh, { jid: account.jid, password: account.password, remember: true, server: address });
  }

  await cleanUp();
  return { password: passwordTimes, fast: fastTimes };
}

function line(nagle: boolean, mode: string, times: { warden: number[]; bare: number[] }): string {
  const warden = median(times.warden);
  const bare = median(times.bare);
  const ratio = bare / warden;
  return `nagle ${nagle ? "on " : "off"} ${mode}: warden ${Math.round(warden)} ms, bare @xmpp/client ${Math.round(bare)} ms, ${ratio.toFixed(ratio >= 10 ? 1 : 2)}x faster`;
}

async function keychainLatency(): Promise<void> {
  const keychain = createOsKeychain();
  const key = `bench-probe:${randomUUID()}`;
  const samples: Record<"set" | "get" | "delete", number[]> = { set: [], get: [], delete: [] };
  for (let i = 0; i < 10; i += 1) {
    samples.set.push(await timed(async () => void (await keychain.set(key, "x"))));
    samples.get.push(await timed(async () => void (await keychain.get(key))));
    samples.delete.push(await timed(async () => void (await keychain.delete(key))));
  }
  const show = (op: keyof typeof samples) => `${op} ${median(samples[op]).toFixed(1)} ms`;
  console.log(`keychain (median of 10): ${show("set")}, ${show("get")}, ${show("delete")}`);
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(`machine: ${cpu[0]?.model.trim() ?? "unknown cpu"}, ${cpu.length} cores`);
  console.log(`runs: ${RUNS} per mode and client, after ${WARMUP} warm-ups; median shown`);
  if (VERBOSE) await keychainLatency();
  const rows: ResultRow[] = [];
  for (const nagle of [true, false]) {
    const modes = await benchServer(nagle);
    console.log(line(nagle, "password", modes.password));
    console.log(line(nagle, "fast", modes.fast));
    rows.push(...resultRows(nagle, modes));
  }
  saveSection("time-to-online", {
    order: 2,
    title: "Time to online (core, no UI)",
    method: [
      "A real Prosody 13 on loopback (STARTTLS), one server with Nagle on (Prosody's default) and one with `network_settings = { nagle = false }`; the test CA is trusted through the system trust store (NODE_EXTRA_CA_CERTS), and Warden's keychain is the real Secret Service (gnome-keyring in a private D-Bus session).",
      "Warden: `createClientManager` → `signIn()` resolved online. Password: a fresh install each run (new settings dir, so a new client id and no stored secret). FAST: a relaunch of an install that signed in before — a new manager on the same settings dir, no password, the stored token from the keychain. The clock starts at `signIn()`: creating the manager (app launch) already starts reading the resumed account's token from the keychain, as it does in the app while its window loads.",
      "Baseline: a bare `@xmpp/client` 0.14 doing the same sign-in (`client({ username, password })` → `start()`; for FAST, no password and its newest token from the previous run, same SASL2 user-agent id).",
      "Warden and the bare client alternate run by run, swapping which goes first every round.",
    ],
    runs: `${RUNS} per mode and client, after ${WARMUP} warm-ups`,
    rows,
    notes: [
      "Warden turns Nagle's algorithm off on its own sockets (`setNoDelay`, issue 8). Measured before and after that change with `npm run bench:login` (21 runs each, one after the other): password with Prosody's Nagle on 66 → 73 ms (bare client 882 → 1012 ms in the same runs), FAST 55 → 60 ms (bare 55 → 59 ms): no move toward the Nagle-off figures. What is left of the gap is on the server's side, whose small writes wait for the client's acknowledgement.",
    ],
  });
}

function resultRows(nagle: boolean, modes: Modes): ResultRow[] {
  const label = `Nagle ${nagle ? "on" : "off"}`;
  const pw = { warden: median(modes.password.warden), bare: median(modes.password.bare) };
  const fast = { warden: median(modes.fast.warden), bare: median(modes.fast.bare) };
  return [
    { figure: `password, ${label}`, warden: ms(pw.warden), baseline: ms(pw.bare), ratio: `${ratioText(pw.bare / pw.warden)} faster (bare / Warden)`, target: "≥ 10× faster", met: met(pw.bare / pw.warden >= 10) },
    { figure: `FAST, ${label}`, warden: ms(fast.warden), baseline: ms(fast.bare), ratio: `${ratioText(fast.warden / fast.bare)} (Warden / bare)`, target: "≤ 1.1× (Warden / bare)", met: met(fast.warden / fast.bare <= 1.1) },
  ];
}

await runPart(main);
