// The desktop app end to end, with Playwright's Electron driver: the real Electron binary, the real
// main process (dist/electron) and UI (dist/renderer), a real Prosody. Skipped, with one line from
// global-setup.ts, where the Electron binary is not installed.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { _electron, type ElectronApplication, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildElectron } from "../../electron/build.js";
import { startTestServer, type TestServer } from "../server/prosody-test-server.js";
import { signInOtherClient, signOutOtherClient, type OtherClient } from "../server/other-client.js";
import { findElectronBinary } from "./electron-binary.js";
import { signInThroughUi } from "../e2e/sign-in-form.js";

const ROOT = resolve(import.meta.dirname, "../..");
const electron = findElectronBinary();
const GRANT_NAME = "Old Backup App";

type Exposed = { clientManager: Record<string, unknown> & { removeAccount(request: { jid: string }): Promise<unknown> } };

describe.skipIf(!electron.found)("Warden desktop app (Electron)", () => {
  let server: TestServer;
  let account: { jid: string; password: string };
  let other: OtherClient;
  let app: ElectronApplication;
  let page: Page;
  let userData: string;
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
    app = await _electron.launch({
      executablePath: electron.path,
      args: [
        // Chromium refuses to start as root with its OS sandbox (CI runs as root in a container);
        // the renderer is still sandboxed in Electron's sense (sandbox: true, no Node in the preload).
        ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
        ROOT,
        `--warden-user-data-dir=${userData}`,
        `--warden-keychain-service=warden-test-${randomUUID()}`,
      ],
      cwd: ROOT,
      // NODE_EXTRA_CA_CERTS (set by the global setup) makes the main process trust the test CA.
      env: { ...process.env } as Record<string, string>,
    });
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
      keys: [
        "changePassword",
        "forgetServer",
        "getAccountSecurity",
        "getState",
        "listClients",
        "on",
        "reconnectNow",
        "removeAccount",
        "removePinnedCertificate",
        "revokeClient",
        "setDeviceName",
        "setLanguage",
        "signIn",
        "signOut",
        "trustCertificate",
      ],
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
});
