// Browser-mode benchmarks, with the real core behind web/host.ts, the built renderer and Debian's
// Chromium (playwright-core), against the test Prosody (Nagle on, its default):
//
// - Time to list, on one clock (epoch ms: Node's Date.now(), and the page's marks converted with
//   performance.timeOrigin + startTime; same machine, the offset between the two is checked):
//   - Password: a fresh install, the form filled and submitted (`warden:sign-in-start`) → the
//     first rendered rows (`warden:list-rendered`). Baseline: → the page receiving "online".
//   - FAST relaunch: a new core, host and page on the install a password sign-in remembered. As in
//     web/main.ts and electron/main.ts, the core is created, the host started, then
//     manager.resumeRemembered() — the start — and the page is opened at once, concurrently with the
//     resume (both hosts open their window right after calling it, without waiting: the page never
//     loads before the resume has begun). The browser is already running with a blank tab, as when
//     browser mode opens a tab in the user's browser. Time to list: start → the page's first
//     rendered rows (`warden:list-rendered` fires for the first rows after page load). Baselines:
//     start → the page receiving the account's "online" (by event or in getState's answer,
//     whichever comes first), and start → the core's own "online" (its state-changed event in Node).
// - Rendering: an account whose list is 10,000 synthetic clients (the test module's
//   "many-clients" mode on hostile.localhost), real core and real UI. First rows: from the list
//   arriving over the page's WebSocket to `warden:list-rendered`. Then long tasks
//   (PerformanceObserver "longtask") and frame times (requestAnimationFrame deltas) while
//   scrolling top to bottom. Baseline: the same with a 100-client list, alternating run by run.
//
// Needs bench/run.mjs's environment (test CA, keyring: bench/env.mjs's runInBenchSession) and
// BENCH_STATIC_DIR (the built renderer). Env: BENCH_LIST_RUNS, BENCH_RENDER_RUNS, BENCH_VERBOSE=1,
// and BENCH_LIST_ONLY=1 or BENCH_RENDER_ONLY=1 to run one of the two parts.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createClientManager, type ClientManager } from "../src/core/client-manager.js";
import { createOsKeychain, fastTokenKey } from "../src/core/credentials/index.js";
import { createFileRecordsBeside } from "../src/core/records/file-records.js";
import { createConfSettingsStore } from "../src/core/settings/index.js";
import { startTestServer, type TestServer } from "../test/server/prosody-test-server.js";
import { startWebHost, type WebHost } from "../web/host.js";
import { median, met, ms, percentile, positiveInt, quiet, saveSection, times, type ResultRow } from "./common.js";
import { signInThroughUi } from "../test/e2e/sign-in-form.js";

const LIST_RUNS = positiveInt(process.env.BENCH_LIST_RUNS, 7);
const RENDER_RUNS = positiveInt(process.env.BENCH_RENDER_RUNS, 3);
const BIG = 10_000;
const SMALL = 100;
/** Pixels scrolled per frame: 10 viewports of 800 px, so every frame shows only new rows. */
const SCROLL_STEP = 8_000;
const FIRST_ROWS_TARGET_MS = 150;
const LIST_TARGET_RATIO = 1.3;
const LONG_TASK_MS = 50;
const TIMEOUT_MS = 60_000;
/** Rendering runs scroll once no list message has arrived for this long (the UI may fetch one more). */
const LIST_QUIET_MS = 500;
const VERBOSE = process.env.BENCH_VERBOSE === "1";
/** BENCH_RENDER_ONLY=1: only the rendering part (no time to list), e.g. while working on the UI. */
const RENDER_ONLY = process.env.BENCH_RENDER_ONLY === "1";
/** BENCH_LIST_ONLY=1: only time to list. */
const LIST_ONLY = process.env.BENCH_LIST_ONLY === "1";

// The page's globals, for the function predicates below (a string predicate would need 'unsafe-eval',
// which the page's CSP refuses; functions and string evaluations go through DevTools instead).
declare const window: { __bench: { listMessages: number; lastListAt: number } };

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"];

/**
 * Injected before the page's own scripts (DevTools injection, not subject to the page's CSP):
 * collects long tasks from the start, and marks when the page's WebSocket opens, and when it
 * delivers the first "online" and the first client list — before the app's own handler sees them.
 * Frames are `{"type":"event","event":…,"payload":…}` or `{"type":"result","id":…,"result":…}`
 * (web/socket-api.ts). A list arrives as a "clients-changed" event, a listClients answer, or with
 * the account in getState's answer; "online" as a "state-changed" event, in getState's answer, or
 * as signIn's answer. Small results are parsed; a result too big to parse without delaying the
 * app's own handler can only be a list (getState puts the state before the list, so it is in the head).
 */
const INIT_SCRIPT = `(() => {
  const bench = (window.__bench = { longTasks: [], listMessages: 0, lastListAt: 0 });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {}
  const Native = window.WebSocket;
  const once = (name, t) => { if (performance.getEntriesByName(name).length === 0) performance.mark(name, { startTime: t }); };
  const isOnline = (state) => state !== null && typeof state === "object" && state.status === "online";
  const PARSE_LIMIT = 64 * 1024;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("open", () => once("bench:socket-open", performance.now()));
      this.addEventListener("message", (event) => {
        const t = performance.now();
        const data = event.data;
        if (typeof data !== "string") return;
        const head = data.slice(0, 400);
        let online = false;
        let list = false;
        if (head.startsWith('{"type":"event"')) {
          if (head.includes('"event":"clients-changed"')) list = true;
          else if (head.includes('"event":"state-changed"')) online = head.includes('"status":"online"');
        } else if (data.length <= PARSE_LIMIT) {
          let value;
          try { value = JSON.parse(data).result?.value; } catch {}
          if (value && Array.isArray(value.accounts)) {
            online = value.accounts.some((a) => isOnline(a.state));
            list = value.accounts.some((a) => a.clients !== undefined);
          } else if (value && Array.isArray(value.clients)) list = true;
          else online = isOnline(value);
        } else {
          list = data.includes('"clients":[');
          online = head.includes('"accounts":[') && head.includes('"status":"online"');
        }
        if (online) once("bench:online", t);
        if (list) {
          bench.listMessages += 1;
          bench.lastListAt = t;
          once("bench:list-received", t);
        }
      });
    }
  };
})();`;

/** The page's marks, in epoch milliseconds (null: not set). */
interface PageMarks {
  start: number | null;
  socketOpen: number | null;
  online: number | null;
  received: number | null;
  rendered: number | null;
}

const READ_MARKS = `(() => {
  const at = (name) => {
    const entry = performance.getEntriesByName(name)[0];
    return entry ? performance.timeOrigin + entry.startTime : null;
  };
  return { start: at("warden:sign-in-start"), socketOpen: at("bench:socket-open"), online: at("bench:online"), received: at("bench:list-received"), rendered: at("warden:list-rendered") };
})()`;

interface ScrollResult {
  frames: number[];
  longTasks: number[];
  durationMs: number;
  scrollHeight: number;
}

/** Scrolls by SCROLL_STEP per animation frame to the bottom, or (with `frames`) bounces for that many frames. */
const scrollScript = (frames: number | null): string => `(async () => {
  const bench = window.__bench;
  window.scrollTo(0, 0);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const deltas = [];
  let direction = 1;
  const t0 = performance.now();
  await new Promise((resolve) => {
    let last = null;
    const tick = (now) => {
      if (last !== null) deltas.push(now - last);
      last = now;
      const max = document.documentElement.scrollHeight - window.innerHeight;
      const target = ${frames === null ? "null" : String(frames)};
      if (target === null ? window.scrollY >= max - 1 : deltas.length >= target) return resolve();
      if (target !== null && ((direction > 0 && window.scrollY >= max - 1) || (direction < 0 && window.scrollY <= 0))) direction = -direction;
      window.scrollBy(0, direction * ${SCROLL_STEP});
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const t1 = performance.now();
  await new Promise((r) => setTimeout(r, 300));
  const longTasks = bench.longTasks.filter((e) => e.start >= t0 && e.start < t1).map((e) => e.duration);
  return { frames: deltas, longTasks, durationMs: t1 - t0, scrollHeight: document.documentElement.scrollHeight };
})()`;

interface Opened {
  manager: ClientManager;
  host: WebHost;
  context: BrowserContext;
  page: Page;
}

interface Install {
  dir: string;
  service: string;
}

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];
/** Page clock − Node clock, one sample per time-to-list run (see clockOffset). */
const clockOffsets: number[] = [];

async function newInstall(): Promise<Install> {
  return { dir: await mkdtemp(join(tmpdir(), "warden-bench-ui-")), service: `warden-bench-${randomUUID()}` };
}

function newManager(install: Install): ClientManager {
  const settings = createConfSettingsStore({ cwd: install.dir });
  return createClientManager({ settings, keychain: createOsKeychain(install.service), records: createFileRecordsBeside(settings.location), log: quiet });
}

/** The host for `manager`, as web/main.ts starts it. */
async function startHost(manager: ClientManager): Promise<WebHost> {
  const staticDir = process.env.BENCH_STATIC_DIR;
  if (!staticDir) throw new Error("BENCH_STATIC_DIR is not set: run through `npm run bench`");
  return startWebHost({ manager, staticDir });
}

/** A fresh browser context with a blank tab, the bench's listener injected into every page it loads. */
async function blankTab(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "light", deviceScaleFactor: 1, locale: "en-US" });
  context.setDefaultTimeout(TIMEOUT_MS);
  await context.addInitScript({ content: INIT_SCRIPT });
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return { context, page };
}

async function goToLaunchUrl(page: Page, host: WebHost): Promise<void> {
  const response = await page.goto(host.url);
  if (response?.status() !== 200) throw new Error(`the launch URL answered ${response?.status() ?? "nothing"}`);
}

/** A launch with nothing to resume: core on the install, host, a fresh browser context at the launch URL. */
async function open(install: Install): Promise<Opened> {
  const manager = newManager(install);
  const host = await startHost(manager);
  const { context, page } = await blankTab();
  await goToLaunchUrl(page, host);
  return { manager, host, context, page };
}

/** Closes page, host and core; with `forget`, also removes that account (token, password) and the install. */
async function close(o: Opened, install: Install, forget: { jid: string } | null): Promise<void> {
  await o.context.close().catch(() => undefined);
  await o.host.close().catch(() => undefined);
  if (forget) await o.manager.removeAccount({ jid: forget.jid }).catch(() => undefined);
  await o.manager.dispose().catch(() => undefined);
  if (forget) await rm(install.dir, { recursive: true, force: true });
}

async function waitForMarks(page: Page): Promise<PageMarks> {
  await page.waitForFunction(() => performance.getEntriesByName("warden:list-rendered").length > 0, undefined, { timeout: TIMEOUT_MS, polling: 10 });
  return (await page.evaluate(READ_MARKS)) as PageMarks;
}

function need(marks: PageMarks, ...names: (keyof PageMarks)[]): void {
  for (const name of names) if (marks[name] === null) throw new Error(`page mark missing: ${name}`);
}

/**
 * Page clock (timeOrigin + now) minus Node's Date.now(), read in one DevTools round trip: both are
 * the machine's wall clock, but the page's is derived from a monotonic clock at its start, so a
 * drift would show here. Returns the offset and the round trip that bounds its error.
 */
async function clockOffset(page: Page): Promise<{ offset: number; roundTrip: number }> {
  const before = Date.now();
  const pageNow = (await page.evaluate("performance.timeOrigin + performance.now()")) as number;
  const after = Date.now();
  return { offset: pageNow - (before + after) / 2, roundTrip: after - before };
}

// ---- time to list -------------------------------------------------------------------------------

interface PasswordSample {
  list: number;
  online: number;
}

interface FastSample {
  list: number;
  pageOnline: number;
  coreOnline: number;
  coreList: number;
  socketOpen: number;
  received: number;
}

async function passwordRun(account: { jid: string; password: string }): Promise<PasswordSample> {
  const install = await newInstall();
  const o = await open(install);
  try {
    await signInThroughUi(o.page, server, account);
    const m = await waitForMarks(o.page);
    need(m, "start", "online", "rendered");
    return { list: m.rendered! - m.start!, online: m.online! - m.start! };
  } finally {
    await close(o, install, account);
  }
}

async function storedToken(install: Install, jid: string): Promise<string | null> {
  const stored = await createOsKeychain(install.service).get(fastTokenKey(jid) ?? jid);
  return stored.ok ? (stored.value ?? null) : null;
}

/** Waits (up to 5 s) until the keychain holds a FAST token other than `previous`: it is saved in the background. */
async function tokenSaved(install: Install, jid: string, previous: string | null): Promise<string | null> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const token = await storedToken(install, jid);
    if (token && token !== previous) return token;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return storedToken(install, jid);
}

/** When the core first says `jid` is online and first pushes its list (Date.now()), as the host hears it. */
function watchCore(manager: ClientManager, jid: string): { online: number | null; list: number | null; stop: () => void } {
  const seen: { online: number | null; list: number | null; stop: () => void } = { online: null, list: null, stop: () => undefined };
  const offState = manager.on("state-changed", (event) => {
    if (event.jid === jid && event.state.status === "online") seen.online ??= Date.now();
  });
  const offList = manager.on("clients-changed", (event) => {
    if (event.jid === jid) seen.list ??= Date.now();
  });
  seen.stop = () => {
    offState();
    offList();
  };
  return seen;
}

/** A relaunch as web/main.ts does it: core, host, then resumeRemembered() (the start) with the page opened at once. */
async function fastRun(install: Install, jid: string, previous: string | null): Promise<FastSample & { token: string | null }> {
  const manager = newManager(install);
  const core = watchCore(manager, jid);
  const host = await startHost(manager);
  const { context, page } = await blankTab();
  const o: Opened = { manager, host, context, page };
  try {
    const start = Date.now();
    const resumed = manager.resumeRemembered();
    await goToLaunchUrl(page, host);
    const m = await waitForMarks(page);
    await resumed;
    need(m, "socketOpen", "online", "received", "rendered");
    if (core.online === null || core.list === null) throw new Error("the core did not go online and push the list");
    clockOffsets.push((await clockOffset(page)).offset);
    const token = await tokenSaved(install, jid, previous);
    return {
      list: m.rendered! - start,
      pageOnline: m.online! - start,
      coreOnline: core.online - start,
      coreList: core.list - start,
      socketOpen: m.socketOpen! - start,
      received: m.received! - start,
      token,
    };
  } finally {
    core.stop();
    await close(o, install, null);
  }
}

async function timeToList(): Promise<{ rows: ResultRow[]; notes: string[] }> {
  const account = await server.createAccount(`ui-${randomUUID().slice(0, 8)}`);
  const password: PasswordSample[] = [];
  for (let i = 0; i < LIST_RUNS + 1; i += 1) {
    const s = await passwordRun(account);
    if (VERBOSE) console.log(`  password #${i}${i === 0 ? " (warm-up)" : ""}: list ${ms(s.list)}, online ${ms(s.online)}`);
    if (i > 0) password.push(s);
  }

  // FAST: one password sign-in (remembered), then relaunches that the core resumes by itself.
  const install = await newInstall();
  const first = await open(install);
  await signInThroughUi(first.page, server, account);
  await waitForMarks(first.page);
  let token = await tokenSaved(install, account.jid, null);
  await close(first, install, null);
  if (!token) throw new Error("no FAST token was stored after the password sign-in");
  const fast: FastSample[] = [];
  try {
    for (let i = 0; i < LIST_RUNS + 1; i += 1) {
      const s = await fastRun(install, account.jid, token);
      token = s.token;
      if (VERBOSE) {
        console.log(
          `  fast #${i}${i === 0 ? " (warm-up)" : ""}: list rendered ${ms(s.list)}; core online ${ms(s.coreOnline)}, core list ${ms(s.coreList)}; page socket open ${ms(s.socketOpen)}, online ${ms(s.pageOnline)}, list received ${ms(s.received)}`,
        );
      }
      if (i > 0) fast.push(s);
    }
  } finally {
    const last = newManager(install);
    await last.removeAccount({ jid: account.jid }).catch(() => undefined);
    await last.dispose();
    await rm(install.dir, { recursive: true, force: true });
  }

  const rows: ResultRow[] = [];
  const pList = median(password.map((s) => s.list));
  const pOnline = median(password.map((s) => s.online));
  const pRatio = median(password.map((s) => s.list / s.online));
  console.log(`time to list password: sign-in → list rendered ${ms(pList)}, sign-in → online in the page ${ms(pOnline)}, ${times(pRatio)} time to online`);
  rows.push({ figure: "password (Nagle on): form submitted →", warden: `${ms(pList)} to list rendered`, baseline: `${ms(pOnline)} to online in the page`, ratio: `${times(pRatio)} (list / online, median of per-run ratios)`, target: "none set", met: "—" });

  const f = (pick: (s: FastSample) => number) => median(fast.map(pick));
  const fRatio = f((s) => s.list / s.pageOnline);
  const fCoreRatio = f((s) => s.list / s.coreOnline);
  console.log(
    `time to list FAST relaunch: resume → list rendered ${ms(f((s) => s.list))}, resume → online in the page ${ms(f((s) => s.pageOnline))}, ${times(fRatio)}; resume → core online ${ms(f((s) => s.coreOnline))}, ${times(fCoreRatio)}`,
  );
  console.log(
    `time to list FAST relaunch, medians from resume: core online ${ms(f((s) => s.coreOnline))}, core list ${ms(f((s) => s.coreList))}, page socket open ${ms(f((s) => s.socketOpen))}, page online ${ms(f((s) => s.pageOnline))}, page list received ${ms(f((s) => s.received))}, rows rendered ${ms(f((s) => s.list))}`,
  );
  rows.push({
    figure: "FAST relaunch (Nagle on): resumeRemembered() →",
    warden: `${ms(f((s) => s.list))} to list rendered`,
    baseline: `${ms(f((s) => s.pageOnline))} to online in the page`,
    ratio: `${times(fRatio)} (list / online, median of per-run ratios)`,
    target: `≤ ${LIST_TARGET_RATIO}×`,
    met: met(fRatio <= LIST_TARGET_RATIO),
  });
  rows.push({
    figure: "FAST relaunch (Nagle on), against the core's online: resumeRemembered() →",
    warden: `${ms(f((s) => s.list))} to list rendered`,
    baseline: `${ms(f((s) => s.coreOnline))} to online in the core`,
    ratio: `${times(fCoreRatio)} (list / online, median of per-run ratios)`,
    target: "none set",
    met: "—",
  });
  const notes = [
    `FAST relaunch, medians from resumeRemembered(): the core online at ${ms(f((s) => s.coreOnline))} and its list pushed at ${ms(f((s) => s.coreList))}; the page's WebSocket open at ${ms(f((s) => s.socketOpen))}, *online* received at ${ms(f((s) => s.pageOnline))}, the list received at ${ms(f((s) => s.received))}, rows rendered at ${ms(f((s) => s.list))}.`,
    `Clocks: the page's clock (timeOrigin + now) minus Node's Date.now() was ${ms(median(clockOffsets))} (median over the relaunches; largest ${ms(Math.max(...clockOffsets.map(Math.abs)))}), read in one DevTools round trip.`,
  ];
  return { rows, notes };
}

// ---- rendering ----------------------------------------------------------------------------------

interface RenderSample {
  firstRows: number;
  signInToRows: number;
  scroll: ScrollResult;
}

async function renderRun(account: { jid: string; password: string }, bounceFrames: number | null): Promise<RenderSample> {
  const install = await newInstall();
  const o = await open(install);
  try {
    await signInThroughUi(o.page, server, account);
    const m = await waitForMarks(o.page);
    need(m, "start", "received", "rendered");
    // The core pushes the list after sign-in and the UI may fetch one too: scroll once they have landed.
    await o.page.waitForFunction((quietMs) => performance.now() - window.__bench.lastListAt >= quietMs, LIST_QUIET_MS, { timeout: TIMEOUT_MS, polling: 50 });
    const scroll = (await o.page.evaluate(scrollScript(bounceFrames))) as ScrollResult;
    return { firstRows: m.rendered! - m.received!, signInToRows: m.rendered! - m.start!, scroll };
  } finally {
    await close(o, install, account);
  }
}

async function rendering(): Promise<{ rows: ResultRow[]; notes: string[] }> {
  const big = await server.createAccount(`big-${randomUUID().slice(0, 8)}`, server.hostileDomain);
  const small = await server.createAccount(`small-${randomUUID().slice(0, 8)}`, server.hostileDomain);
  await server.setHostileReply(big.jid, "many-clients", BIG);
  await server.setHostileReply(small.jid, "many-clients", SMALL);
  const bigRuns: RenderSample[] = [];
  const smallRuns: RenderSample[] = [];
  for (let i = 0; i < RENDER_RUNS; i += 1) {
    // Alternate which goes first; the small list scrolls (bouncing) for as many frames as the big one took.
    const order = i % 2 === 0 ? ["big", "small"] : ["small", "big"];
    for (const which of order) {
      if (which === "big") bigRuns.push(await renderRun(big, null));
      else smallRuns.push(await renderRun(small, bigRuns.at(-1)?.scroll.frames.length ?? 300));
    }
    if (VERBOSE) {
      const b = bigRuns.at(-1)!;
      const s = smallRuns.at(-1)!;
      console.log(`  render #${i}: ${BIG}: first rows ${ms(b.firstRows)}, ${b.scroll.frames.length} frames, long tasks [${b.scroll.longTasks.map((t) => Math.round(t)).join(", ")}]; ${SMALL}: first rows ${ms(s.firstRows)}, long tasks [${s.scroll.longTasks.map((t) => Math.round(t)).join(", ")}]`);
    }
  }

  const summary = (runs: RenderSample[]) => {
    const frames = runs.flatMap((r) => r.scroll.frames);
    const longTasks = runs.flatMap((r) => r.scroll.longTasks);
    return {
      firstRows: median(runs.map((r) => r.firstRows)),
      signInToRows: median(runs.map((r) => r.signInToRows)),
      frameMedian: percentile(frames, 50),
      frameP95: percentile(frames, 95),
      frameMax: Math.max(...frames),
      frames: frames.length,
      longTaskCount: longTasks.length,
      longTaskMax: longTasks.length > 0 ? Math.max(...longTasks) : 0,
      perRunLongTasks: median(runs.map((r) => r.scroll.longTasks.length)),
      scrollMs: median(runs.map((r) => r.scroll.durationMs)),
      height: median(runs.map((r) => r.scroll.scrollHeight)),
    };
  };
  const b = summary(bigRuns);
  const s = summary(smallRuns);
  const lt = (x: typeof b) => (x.longTaskCount === 0 ? "none" : `${x.longTaskCount} in ${RENDER_RUNS} runs, longest ${ms(x.longTaskMax)}`);
  console.log(`rendering first rows: ${BIG} clients ${ms(b.firstRows)}, ${SMALL} clients ${ms(s.firstRows)}, ${times(b.firstRows / s.firstRows)} (target ≤ ${FIRST_ROWS_TARGET_MS} ms)`);
  console.log(`rendering sign-in → first rows: ${BIG} clients ${ms(b.signInToRows)}, ${SMALL} clients ${ms(s.signInToRows)}, ${times(b.signInToRows / s.signInToRows)}`);
  console.log(`rendering scroll long tasks: ${BIG} clients ${lt(b)}, ${SMALL} clients ${lt(s)} (target: none over ${LONG_TASK_MS} ms)`);
  console.log(`rendering scroll frames: ${BIG} clients median ${ms(b.frameMedian)}, p95 ${ms(b.frameP95)}, max ${ms(b.frameMax)}; ${SMALL} clients median ${ms(s.frameMedian)}, p95 ${ms(s.frameP95)}, max ${ms(s.frameMax)} (${b.frames} / ${s.frames} frames)`);
  const rows: ResultRow[] = [
    { figure: "first rows: list received by the page → rows rendered", warden: `${ms(b.firstRows)} (10,000)`, baseline: `${ms(s.firstRows)} (100)`, ratio: `${times(b.firstRows / s.firstRows)} (10,000 / 100)`, target: `≤ ${FIRST_ROWS_TARGET_MS} ms`, met: met(b.firstRows <= FIRST_ROWS_TARGET_MS) },
    { figure: "sign-in → rows rendered (server, network and core included)", warden: `${ms(b.signInToRows)} (10,000)`, baseline: `${ms(s.signInToRows)} (100)`, ratio: `${times(b.signInToRows / s.signInToRows)} (10,000 / 100)`, target: "none set", met: "—" },
    { figure: "long tasks while scrolling top to bottom", warden: lt(b), baseline: lt(s), ratio: "—", target: `none over ${LONG_TASK_MS} ms`, met: met(b.longTaskCount === 0) },
    { figure: "frame time while scrolling (rAF delta): median / p95 / max", warden: `${ms(b.frameMedian)} / ${ms(b.frameP95)} / ${ms(b.frameMax)}`, baseline: `${ms(s.frameMedian)} / ${ms(s.frameP95)} / ${ms(s.frameMax)}`, ratio: `${times(b.frameP95 / s.frameP95)} (p95, 10,000 / 100)`, target: "none set (16.7 ms = 60 fps)", met: "—" },
  ];
  const notes = [
    `Scrolling: ${SCROLL_STEP} px per animation frame (ten 800 px viewports), so every frame shows only rows that were not in the DOM the frame before — faster than any hand scrolls, and the most work a frame can get. The 10,000-client list is ${Math.round(b.height).toLocaleString("en-US")} px tall and took ${b.frames / RENDER_RUNS} frames (${ms(b.scrollMs)}) top to bottom; the 100-client list bounced between its top and bottom for the same number of frames.`,
    "The list comes from the real core through the real host and UI; its 10,000 entries are synthetic (mod_test_client_management's `many-clients` mode: uniform entries named \"Hostile N\" / \"Device N\", all offline, with timestamps and `<fast/>`). This device is not among them.",
  ];
  return { rows, notes };
}

/** The page errors since `from`, as a note for the section they happened in. */
function pageErrorsNote(from: number): string[] {
  const errors = [...new Set(pageErrors.slice(from))];
  return errors.length > 0 ? [`Uncaught errors in the page: ${errors.join("; ")}`] : [];
}

async function main(): Promise<void> {
  server = await startTestServer();
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  try {
    const version = browser.version();
    if (process.env.BENCH_RESULTS_DIR) saveSection("chromium", { order: 99, title: "chromium", method: [version], runs: "", rows: [], notes: [] });
    if (!RENDER_ONLY) {
      const errorsBefore = pageErrors.length;
      const list = await timeToList();
      saveSection("time-to-list", {
        order: 3,
        title: "Time to list (browser mode)",
        method: [
          "Real core (`createClientManager`, own settings dir and keychain service) behind `startWebHost`, the renderer built by Vite into a temp dir, Debian's Chromium via playwright-core, the test Prosody with Nagle on (its default), STARTTLS on loopback.",
          "One clock: epoch milliseconds — Node's `Date.now()` for the core's moments, and the page's performance marks converted with `performance.timeOrigin + startTime` (read by Playwright). Rows rendered is the renderer's `warden:list-rendered` mark: the first rows on screen after the page loads, and after each submitted sign-in. The page receiving *online* or a list is marked by a listener injected before the app's scripts, ahead of the app's own handler.",
          "Password: a fresh install, the form filled, then *Sign in* pressed (`warden:sign-in-start`, set on submit) → rows rendered. Baseline, same run: → the page receiving *online* over its WebSocket.",
          "FAST relaunch: a new core, host and page on the install a password sign-in remembered, launched as web/main.ts and electron/main.ts do it: the core is created, the host started, then `manager.resumeRemembered()` is called — the start (the core alone decides to resume; the UI does not sign in) — and the page is opened at the launch URL at once, concurrently with the resume, because both hosts open their window right after calling it without waiting: the page never loads before the resume has begun, and its load is part of what the user waits for. The browser is already running with a blank tab, as when browser mode opens a tab in the user's browser. Warden: start → rows rendered. Baseline, same run: start → the page receiving the account's *online* (a `state-changed` event, or the state in `getState`'s answer, whichever comes first): the moment a user could first see the account online. Also given against the core's own *online* (its `state-changed` event in Node), which does not wait for the page to load.",
        ],
        runs: `${LIST_RUNS} per mode, after 1 warm-up`,
        rows: list.rows,
        notes: [...list.notes, ...pageErrorsNote(errorsBefore)],
      });
    }
    if (!LIST_ONLY) {
      const errorsBefore = pageErrors.length;
      const render = await rendering();
      saveSection("rendering", {
        order: 4,
        title: "Rendering 10,000 clients (browser mode)",
        method: [
          "Same setup as time to list; the account's list is 10,000 entries served by the test Prosody. Password sign-in through the form for every run (fresh install).",
          "First rows: the page's WebSocket delivering the first message that carries the list (injected listener, before the app's handler) → `warden:list-rendered`. The sign-in → rows figure is given too.",
          `Scrolling: once no list message has reached the page for ${LIST_QUIET_MS} ms (the core pushes the list after a sign-in; the UI may fetch one too), \`window.scrollBy\` in a \`requestAnimationFrame\` loop from top to bottom; long tasks from a \`PerformanceObserver\` of type \`longtask\` registered before the app loaded; frame times are the deltas between animation frames.`,
          `Baseline: the same with a ${SMALL}-client list, alternating with the 10,000 run by run.`,
        ],
        runs: `${RENDER_RUNS} per list size (frame times pooled over all runs)`,
        rows: render.rows,
        notes: [...render.notes, ...pageErrorsNote(errorsBefore)],
      });
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

await main();
