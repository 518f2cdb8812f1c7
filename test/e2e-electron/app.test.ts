// The desktop app end to end, with Playwright's Electron driver: the real Electron binary, the real
// main process (dist/electron) and UI (dist/renderer), a real Prosody. Skipped, with one line from
// global-setup.ts, where the Electron binary is not installed.
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { _electron, type ElectronApplication, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildElectron } from "../../electron/build.js";
import { CLIENT_MANAGER_METHODS } from "../../src/shared/api-names.js";
import type { SetPreferencesRequest, WardenState } from "../../src/shared/index.js";
import { startTestServer, type TestServer } from "../server/prosody-test-server.js";
import { signInOtherClient, signOutOtherClient, type OtherClient } from "../server/other-client.js";
import { findElectronBinary } from "./electron-binary.js";
import { signInThroughUi } from "../e2e/sign-in-form.js";

const ROOT = resolve(import.meta.dirname, "../..");
const electron = findElectronBinary();
const GRANT_NAME = "Old Backup App";

type Exposed = {
  clientManager: Record<string, unknown> & {
    removeAccount(request: { jid: string }): Promise<unknown>;
    setPreferences(request: SetPreferencesRequest): Promise<{ ok: boolean }>;
    getState(): Promise<{ ok: true; value: WardenState }>;
  };
};
/** What the main process keeps of each notification it showed (see the test that records them). */
type Shown = { title: string; body: string; emit(event: "click"): void };

describe.skipIf(!electron.found)("Warden desktop app (Electron)", () => {
  let server: TestServer;
  let account: { jid: string; password: string };
  let other: OtherClient;
  let app: ElectronApplication;
  let page: Page;
  let userData: string;
  let launchArgs: string[];
  let launchEnv: Record<string, string>;
  const newPassword = `new-${randomUUID()}`;

  beforeAll(async () => {
    if (!electron.found) return;
    const renderer = spawnSync("npx", ["vite", "build", "--config", "renderer/vite.config.ts", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
    if (renderer.status !== 0) throw new Error("the renderer did not build");
    await buildElectron();

    server = await startTestServer();
    account = await server.createAccount(`e2e-${randomUUID().slice(0, 8)}`);
    await server.createGrant(account.jid, { name: GRANT_NAME });
    other = await signInOtherClient(server, account, { uaId: randomUUID(), software: "Conversations", device: "Pixel" });

    userData = mkdtempSync(join(tmpdir(), "warden-e2e-electron-"));
    launchArgs = [
      // Chromium refuses to start as root with its OS sandbox (CI runs as root in a container);
      // the renderer is still sandboxed in Electron's sense (sandbox: true, no Node in the preload).
      ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
      ROOT,
      `--warden-user-data-dir=${userData}`,
      `--warden-keychain-service=warden-test-${randomUUID()}`,
    ];
    // NODE_EXTRA_CA_CERTS (set by the global setup) makes the main process trust the test CA; the
    // Linux autostart entry goes to a folder of the test's own.
    launchEnv = { ...process.env, XDG_CONFIG_HOME: join(userData, "xdg-config") } as Record<string, string>;
    app = await _electron.launch({ executablePath: electron.path, args: launchArgs, cwd: ROOT, env: launchEnv });
    page = await app.firstWindow();
    await page.waitForLoadState("domcontentloaded");
  });

  afterAll(async () => {
    // Removing the account deletes its keychain entry: nothing outlives the test.
    await page?.evaluate((jid) => (globalThis as unknown as Exposed).clientManager.removeAccount({ jid }), account.jid).catch(() => undefined);
    await app?.close().catch(() => undefined);
    if (other) await signOutOtherClient(other).catch(() => undefined);
    await server?.stop();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it("loads the UI from app://warden in one window, with the CSP header", async () => {
    const window = await app.evaluate(({ BrowserWindow }) => {
      const all = BrowserWindow.getAllWindows();
      return { count: all.length, url: all[0]?.webContents.getURL() };
    });
    expect(window).toEqual({ count: 1, url: "app://warden/index.html" });
    const csp = await page.evaluate(async () => (await fetch("app://warden/index.html")).headers.get("content-security-policy"));
    expect(csp).toContain("default-src 'none'");
  });

  // nodeIntegration off and contextIsolation on, as the page sees them.
  it("exposes exactly window.clientManager to the page, and no Node or Electron", async () => {
    const exposed = await page.evaluate(() => {
      const w = globalThis as unknown as Exposed & Record<string, unknown>;
      return { keys: Object.keys(w.clientManager).sort(), require: typeof w.require, process: typeof w.process, ipcRenderer: "ipcRenderer" in w };
    });
    expect(exposed).toEqual({
      keys: [...CLIENT_MANAGER_METHODS, "on"].sort(),
      require: "undefined",
      process: "undefined",
      ipcRenderer: false,
    });
  });

  it("refuses navigation and new windows", async () => {
    await page.evaluate(() => {
      const w = globalThis as unknown as { open(url: string): unknown; location: { href: string } };
      w.open("http://example.org/");
      w.location.href = "http://example.org/";
    });
    await page.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toBe("app://warden/index.html");
  });

  it("signs in against the test server and lists the clients with connected indicators", async () => {
    await signInThroughUi(page, server, account);
    await page.getByRole("heading", { name: account.jid }).waitFor({ timeout: 20_000 });

    const list = page.getByRole("list", { name: "Clients" });
    await expect.poll(() => list.getByRole("article").count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const phone = list.getByRole("article").filter({ hasText: "Conversations" });
    await expect.poll(() => phone.textContent()).toContain("Connected");
    const thisDevice = list.getByRole("article").filter({ hasText: "This device" });
    await expect.poll(() => thisDevice.textContent()).toContain("Connected");
    await expect.poll(() => list.getByRole("article").filter({ hasText: GRANT_NAME }).count()).toBe(1);
  });

  it("revokes a grant", async () => {
    await page.getByRole("button", { name: new RegExp(`^Revoke ${GRANT_NAME}`) }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
    await expect.poll(() => dialog.textContent(), { timeout: 15_000 }).toMatch(/Access revoked/);
    await dialog.getByRole("button", { name: "Done" }).click();
    const list = page.getByRole("list", { name: "Clients" });
    await expect.poll(() => list.getByRole("article").filter({ hasText: GRANT_NAME }).count(), { timeout: 15_000 }).toBe(0);
  });

  it("changes the password, and the server takes the new one", async () => {
    await page.getByRole("button", { name: "Change password…" }).click();
    await page.getByLabel("Current password").fill(account.password);
    await page.getByLabel("New password").fill(newPassword);
    await page.getByLabel("Confirm password").fill(newPassword);
    await page.getByRole("button", { name: "Change password", exact: true }).click();
    await expect.poll(() => page.getByText("Your password was changed.").count(), { timeout: 20_000 }).toBe(1);

    const check = await signInOtherClient(server, { jid: account.jid, password: newPassword }, { uaId: randomUUID(), software: "Checker" });
    await signOutOtherClient(check);
  });

  it("announces a new sign-in with a notification whose click shows that entry with its revoke button focused", async () => {
    // Electron's notifications can't be clicked from outside: record each one the main process shows.
    await app.evaluate(({ Notification }) => {
      const record = globalThis as unknown as { wardenShown: unknown[] };
      record.wardenShown = [];
      const show = Notification.prototype.show;
      Notification.prototype.show = function (this: Electron.Notification) {
        record.wardenShown.push(this);
        show.call(this);
      };
    });
    const newcomer = await signInOtherClient(server, { jid: account.jid, password: newPassword }, { uaId: randomUUID(), software: "Dino", device: "Workstation" });
    try {
      // The watch lists about every 30 s while the window is visible.
      const titles = () => app.evaluate(() => (globalThis as unknown as { wardenShown: Shown[] }).wardenShown.map((n) => `${n.title} | ${n.body}`));
      await expect.poll(titles, { timeout: 50_000, interval: 1_000 }).toContain(`New sign-in to ${account.jid} | Dino on Workstation`);

      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());
      await app.evaluate(() => (globalThis as unknown as { wardenShown: Shown[] }).wardenShown.find((n) => n.body === "Dino on Workstation")?.emit("click"));
      await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible())).toBe(true);
      const focused = page.locator(":focus");
      await expect.poll(async () => `${(await focused.getAttribute("aria-label")) ?? ""} ${(await focused.textContent()) ?? ""}`).toMatch(/Dino/);
      expect(await focused.evaluate((element) => element.tagName)).toBe("BUTTON");
    } finally {
      await signOutOtherClient(newcomer);
    }
  }, 90_000);

  it("keeps running in the tray when the window is closed with keep watching on", async () => {
    const set = await page.evaluate((request) => (globalThis as unknown as Exposed).clientManager.setPreferences(request), { keepWatchingWhenClosed: true });
    expect(set.ok).toBe(true);
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    // Still running, the window hidden rather than destroyed; the page stays loaded and signed in.
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => ({ visible: window.isVisible(), destroyed: window.isDestroyed() }))))
      .toEqual([{ visible: false, destroyed: false }]);
    const state = await page.evaluate(() => (globalThis as unknown as Exposed).clientManager.getState());
    expect(state.value.accounts.map((view) => view.state.status)).toContain("signed-in");
  });

  it("a second launch shows the first one's window and exits", async () => {
    const second = spawn(electron.found ? electron.path : "", launchArgs, { cwd: ROOT, env: launchEnv, stdio: "ignore" });
    const [code] = (await once(second, "exit")) as [number | null];
    expect(code).toBe(0);
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.isVisible())), { timeout: 15_000 })
      .toEqual([true]);
  });

  it("registers Warden to start at login when asked, and removes it when not", async () => {
    const setStartAtLogin = (startAtLogin: boolean) =>
      page.evaluate((request) => (globalThis as unknown as Exposed).clientManager.setPreferences(request), { startAtLogin });
    // What the OS would start at login: Electron's login item (macOS, Windows, given the same command), the XDG autostart entry (Linux).
    const registered = async (): Promise<boolean> => {
      if (process.platform === "darwin" || process.platform === "win32") {
        return app.evaluate(({ app: electronApp }) => electronApp.getLoginItemSettings({ path: process.execPath, args: [electronApp.getAppPath(), "--hidden"] }).openAtLogin);
      }
      const entry = join(launchEnv.XDG_CONFIG_HOME ?? "", "autostart", "warden.desktop");
      return existsSync(entry) && readFileSync(entry, "utf8").includes('"--hidden"');
    };
    try {
      expect(await registered()).toBe(false);
      expect((await setStartAtLogin(true)).ok).toBe(true);
      await expect.poll(registered).toBe(true);
      const state = await page.evaluate(() => (globalThis as unknown as Exposed).clientManager.getState());
      expect(state.value.preferences.background?.startAtLogin).toBe(true);
    } finally {
      await setStartAtLogin(false);
    }
    await expect.poll(registered).toBe(false);
  });
});
