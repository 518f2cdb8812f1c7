// The desktop shell end to end, with Playwright's Electron driver: the real Electron binary, the real
// main process (dist/electron) and UI (dist/renderer), built by global-setup.ts. Nothing here needs
// the XMPP server (signed-in.test.ts does), so it runs on Linux, macOS and Windows alike. Each test
// starts Warden afresh: its own user-data folder, keychain service and autostart folder. Skipped,
// with one line from global-setup.ts, where the Electron binary is not installed.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APP_ENTRY_URL } from "../../electron/app-protocol.js";
import { UNTRUSTED_SENDER } from "../../electron/ipc-handlers.js";
import { CLIENT_MANAGER_METHODS } from "../../src/shared/api-names.js";
import type { ClientManagerApi } from "../../src/shared/api.js";
import type { SetPreferencesRequest } from "../../src/shared/index.js";
import { findElectronBinary } from "./electron-binary.js";
import { launchWarden, PRELOAD_PATH, ROOT, type LaunchedWarden } from "./launch-warden.js";

const electron = findElectronBinary();

/** What the preload exposes to the page. */
type Exposed = { clientManager: ClientManagerApi };

describe.skipIf(!electron.found)("Warden desktop app (Electron)", () => {
  let warden: LaunchedWarden;

  beforeEach(async () => {
    if (!electron.found) return;
    warden = await launchWarden(electron.path);
  });

  afterEach(async () => {
    await warden?.close();
  });

  const setPreferences = (request: SetPreferencesRequest) =>
    warden.page.evaluate((req) => (globalThis as unknown as Exposed).clientManager.setPreferences(req), request);
  const windows = () =>
    warden.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => ({ visible: window.isVisible(), destroyed: window.isDestroyed() })));

  it("opens one window on app://warden showing the sign-in form, with the CSP header", async () => {
    await warden.page.getByRole("heading", { name: "Sign in to your XMPP account" }).waitFor();
    await expect(warden.page.getByRole("textbox", { name: "XMPP address" }).isEditable()).resolves.toBe(true);
    const window = await warden.app.evaluate(({ BrowserWindow }) => {
      const all = BrowserWindow.getAllWindows();
      return { count: all.length, url: all[0]?.webContents.getURL(), visible: all[0]?.isVisible() };
    });
    expect(window).toEqual({ count: 1, url: APP_ENTRY_URL, visible: true });
    const csp = await warden.page.evaluate(async (url) => (await fetch(url)).headers.get("content-security-policy"), APP_ENTRY_URL);
    expect(csp).toContain("default-src 'none'");
  });

  // nodeIntegration off and contextIsolation on, as the page sees them.
  it("exposes exactly window.clientManager to the page, and no Node or Electron", async () => {
    const exposed = await warden.page.evaluate(() => {
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
    await warden.page.evaluate(() => {
      const w = globalThis as unknown as { open(url: string): unknown; location: { href: string } };
      w.open("http://example.org/");
      w.location.href = "http://example.org/";
    });
    // A refused navigation or window leaves no trace to wait for: give either the time to appear.
    await warden.page.waitForTimeout(500);
    expect(warden.app.windows()).toHaveLength(1);
    expect(warden.page.url()).toBe(APP_ENTRY_URL);
  });

  it("answers the API only to its own window: a second window with the same page and preload is refused", async () => {
    // Another webContents showing Warden's own page from Warden's own origin, with the real preload:
    // everything alike but the window, which is what the main process checks.
    const opened = warden.app.waitForEvent("window");
    await warden.app.evaluate(({ BrowserWindow }, { preload, url }) => {
      const intruder = new BrowserWindow({ show: false, webPreferences: { preload, sandbox: true, contextIsolation: true, nodeIntegration: false } });
      void intruder.loadURL(url);
    }, { preload: PRELOAD_PATH, url: APP_ENTRY_URL });
    const intruder = await opened;
    await intruder.waitForLoadState("domcontentloaded");

    const call = () => (globalThis as unknown as Exposed).clientManager.getState();
    await expect(intruder.evaluate(call)).resolves.toEqual({ ok: false, error: UNTRUSTED_SENDER });
    await expect(warden.page.evaluate(call)).resolves.toMatchObject({ ok: true });
  });

  it("serves nothing outside the built renderer over app://", async () => {
    const fetchStatus = (url: string) =>
      warden.page.evaluate(async (target) => {
        const response = await fetch(target);
        return { status: response.status, body: await response.text() };
      }, url);
    // Encoded dot segments, separators and backslashes survive Chromium's URL parsing and reach the
    // handler, which refuses them.
    for (const path of ["..%2fpackage.json", "..%2F..%2Fpackage.json", "%2e%2e%2felectron%2fmain.js", "..%5cpackage.json", "assets%2f..%2f..%2fpackage.json"]) {
      const answer = await fetchStatus(`app://warden/${path}`);
      expect({ path, status: answer.status }).toEqual({ path, status: 403 });
      expect(answer.body).not.toContain('"name": "warden"');
    }
    // Plain dot segments are resolved by Chromium before the request: they stay inside dist/renderer.
    const plain = await fetchStatus("app://warden/../../package.json");
    expect(plain.status).toBe(404);
  });

  it("keeps running in the tray when the window is closed with keep watching on", async () => {
    expect((await setPreferences({ keepWatchingWhenClosed: true })).ok).toBe(true);
    await warden.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    // Still running, the window hidden rather than destroyed, and the core still answering.
    await expect.poll(windows).toEqual([{ visible: false, destroyed: false }]);
    await expect(warden.page.evaluate(() => (globalThis as unknown as Exposed).clientManager.getState())).resolves.toMatchObject({ ok: true });
  });

  it("a second launch shows the first one's window and exits", async () => {
    expect((await setPreferences({ keepWatchingWhenClosed: true })).ok).toBe(true);
    await warden.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await expect.poll(windows).toEqual([{ visible: false, destroyed: false }]);

    const second = spawn(warden.executablePath, warden.args, { cwd: ROOT, env: warden.env, stdio: "ignore" });
    const [code] = (await once(second, "exit")) as [number | null];
    expect(code).toBe(0);
    await expect.poll(windows, { timeout: 15_000 }).toEqual([{ visible: true, destroyed: false }]);
  });

  it("registers Warden to start at login when asked, and removes it when not", async () => {
    // What the OS would start at login: Electron's login item (macOS, Windows, given the same command), the XDG autostart entry (Linux).
    const registered = async (): Promise<boolean> => {
      if (process.platform === "darwin" || process.platform === "win32") {
        return warden.app.evaluate(({ app: electronApp }) => electronApp.getLoginItemSettings({ path: process.execPath, args: [electronApp.getAppPath(), "--hidden"] }).openAtLogin);
      }
      const entry = join(warden.xdgConfigHome, "autostart", "warden.desktop");
      return existsSync(entry) && readFileSync(entry, "utf8").includes('"--hidden"');
    };
    try {
      expect(await registered()).toBe(false);
      expect((await setPreferences({ startAtLogin: true })).ok).toBe(true);
      await expect.poll(registered).toBe(true);
      const state = await warden.page.evaluate(() => (globalThis as unknown as Exposed).clientManager.getState());
      expect(state.ok && state.value.preferences.background?.startAtLogin).toBe(true);
    } finally {
      // macOS and Windows keep login items outside the user-data folder: never leave one behind.
      await setPreferences({ startAtLogin: false });
    }
    await expect.poll(registered).toBe(false);
  });
});
