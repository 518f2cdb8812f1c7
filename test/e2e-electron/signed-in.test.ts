// The desktop app signed in to the real test Prosody (test/server/prosody-test-server.ts), as a user
// goes through it: sign in, the list, removing an app's access, a password change, a new sign-in
// announced. The steps (signed-in-steps.ts, the browser suite's locators) build on each other, so
// one launch (with its own fresh user-data folder) serves the whole file. Prosody 13 with
// prosody-modules is installed on Linux only (scripts/ensure-test-deps.sh): the macOS and Windows CI
// jobs leave this file out on their command line (.github/workflows/ci.yml). Skipped, with one line
// from global-setup.ts, where the Electron binary is not installed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientManagerApi } from "../../src/shared/api.js";
import { startTestServer, type TestServer } from "../server/prosody-test-server.js";
import { signInOtherClient, signOutOtherClient, type OtherClient } from "../server/other-client.js";
import { findElectronBinary } from "./electron-binary.js";
import { launchWarden, type LaunchedWarden } from "./launch-warden.js";
import { changePasswordThroughUi, expectRemoveAccessFocused, removeGrantAccess, signInAndSeeList } from "./signed-in-steps.js";

const electron = findElectronBinary();
const GRANT_NAME = "Old Backup App";
const PHONE = { software: "Conversations", device: "Pixel" };

/** What the preload exposes to the page. */
type Exposed = { clientManager: ClientManagerApi };
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
    other = await signInOtherClient(server, account, { uaId: randomUUID(), ...PHONE });
    warden = await launchWarden(electron.path);
  });

  afterAll(async () => {
    // Removing the account deletes its keychain entry: nothing outlives the test.
    await warden?.page.evaluate((jid) => (globalThis as unknown as Exposed).clientManager.removeAccount({ jid }), account.jid).catch(() => undefined);
    await warden?.close();
    if (other) await signOutOtherClient(other).catch(() => undefined);
    await server?.stop();
  });

  it("signs in against the test server and lists this device and the phone connected, and the app grant", async () => {
    await signInAndSeeList(warden.page, server, account, `${PHONE.software} ${PHONE.device}`, GRANT_NAME);
  });

  it("removes a grant's access, and it leaves the list", async () => {
    await removeGrantAccess(warden.page, GRANT_NAME);
  });

  it("changes the password, and the server takes the new one", async () => {
    await changePasswordThroughUi(warden.page, account.password, newPassword);
    const check = await signInOtherClient(server, { jid: account.jid, password: newPassword }, { uaId: randomUUID(), software: "Checker" });
    await signOutOtherClient(check);
  });

  it("announces a new sign-in with a notification whose click shows that entry with its Remove access focused", async () => {
    const { app, page } = warden;
    const windowVisible = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible());
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
      // The user comes back to the window: the watch lists at once rather than at its next interval
      // (about every 30 s while the window is visible, which the timeout still allows for).
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());
      await expect.poll(windowVisible).toBe(false);
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.show());
      const titles = () => app.evaluate(() => (globalThis as unknown as { wardenShown: Shown[] }).wardenShown.map((n) => `${n.title} | ${n.body}`));
      await expect.poll(titles, { timeout: 50_000, interval: 1_000 }).toContain(`New sign-in to ${account.jid} | Dino on Workstation`);

      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());
      await expect.poll(windowVisible).toBe(false);
      await app.evaluate(() => (globalThis as unknown as { wardenShown: Shown[] }).wardenShown.find((n) => n.body === "Dino on Workstation")?.emit("click"));
      await expect.poll(windowVisible).toBe(true);
      await expectRemoveAccessFocused(page, "Dino on Workstation");
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
    expect(state.ok && state.value.accounts.find((view) => view.jid === account.jid)?.state.status).toBe("online");
  });
});
