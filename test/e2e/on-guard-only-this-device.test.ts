// "Only this device keeps access" as a user runs it, in a real browser against a real Prosody: the
// flow ends with "Only this device can use your account" and the server's list, read by a raw
// client of its own, agrees; and a run whose Warden is killed right after the password change
// resumes on relaunch and finishes, saying which steps were done.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInOtherClient, signOutOtherClient } from "../server/other-client.js";
import type { TestServer } from "../server/prosody-test-server.js";
import { rawListIds } from "../server/raw-client-list.js";
import { nextSecond } from "../server/server-clock.js";
import { STATIC_DIR_ENV } from "./build-renderer.js";
import { clientEntry, connectionBadge, docsScreenshots, refresh, signInAndWaitForList, textOf, thisDevice, tokenOf, useBrowserMode } from "./browser-mode.js";
import { startHostProcess } from "./host-process.js";
import { MOVIM, pastClient } from "./on-guard-fixtures.js";
import { startTcpRelay } from "./tcp-relay.js";

const e2e = useBrowserMode();
const ONLY_THIS_DEVICE = "Only this device keeps access";
const VERIFIED = "Only this device can use your account.";
const STEPS = [
  "Check your current password",
  "Change your password",
  "Sign this device in again with the new password",
  "Remove access from every other client and app token",
  "Check the server's list: only this device left",
];

type Account = { jid: string; password: string };

/** An offline desktop that knows the password and an app token; the caller adds a connected phone. */
async function accountWithOthers(name: string): Promise<Account> {
  const account = await e2e.account(undefined, name);
  await pastClient(e2e.server, account, "Gajim", "Home desktop", { firstDaysAgo: 30, lastDaysAgo: 2 });
  await e2e.server.createGrant(account.jid, MOVIM);
  return account;
}

/** Opens the flow from the account's toolbar and starts it with the current and a new password. */
async function startOnlyThisDevice(page: Page, current: string, next: string): Promise<void> {
  await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Only this device…" }).click();
  const form = page.getByRole("dialog", { name: ONLY_THIS_DEVICE });
  await form.getByLabel("Current password").fill(current);
  await form.getByLabel("New password").fill(next);
  await form.getByLabel("Confirm password").fill(next);
  // Prosody keeps a client that used the password in the same second as the change.
  await nextSecond();
  await form.getByRole("button", { name: "Change password and remove the others" }).click();
}

/** What the dialog's steps say, one line each ("Change your password: Done"). */
async function steps(page: Page): Promise<string[]> {
  const items = page.getByRole("dialog", { name: ONLY_THIS_DEVICE }).getByRole("list", { name: "Steps" }).getByRole("listitem");
  return (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
}

/**
 * The server's list as a fresh raw client signed in with `password` reads it, without that
 * client's own entry: what else has access.
 */
async function othersOnTheServer(server: TestServer, account: Account, password: string): Promise<string[]> {
  const uaId = randomUUID();
  const observer = await signInOtherClient(server, { jid: account.jid, password }, { uaId, software: "Observer" });
  try {
    return (await rawListIds(observer)).filter((id) => id !== `client/${uaId}`);
  } finally {
    await signOutOtherClient(observer);
  }
}

describe("only this device keeps access", () => {
  it("changes the password, removes the others and shows the verified result; the server lists this device alone", async () => {
    const account = await accountWithOthers("alice");
    const phone = await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Conversations", device: "Pixel 8" });
    try {
      const warden = await e2e.open();
      const { page } = warden;
      const newPassword = `N3w-${randomUUID()}`;
      const secrets = [account.password, newPassword, tokenOf(warden.launchUrl)];
      await signInAndWaitForList(page, e2e.server, account, { deviceName: "Work laptop" });
      await clientEntry(page, "Conversations Pixel 8").waitFor();

      await startOnlyThisDevice(page, account.password, newPassword);
      const dialog = page.getByRole("dialog", { name: ONLY_THIS_DEVICE });
      await dialog.getByRole("status").getByText(VERIFIED).waitFor();
      expect(await steps(page)).toEqual(STEPS.map((step) => `${step}: Done`));
      await docsScreenshots(page, "only-this-device", secrets);
      await phone.disconnected;

      // The server agrees, asked by a fresh client with the new password: one entry besides it, Warden's.
      const listed = await warden.manager.listClients({ jid: account.jid });
      if (!listed.ok) throw new Error(`listClients failed: ${listed.error.kind}`);
      const ours = listed.value.clients.find((client) => client.isCurrent)?.id;
      expect(await othersOnTheServer(e2e.server, account, newPassword)).toEqual([ours]);

      await dialog.getByRole("button", { name: "Done" }).click();
      await page.getByRole("region", { name: ONLY_THIS_DEVICE }).getByText(VERIFIED).waitFor();
      expect(await textOf(thisDevice(page))).toMatch(/connected/i);
    } finally {
      await signOutOtherClient(phone);
    }
  });

  it("resumes after Warden is killed right after the password change, and finishes verified", async () => {
    const account = await accountWithOthers("bob");
    const staticDir = process.env[STATIC_DIR_ENV];
    if (!staticDir) throw new Error(`${STATIC_DIR_ENV} is not set`);
    // A fresh install, then Warden as its own process on it, reaching Prosody through a relay that
    // can hold the connection Warden opens to sign in again after the change.
    const first = await e2e.open({ openPage: false });
    await first.quit();
    const relay = await startTcpRelay({ host: e2e.server.host, port: e2e.server.starttlsPort });
    const throughRelay: TestServer = { ...e2e.server, starttlsPort: relay.port };
    const host = await startHostProcess(first.install, staticDir);
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    const newPassword = `N3w-${randomUUID()}`;
    let phone: Awaited<ReturnType<typeof signInOtherClient>> | undefined;
    try {
      const page = await context.newPage();
      await page.goto(host.url);
      await signInAndWaitForList(page, throughRelay, account, { deviceName: "Work laptop" });
      phone = await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Conversations", device: "Pixel 8" });
      await refresh(page);
      await clientEntry(page, "Conversations Pixel 8").waitFor();

      // The password check's own connection gets through; signing in again after the change is held.
      relay.holdAfter(1);
      await startOnlyThisDevice(page, account.password, newPassword);
      const changed = page.getByRole("dialog", { name: ONLY_THIS_DEVICE }).getByRole("list", { name: "Steps" }).getByText("Change your password: Done");
      await changed.waitFor();
      await host.kill("SIGKILL");
      await phone.disconnected;
    } finally {
      await context.close();
      await host.kill("SIGKILL");
      relay.release();
      if (phone) await signOutOtherClient(phone);
    }

    try {
      // Relaunched on the same settings, keychain and records: the flow is unfinished, and says how far it got.
      const again = await e2e.open({ install: first.install });
      const { page } = again;
      const banner = page.getByRole("region", { name: ONLY_THIS_DEVICE });
      await banner.getByText(/^Finishing “Only this device” — [23] of 5 steps done\.$/).waitFor();
      // The token Warden held died with the old password, and it had no new one yet: it asks for the new password.
      await banner.getByText("Sign in with your new password to continue.").waitFor();
      await page.getByRole("heading", { name: "Sign in again" }).waitFor();
      await page.getByLabel("Password", { exact: true }).fill(newPassword);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await connectionBadge(page, "online").waitFor();
      await banner.getByRole("button", { name: "Continue" }).click();

      const dialog = page.getByRole("dialog", { name: ONLY_THIS_DEVICE });
      await dialog.getByRole("status").getByText(VERIFIED).waitFor();
      expect(await steps(page)).toEqual(STEPS.map((step) => `${step}: Done`));
      const listed = await again.manager.listClients({ jid: account.jid });
      if (!listed.ok) throw new Error(`listClients failed: ${listed.error.kind}`);
      const ours = listed.value.clients.find((client) => client.isCurrent)?.id;
      expect(await othersOnTheServer(e2e.server, account, newPassword)).toEqual([ours]);
    } finally {
      await relay.close();
    }
  });
});
