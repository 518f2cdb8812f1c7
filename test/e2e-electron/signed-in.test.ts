// The desktop app signed in to the real test Prosody (test/server/prosody-test-server.ts), as a user
// goes through it: sign in, the list, a revoke, a password change, a new sign-in announced. The steps
// build on each other, so one launch (with its own fresh user-data folder) serves the whole file.
// Prosody 13 with prosody-modules is installed on Linux only (scripts/ensure-test-deps.sh): the macOS
// and Windows CI jobs leave this file out on their command line (.github/workflows/ci.yml). Skipped, with one
// line from global-setup.ts, where the Electron binary is not installed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WardenState } from "../../src/shared/index.js";
import { startTestServer, type TestServer } from "../server/prosody-test-server.js";
import { signInOtherClient, signOutOtherClient, type OtherClient } from "../server/other-client.js";
import { signInThroughUi } from "../e2e/sign-in-form.js";
import { findElectronBinary } from "./electron-binary.js";
import { launchWarden, type LaunchedWarden } from "./launch-warden.js";

const electron = findElectronBinary();
const GRANT_NAME = "Old Backup App";

type Exposed = {
  clientManager: {
    removeAccount(request: { jid: string }): Promise<unknown>;
    setPreferences(request: { keepWatchingWhenClosed: boolean }): Promise<{ ok: boolean }>;
    getState(): Promise<{ ok: true; value: WardenState }>;
  };
};
/** What the main process keeps of each notification it showed (see the test that records them). */
type Shown = { title: string; body: string; emit(event: "click"): void };

describe.skipIf(!electron.found)("Warden desktop app (Electron), signed in to the test server", () => {
  let server: TestServer;
  let account: { jid: string; password: string };
  let other: OtherClient;
  let warden: LaunchedWarden;
  const newPassword = `new-${randomUUID()}`;

  beforeAll(async () => {
    if (!electron.found) return;
    server = await startTestServer();
    account = await server.createAccount(`e2e-${randomUUID().slice(0, 8)}`);
    await server.createGrant(account.jid, { name: GRANT_NAME });
    other = await signInOtherClient(server, account, { uaId: randomUUID(), software: "Conversations", device: "Pixel" });
    warden = await launchWarden(electron.path);
  });

  afterAll(async () => {
    // Removing the account deletes its keychain entry: nothing outlives the test.
    await warden?.page.evaluate((jid) => (globalThis as unknown as Exposed).clientManager.removeAccount({ jid }), account.jid).catch(() => undefined);
    await warden?.close();
    if (other) await signOutOtherClient(other).catch(() => undefined);
    await server?.stop();
  });

  it("signs in against the test server and lists the clients with connected indicators", async () => {
    const { page } = warden;
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

  it("revokes a grant, and it leaves the list", async () => {
    const { page } = warden;
    await page.getByRole("button", { name: new RegExp(`^Revoke ${GRANT_NAME}`) }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
    await expect.poll(() => dialog.textContent(), { timeout: 15_000 }).toMatch(/Access revoked/);
    await dialog.getByRole("button", { name: "Done" }).click();
    const list = page.getByRole("list", { name: "Clients" });
    await expect.poll(() => list.getByRole("article").filter({ hasText: GRANT_NAME }).count(), { timeout: 15_000 }).toBe(0);
  });

  it("changes the password, and the server takes the new one", async () => {
    const { page } = warden;
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
    const { app, page } = warden;
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

  it("stays signed in with the window closed to the tray", async () => {
    const { app, page } = warden;
    const set = await page.evaluate((request) => (globalThis as unknown as Exposed).clientManager.setPreferences(request), { keepWatchingWhenClosed: true });
    expect(set.ok).toBe(true);
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.isVisible()))).toEqual([false]);
    const state = await page.evaluate(() => (globalThis as unknown as Exposed).clientManager.getState());
    expect(state.value.accounts.map((view) => view.state.status)).toContain("signed-in");
  });
});
