// End-to-end fixture for browser mode: a real Prosody per test file, and per test a real core
// (fresh settings dir + its own keychain service in the real gnome-keyring) behind web/host.ts,
// with Debian's Chromium (playwright-core) opened at the one-time launch URL.
//
//   const e2e = useBrowserMode();               // registers beforeAll/afterEach/afterAll
//   const warden = await e2e.open();           // host + core + page at the token URL
//   await signInThroughUi(warden.page, e2e.server, account);
//   await warden.quit();                       // Warden stops; what it remembers stays…
//   await e2e.open({ install: warden.install }); // …and a relaunch resumes it, as web/main.ts does
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { createClientManager, type ClientManager } from "../../src/core/client-manager.js";
import type { AccountState } from "../../src/shared/index.js";
import { createOsKeychain } from "../../src/core/credentials/keychain.js";
import { createFileRecordsBeside } from "../../src/core/records/file-records.js";
import { createConfSettingsStore } from "../../src/core/settings/conf-settings-store.js";
import { startWebHost, type WebHost } from "../../web/host.js";
import { startTestServer, type TestServer } from "../server/prosody-test-server.js";
import { STATIC_DIR_ENV } from "./build-renderer.js";
import { signInThroughUi, type SignInOptions } from "./sign-in-form.js";
import { recordNotifications } from "./notification-recorder.js";
import type { PageDocument, PageElement, PageMutationObserverConstructor } from "./page-dom.js";

// Globals of the page, for page.evaluate callbacks (see page-dom.ts).
declare const document: PageDocument;
declare const MutationObserver: PageMutationObserverConstructor;
declare const Event: new (type: string) => unknown;
type PageEventTarget = { dispatchEvent(event: unknown): boolean };

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The renderer, built once per run by test/e2e/build-renderer.ts (globalSetup) into its own folder. */
function staticDir(): string {
  const dir = process.env[STATIC_DIR_ENV];
  if (!dir) throw new Error(`${STATIC_DIR_ENV} is not set: run the e2e tests with \`npx vitest run --project e2e\` (its globalSetup builds the renderer)`);
  return dir;
}
export const SCREENSHOT_DIR = join(ROOT, "test-results", "screenshots");

/** How long a user-visible change may take to show (sign-in to a local Prosody takes well under 1 s). */
export const UI_TIMEOUT_MS = 15_000;

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

/** What survives a restart of Warden: its settings folder and its keychain service. */
export type Install = { settingsDir: string; keychainService: string };

export type Warden = {
  install: Install;
  host: WebHost;
  manager: ClientManager;
  /** Everything the core logged (kept off the test output). */
  log: string[];
  context: BrowserContext;
  page: Page;
  /** The launch URL the page was opened with (spent by then). */
  launchUrl: string;
  /** Uncaught exceptions in the page; checked empty after every test. */
  pageErrors: string[];
  /** console.error lines from the page (a refused request logs one; tests look at these themselves). */
  consoleErrors: string[];
  /** Quits Warden as a user would (page, host, core), keeping what it remembers for a relaunch. */
  quit(): Promise<void>;
};

export type BrowserMode = {
  readonly server: TestServer;
  readonly browser: Browser;
  /**
   * A core, host, browser context and page, opened at the launch URL: a fresh install, or a relaunch
   * of `install` (the core resumes its remembered accounts, as web/main.ts has it do at start).
   */
  open(options?: {
    openPage?: boolean;
    install?: Install;
    viewport?: { width: number; height: number };
    locale?: string;
    /** Notifications allowed for the page (as a user who said yes) and recorded (notification-recorder.ts). */
    notifications?: boolean;
  }): Promise<Warden>;
  /** An account on `domain` (default: the server's main domain) with a random password; `name` starts its localpart. */
  account(domain?: string, name?: string): Promise<{ jid: string; password: string }>;
};

/** Registers the hooks of one e2e test file and returns its handles. */
export function useBrowserMode(): BrowserMode {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const teardowns: (() => Promise<void>)[] = [];
  const opened: Warden[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  });

  afterEach(async () => {
    const errors = opened.flatMap((w) => w.pageErrors);
    opened.length = 0;
    // Newest first: page, then host, then core, then the temp dir.
    for (const teardown of teardowns.splice(0).reverse()) await teardown().catch(() => {});
    expect(errors, "uncaught errors in the page").toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const handles: BrowserMode = {
    get server() {
      if (!server) throw new Error("the test server is not running");
      return server;
    },
    get browser() {
      if (!browser) throw new Error("Chromium is not running");
      return browser;
    },
    async account(domain, name = "user") {
      return handles.server.createAccount(`${name}-${randomUUID().slice(0, 4)}`, domain);
    },
    async open(options = {}) {
      const relaunch = options.install !== undefined;
      let install = options.install;
      if (!install) {
        install = { settingsDir: await mkdtemp(join(tmpdir(), "warden-e2e-")), keychainService: `warden-test-${randomUUID()}` };
        const { settingsDir } = install;
        teardowns.push(() => rm(settingsDir, { recursive: true, force: true }));
      }
      const settings = createConfSettingsStore({ cwd: install.settingsDir });
      const log: string[] = [];
      const manager = createClientManager({
        settings,
        keychain: createOsKeychain(install.keychainService),
        records: createFileRecordsBeside(settings.location),
        log: (level, message) => log.push(`${level} ${message}`),
      });
      teardowns.push(async () => {
        // Take this test's tokens out of the keyring too, then stop the core.
        await withTimeout(removeEveryAccount(manager), 5_000).catch(() => {});
        await manager.dispose();
      });
      const host = await startWebHost({ manager, staticDir: staticDir() });
      teardowns.push(() => host.close());
      // Where web/main.ts starts it: once the host listens, before anyone opens the page.
      void manager.resumeRemembered();
      const context = await handles.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, colorScheme: "light", deviceScaleFactor: 1, locale: options.locale ?? "en-US" });
      context.setDefaultTimeout(UI_TIMEOUT_MS);
      teardowns.push(() => context.close());
      if (options.notifications) await recordNotifications(context, new URL(host.url).origin);
      const page = await context.newPage();
      const quit = async () => {
        await context.close();
        await host.close();
        await manager.dispose();
      };
      const warden: Warden = { install, host, manager, log, context, page, launchUrl: host.url, pageErrors: [], consoleErrors: [], quit };
      page.on("pageerror", (error) => warden.pageErrors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") warden.consoleErrors.push(message.text());
      });
      opened.push(warden);
      if (options.openPage ?? true) {
        const response = await page.goto(host.url);
        if (response?.status() !== 200) throw new Error(`the launch URL answered ${response?.status() ?? "nothing"}`);
        if (relaunch) await page.getByRole("navigation", { name: "Accounts" }).waitFor();
        // The first-run form, in whatever language the browser asked for.
        else await page.locator("form.sign-in-form h1").waitFor();
      }
      return warden;
    },
  };
  return handles;
}

async function removeEveryAccount(manager: ClientManager): Promise<void> {
  const state = await manager.getState();
  if (!state.ok) return;
  for (const { jid } of state.value.accounts) await manager.removeAccount({ jid });
}

/** An account's state as the core has it; undefined when this device doesn't know the account. */
export async function accountState(manager: ClientManager, jid: string): Promise<AccountState | undefined> {
  const state = await manager.getState();
  if (!state.ok) throw new Error(`getState failed: ${JSON.stringify(state.error)}`);
  return state.value.accounts.find((account) => account.jid === jid)?.state;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms).unref())]);
}

export { signInThroughUi, type SignInOptions } from "./sign-in-form.js";

/** Signs in through the UI and waits until the account screen lists this device, connected. */
export async function signInAndWaitForList(page: Page, server: TestServer, account: { jid: string; password: string }, options: SignInOptions = {}): Promise<void> {
  await signInThroughUi(page, server, account, options);
  await connectionBadge(page, "online").waitFor();
  await thisDevice(page).waitFor();
}

export function clientList(page: Page): Locator {
  return page.getByRole("list", { name: "Clients" });
}

export function clientEntries(page: Page): Locator {
  return clientList(page).getByRole("article");
}

/** The list entry of a client, by its accessible name ("<software> <device>", substring). */
export function clientEntry(page: Page, name: string): Locator {
  return clientList(page).getByRole("article", { name });
}

export function thisDevice(page: Page): Locator {
  return clientEntries(page).filter({ has: page.getByText("This device", { exact: true }) });
}

export function connectionBadge(page: Page, connection: "online" | "connecting" | "reconnecting" | "offline"): Locator {
  return page.locator(`.account-header [data-connection="${connection}"]`);
}

export function counts(page: Page): Locator {
  return page.locator(".clients-panel .counts");
}

/** What a user reads in an element (innerText: visible text, collapsed). */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, " ").trim();
}

/** Retries `read` until `matches` or the UI timeout; for values that aren't a single locator state. */
export async function eventually<T>(read: () => Promise<T>, matches: (value: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  await expect
    .poll(
      async () => {
        last = await read();
        return matches(last);
      },
      { timeout: UI_TIMEOUT_MS, interval: 100, message: what },
    )
    .toBe(true);
  return last as T;
}

/**
 * Runs `act` and waits until the app says `words` in its live region (what a screen-reader user
 * hears), watching from before `act` so that a quick announcement is not missed.
 */
export async function expectAnnouncement(page: Page, words: string, act: () => Promise<void>): Promise<void> {
  const announced = page.evaluate(
    ([expected, timeout]) =>
      new Promise<boolean>((resolve) => {
        const region = document.querySelector("[data-announcer]");
        if (!region) return resolve(false);
        const observer = new MutationObserver(() => {
          if (region.textContent === expected) {
            observer.disconnect();
            resolve(true);
          }
        });
        observer.observe(region, { childList: true, characterData: true, subtree: true });
        setTimeout(() => {
          observer.disconnect();
          resolve(false);
        }, timeout);
      }),
    [words, UI_TIMEOUT_MS] as const,
  );
  await act();
  expect(await announced, `the app announced “${words}”`).toBe(true);
}

/**
 * Clicks the header's Refresh and waits for the refresh to finish: the app then says "Client list
 * refreshed." in its live region.
 */
export async function refresh(page: Page): Promise<void> {
  await expectAnnouncement(page, "Client list refreshed.", () =>
    page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Refresh" }).click(),
  );
}

/** Presses Refresh until `read` shows what we expect: the server may need a moment to notice a client left. */
export async function refreshUntil(page: Page, read: () => Promise<string>, matches: (text: string) => boolean, what: string): Promise<string> {
  return eventually(
    async () => {
      await refresh(page);
      return read();
    },
    matches,
    what,
  );
}

/**
 * Saves a 1280×800 screenshot to test-results/screenshots/NAME.png, after checking that no secret is
 * on screen: not in the page's text, not in any field's value, not in the address.
 */
export async function screenshot(page: Page, name: string, secrets: readonly string[]): Promise<string> {
  await assertNoSecretsShown(page, secrets);
  // The CSP refuses injected styles (style-src 'self'), so no stylesheet tricks: Playwright hides
  // the caret and finishes CSS animations itself.
  // The pointer off every control, so nothing is shown hovered.
  await page.mouse.move(0, 0);
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, animations: "disabled", caret: "hide" });
  return path;
}

/**
 * The README's pictures: NAME.png in the light scheme and NAME-dark.png in the dark one, under
 * test-results/screenshots/docs/ (copied to docs/ by hand when they are retaken). The page is left light.
 */
export async function docsScreenshots(page: Page, name: string, secrets: readonly string[]): Promise<void> {
  await screenshot(page, `docs/${name}`, secrets);
  await page.emulateMedia({ colorScheme: "dark" });
  try {
    await screenshot(page, `docs/${name}-dark`, secrets);
  } finally {
    await page.emulateMedia({ colorScheme: "light" });
  }
}

export async function assertNoSecretsShown(page: Page, secrets: readonly string[]): Promise<void> {
  const shown = await page.evaluate(() => ({
    text: document.body.innerText,
    values: [...document.querySelectorAll("input, textarea")].map((field) => field.value ?? ""),
    title: document.title,
  }));
  const url = page.url();
  for (const secret of secrets.filter((s) => s.length > 0)) {
    expect(shown.text.includes(secret), "a secret is in the page's text").toBe(false);
    expect(shown.values.some((v) => v.includes(secret)), "a secret is in a field").toBe(false);
    expect(shown.title.includes(secret) || url.includes(secret), "a secret is in the title or address").toBe(false);
  }
}

/** The launch token of a host's URL. */
export function tokenOf(url: string): string {
  return new URL(url).searchParams.get("token") ?? "";
}

/** Which element has focus, described as a user's screen reader would name it. */
export async function focused(page: Page): Promise<{ tag: string; name: string }> {
  return page.evaluate(() => {
    const element: PageElement | null = document.activeElement;
    if (!element) return { tag: "", name: "" };
    const name = element.getAttribute("aria-label") ?? element.innerText ?? "";
    return { tag: element.tagName.toLowerCase(), name: name.replace(/\s+/g, " ").trim() };
  });
}

/**
 * The page hidden or shown again, as when the user switches tabs. Headless Chromium never hides a
 * page, so this stands in for the browser: it sets what document.visibilityState answers and fires
 * the visibilitychange event the browser would.
 */
export async function setPageVisibility(page: Page, visible: boolean): Promise<void> {
  await page.evaluate((state) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
    (document as unknown as PageEventTarget).dispatchEvent(new Event("visibilitychange"));
  }, visible ? "visible" : "hidden");
}
