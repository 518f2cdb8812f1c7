// Browser-mode benchmarks, with the real core behind web/host.ts, the built renderer and Debian's
// Chromium (playwright-core), against the test Prosody (Nagle on, its default):
//
// - Time to list: "sign in" (the renderer's `warden:sign-in-start` mark) to the first rendered
//   rows (`warden:list-rendered`), for a password sign-in through the form and for a FAST relaunch
//   (a new core, host and page on the same settings dir and keychain service: the UI signs in by
//   itself because the signed-out state carries `lastAccount: { resume: true }`). Baseline, in the
//   same run and on the page's clock: the moment the page receives the core's "online" — so the
//   ratio is the share the list request, the bridge and the UI add on top of time to online.
// - Rendering: an account whose list is 10,000 synthetic clients (the test module's
//   "many-clients" mode on hostile.localhost), real core and real UI. First rows: from the list
//   arriving over the page's WebSocket to `warden:list-rendered`. Then long tasks
//   (PerformanceObserver "longtask") and frame times (requestAnimationFrame deltas) while
//   scrolling top to bottom. Baseline: the same with a 100-client list, alternating run by run.
//
// Needs bench/run.mjs's environment (test CA, keyring) and BENCH_STATIC_DIR (the built renderer).
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createClientManager, type ClientManager } from "../src/core/client-manager.js";
import { createOsKeychain, fastTokenKey } from "../src/core/credentials/index.js";
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
const LONG_TASK_MS = 50;
const TIMEOUT_MS = 60_000;
const VERBOSE = process.env.BENCH_VERBOSE === "1";
/** BENCH_RENDER_ONLY=1: only the rendering part (no time to list), e.g. while working on the UI. */
const RENDER_ONLY = process.env.BENCH_RENDER_ONLY === "1";

// The page's globals, for the function predicates below (a string predicate would need 'unsafe-eval',
// which the page's CSP refuses; functions and string evaluations go through DevTools instead).
declare const window: { __bench: { listMessages: number } };

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"];

/**
 * Injected before the page's own scripts (DevTools injection, not subject to the page's CSP):
 * collects long tasks from the start, and marks when the page's WebSocket delivers the first
 * "online" and the first client list — before the app's own handler sees them.
 */
const INIT_SCRIPT = `(() => {
  const bench = (window.__bench = { longTasks: [], listMessages: 0 });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {}
  const Native = window.WebSocket;
  const once = (name, t) => { if (performance.getEntriesByName(name).length === 0) performance.mark(name, { startTime: t }); };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const t = performance.now();
        const data = event.data;
        if (typeof data !== "string") return;
        if (data.length < 4000 && data.includes('"status":"online"')) once("bench:online", t);
        else if (data.includes('"clients":[')) {
          bench.listMessages += 1;
          once("bench:list-received", t);
        }
      });
    }
  };
})();`;

interface Marks {
  start: number;
  online: number;
  received: number;
  rendered: number;
}

const READ_MARKS = `(() => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  return { start: at("warden:sign-in-start"), online: at("bench:online"), received: at("bench:list-received"), rendered: at("warden:list-rendered") };
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
  pageErrors: string[];
}

interface Install {
  dir: string;
  service: string;
}

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];

async function newInstall(): Promise<Install> {
  return { dir: await mkdtemp(join(tmpdir(), "warden-bench-ui-")), service: `warden-bench-${randomUUID()}` };
}

/** A launch of the app: core on the install, host, a fresh browser context at the launch URL. */
async function open(install: Install): Promise<Opened> {
  const manager = createClientManager({ settings: createConfSettingsStore({ cwd: install.dir }), keychain: createOsKeychain(install.service), log: quiet });
  const staticDir = process.env.BENCH_STATIC_DIR;
  if (!staticDir) throw new Error("BENCH_STATIC_DIR is not set: run through `npm run bench`");
  const host = await startWebHost({ manager, staticDir });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "light", deviceScaleFactor: 1, locale: "en-US" });
  context.setDefaultTimeout(TIMEOUT_MS);
  await context.addInitScript({ content: INIT_SCRIPT });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => {
    errors.push(error.message);
    pageErrors.push(error.message);
  });
  const response = await page.goto(host.url);
  if (response?.status() !== 200) throw new Error(`the launch URL answered ${response?.status() ?? "nothing"}`);
  return { manager, host, context, page, pageErrors: errors };
}

/** Closes page, host and core; `forget` also signs out and removes the install. */
async function close(o: Opened, install: Install, forget: boolean): Promise<void> {
  await o.context.close().catch(() => undefined);
  await o.host.close().catch(() => undefined);
  if (forget) {
    await o.manager.signOut({ forgetCredentials: true }).catch(() => undefined);
    await o.manager.dispose().catch(() => undefined);
    await rm(install.dir, { recursive: true, force: true });
  } else {
    await o.manager.dispose().catch(() => undefined);
  }
}


async function waitForMarks(page: Page): Promise<Marks> {
  await page.waitForFunction(() => performance.getEntriesByName("warden:list-rendered").length > 0, undefined, { timeout: TIMEOUT_MS, polling: 10 });
  const marks = (await page.evaluate(READ_MARKS)) as { [K in keyof Marks]: number | null };
  for (const [name, value] of Object.entries(marks)) if (value === null) throw new Error(`mark missing: ${name}`);
  return marks as Marks;
}

// ---- time to list -------------------------------------------------------------------------------

interface ListSample {
  list: number;
  online: number;
}

async function passwordRun(account: { jid: string; password: string }): Promise<ListSample> {
  const install = await newInstall();
  const o = await open(install);
  try {
    await signInThroughUi(o.page, server, account);
    const m = await waitForMarks(o.page);
    return { list: m.rendered - m.start, online: m.online - m.start };
  } finally {
    await close(o, install, true);
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

async function fastRun(install: Install, jid: string, previous: string | null): Promise<ListSample & { token: string | null }> {
  const o = await open(install);
  try {
    // No form: the UI signs in by itself on launch.
    const m = await waitForMarks(o.page);
    const token = await tokenSaved(install, jid, previous);
    return { list: m.rendered - m.start, online: m.online - m.start, token };
  } finally {
    await close(o, install, false);
  }
}

async function timeToList(): Promise<ResultRow[]> {
  const account = await server.createAccount(`ui-${randomUUID().slice(0, 8)}`);
  const password: ListSample[] = [];
  for (let i = 0; i < LIST_RUNS + 1; i += 1) {
    const s = await passwordRun(account);
    if (VERBOSE) console.log(`  password #${i}${i === 0 ? " (warm-up)" : ""}: list ${ms(s.list)}, online ${ms(s.online)}`);
    if (i > 0) password.push(s);
  }

  // FAST: one password sign-in (remembered), then relaunches that sign in by themselves.
  const install = await newInstall();
  const first = await open(install);
  await signInThroughUi(first.page, server, account);
  await waitForMarks(first.page);
  let token = await tokenSaved(install, account.jid, null);
  await close(first, install, false);
  if (!token) throw new Error("no FAST token was stored after the password sign-in");
  const fast: ListSample[] = [];
  try {
    for (let i = 0; i < LIST_RUNS + 1; i += 1) {
      const s = await fastRun(install, account.jid, token);
      token = s.token;
      if (VERBOSE) console.log(`  fast #${i}${i === 0 ? " (warm-up)" : ""}: list ${ms(s.list)}, online ${ms(s.online)}`);
      if (i > 0) fast.push(s);
    }
  } finally {
    const last = createClientManager({ settings: createConfSettingsStore({ cwd: install.dir }), keychain: createOsKeychain(install.service), log: quiet });
    await last.signOut({ forgetCredentials: true }).catch(() => undefined);
    await last.dispose();
    await rm(install.dir, { recursive: true, force: true });
  }

  const rows: ResultRow[] = [];
  for (const [mode, samples] of [["password", password], ["FAST relaunch", fast]] as const) {
    const list = median(samples.map((s) => s.list));
    const online = median(samples.map((s) => s.online));
    const ratio = median(samples.map((s) => s.list / s.online));
    console.log(`time to list ${mode}: sign-in → list rendered ${ms(list)}, sign-in → online in the page ${ms(online)}, ${times(ratio)} time to online`);
    rows.push({ figure: `${mode} (Nagle on)`, warden: `${ms(list)} to list rendered`, baseline: `${ms(online)} to online`, ratio: `${times(ratio)} (list / online, median of per-run ratios)`, target: "none set", met: "—" });
  }
  return rows;
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
    // The core pushes the list after sign-in and the UI fetches it once more: let both land.
    await o.page.waitForFunction(() => window.__bench.listMessages >= 2, undefined, { timeout: TIMEOUT_MS, polling: 50 }).catch(() => undefined);
    await o.page.waitForTimeout(500);
    const scroll = (await o.page.evaluate(scrollScript(bounceFrames))) as ScrollResult;
    return { firstRows: m.rendered - m.received, signInToRows: m.rendered - m.start, scroll };
  } finally {
    await close(o, install, true);
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

async function main(): Promise<void> {
  server = await startTestServer();
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  try {
    const version = browser.version();
    if (process.env.BENCH_RESULTS_DIR) saveSection("chromium", { order: 99, title: "chromium", method: [version], runs: "", rows: [], notes: [] });
    if (!RENDER_ONLY) {
      const listRows = await timeToList();
      saveSection("time-to-list", {
        order: 3,
        title: "Time to list (browser mode)",
        method: [
          "Real core (`createClientManager`, own settings dir and keychain service) behind `startWebHost`, the renderer built by Vite into a temp dir, Debian's Chromium via playwright-core, the test Prosody with Nagle on (its default), STARTTLS on loopback.",
          "Warden: `warden:sign-in-start` → `warden:list-rendered` (the renderer's performance marks, read by Playwright). Password: a fresh install, the form filled, then *Sign in* pressed (the mark is set on submit). FAST: a relaunch — a new core, host and browser context on the same settings dir and keychain service; the UI signs in by itself with the stored token because the signed-out state carries `lastAccount: { resume: true }`.",
          "Baseline, same run, same clock: `warden:sign-in-start` → the page receiving the core's *online* over its WebSocket (marked by an injected listener before the app handles the message). The ratio is what the list request, the bridge and the UI add to time to online.",
        ],
        runs: `${LIST_RUNS} per mode, after 1 warm-up`,
        rows: listRows,
        notes: [],
      });
    }
    const render = await rendering();
    saveSection("rendering", {
      order: 4,
      title: "Rendering 10,000 clients (browser mode)",
      method: [
        "Same setup as time to list; the account's list is 10,000 entries served by the test Prosody. Password sign-in through the form for every run (fresh install).",
        "First rows: the page's WebSocket delivering the first message that carries the list (injected listener, before the app's handler) → `warden:list-rendered`. The sign-in → rows figure is given too.",
        "Scrolling: after both list replies of a sign-in have landed (the core pushes one, the UI fetches one), `window.scrollBy` in a `requestAnimationFrame` loop from top to bottom; long tasks from a `PerformanceObserver` of type `longtask` registered before the app loaded; frame times are the deltas between animation frames.",
        `Baseline: the same with a ${SMALL}-client list, alternating with the 10,000 run by run.`,
      ],
      runs: `${RENDER_RUNS} per list size (frame times pooled over all runs)`,
      rows: render.rows,
      notes: [...render.notes, ...(pageErrors.length > 0 ? [`Uncaught errors in the page: ${[...new Set(pageErrors)].join("; ")}`] : [])],
    });
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

await main();
