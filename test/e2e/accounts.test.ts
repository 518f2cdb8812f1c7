// Several accounts in a real browser against a real Prosody: adding one, the sidebar's status and
// counts, switching, removing, a relaunch that resumes them, and the narrow window's switcher.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  accountState,
  clientEntries,
  clientEntry,
  screenshot,
  signInAndWaitForList,
  textOf,
  thisDevice,
  tokenOf,
  useBrowserMode,
} from "./browser-mode.js";
import type { PageDocument } from "./page-dom.js";

// Globals of the page, for page.evaluate callbacks (see page-dom.ts).
declare const document: PageDocument & { scrollingElement: { scrollWidth: number; clientWidth: number } | null };

const e2e = useBrowserMode();
const MOVIM = { name: "Movim", uri: "https://movim.eu/", id: "movim-web", version: "0.29.1" };

function sidebar(page: Page) {
  return page.getByRole("navigation", { name: "Accounts" });
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * An account's entry in the sidebar, by the whole of its accessible name: "address, status, counts"
 * (Chromium puts a space before each comma, as the parts are separate boxes).
 */
function entry(page: Page, ...parts: string[]) {
  return sidebar(page).getByRole("button", { name: new RegExp(`^${parts.map(escaped).join("\\s*,\\s*")}$`) });
}

function accountHeading(page: Page, jid: string) {
  return page.getByRole("heading", { level: 1, name: `Account ${jid}`, exact: true });
}

/** An account's entry in the sidebar, by its address (the start of its accessible name). */
function entryOf(page: Page, jid: string) {
  return sidebar(page).getByRole("button", { name: new RegExp(`^${escaped(jid)}\\s*,`) });
}

/**
 * Alice on the main domain with a Movim app grant only she has, and Bob on the Client Access
 * Management domain: the first signed in on the first-run form, the second through "Add account".
 */
async function signInTwoAccounts(page: Page) {
  const alice = await e2e.account(undefined, "alice");
  await e2e.server.createGrant(alice.jid, MOVIM);
  const bob = await e2e.account(e2e.server.camDomain, "bob");
  await signInAndWaitForList(page, e2e.server, alice);
  await clientEntry(page, "Movim").waitFor();

  await page.getByRole("button", { name: "Add account" }).click();
  await page.getByRole("heading", { name: "Add an account" }).waitFor();
  await page.getByRole("button", { name: "Cancel" }).waitFor();
  await signInAndWaitForList(page, e2e.server, bob);
  await accountHeading(page, bob.jid).waitFor();
  return { alice, bob };
}

async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = document.scrollingElement;
    return root !== null && root.scrollWidth > root.clientWidth;
  });
}

describe("several accounts", () => {
  it("adds a second account; each has its own status, counts and list; removing one takes it off the sidebar", async () => {
    const { page, manager, launchUrl } = await e2e.open();
    const { alice, bob } = await signInTwoAccounts(page);
    const secrets = [alice.password, bob.password, tokenOf(launchUrl)];

    // Both in the sidebar, each with its status and its own last counts; the one just added is shown.
    await entry(page, alice.jid, "Online", "2 clients, 1 connected now").waitFor();
    const bobEntry = entry(page, bob.jid, "Online", "1 client, 1 connected now");
    await bobEntry.waitFor();
    expect(await bobEntry.getAttribute("aria-current")).toBe("page");
    expect(await clientEntries(page).count()).toBe(1);
    expect(await clientEntry(page, "Movim").count()).toBe(0);

    // Switching shows the other account's own list.
    await entryOf(page, alice.jid).click();
    await accountHeading(page, alice.jid).waitFor();
    await clientEntry(page, "Movim").waitFor();
    await thisDevice(page).waitFor();
    expect(await clientEntries(page).count()).toBe(2);
    expect(await entry(page, alice.jid, "Online", "2 clients, 1 connected now").getAttribute("aria-current")).toBe("page");
    expect(await bobEntry.getAttribute("aria-current")).toBeNull();
    await screenshot(page, "accounts", secrets);

    // Remove Bob: asked first, then gone from the sidebar and from the core; Alice stays.
    await bobEntry.click();
    await accountHeading(page, bob.jid).waitFor();
    await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Remove account…" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Remove account from this device?" });
    await dialog.waitFor();
    expect(await textOf(dialog)).toContain(`Warden signs out of ${bob.jid} on this device`);
    await screenshot(page, "remove-account-dialog", secrets);
    await dialog.getByRole("button", { name: "Remove account", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    await entryOf(page, bob.jid).waitFor({ state: "detached" });
    await accountHeading(page, alice.jid).waitFor();
    expect(await sidebar(page).getByRole("listitem").count()).toBe(1);
    expect(await accountState(manager, bob.jid)).toBeUndefined();
    expect(await accountState(manager, alice.jid)).toMatchObject({ status: "online" });
  });

  it("a relaunch signs both remembered accounts in again, without a form", async () => {
    const warden = await e2e.open();
    const { alice, bob } = await signInTwoAccounts(warden.page);
    await warden.quit();

    const again = await e2e.open({ install: warden.install });
    const { page } = again;
    await entry(page, alice.jid, "Online", "2 clients, 1 connected now").waitFor();
    await entry(page, bob.jid, "Online", "1 client, 1 connected now").waitFor();
    await accountHeading(page, alice.jid).waitFor();
    await clientEntry(page, "Movim").waitFor();
    expect(await page.getByRole("textbox", { name: "Password" }).count()).toBe(0);
    expect(await accountState(again.manager, bob.jid)).toMatchObject({ status: "online", credentials: "keychain" });
  });

  it("fits a 360 px wide window, where the Account drop-down switches accounts", async () => {
    const { page } = await e2e.open({ viewport: { width: 360, height: 740 } });
    expect(await hasHorizontalScroll(page), "horizontal scroll on the first-run form").toBe(false);
    const { alice, bob } = await signInTwoAccounts(page);

    expect(await hasHorizontalScroll(page), "horizontal scroll on the account screen").toBe(false);
    // The entries give way to the drop-down.
    expect(await entryOf(page, bob.jid).isVisible()).toBe(false);
    const switcher = page.getByRole("combobox", { name: "Account" });
    expect(await switcher.inputValue()).toBe(bob.jid);

    await switcher.selectOption(alice.jid);
    await accountHeading(page, alice.jid).waitFor();
    await clientEntry(page, "Movim").waitFor();
    expect(await hasHorizontalScroll(page), "horizontal scroll on the other account's screen").toBe(false);
    await switcher.selectOption(bob.jid);
    await accountHeading(page, bob.jid).waitFor();
    expect(await clientEntry(page, "Movim").count()).toBe(0);
  });
});
