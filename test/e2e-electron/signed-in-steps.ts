// What signed-in.test.ts does on the page, step by step, with the browser suite's locators (the
// renderer is the same React app in Electron and in browser mode, so one definition of how to
// drive it serves both). Each step takes a Playwright Page, whichever host shows it.
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { TestServer } from "../server/prosody-test-server.js";
import { clientEntry, connectionBadge, counts, eventually, focused, signInAndWaitForList, textOf, thisDevice } from "../e2e/browser-mode.js";
import { expand } from "../e2e/entry-details.js";

/** The account's buttons above the list (Refresh, Activity, Change password…, Sign out…). */
function accountAction(page: Page, name: string) {
  return page.getByRole("navigation", { name: "Account" }).getByRole("button", { name, exact: true });
}

/**
 * Signs in through the form, then finds the account's screen listing this device and `phone`
 * ("<software> <device>") connected, and the app grant `grantName`: three clients, two connected.
 */
export async function signInAndSeeList(page: Page, server: TestServer, account: { jid: string; password: string }, phone: string, grantName: string): Promise<void> {
  await signInAndWaitForList(page, server, account);
  await page.getByRole("heading", { name: account.jid }).waitFor();
  await clientEntry(page, grantName).waitFor();
  expect(await textOf(clientEntry(page, phone))).toBe(`${phone} Connected`);
  expect(await textOf(thisDevice(page))).toContain("Connected");
  expect(await textOf(counts(page))).toBe("3 clients · 2 connected");
}

/** Removes an app grant's access through its row and the confirmation, and sees it leave the list. */
export async function removeGrantAccess(page: Page, grantName: string): Promise<void> {
  const grant = clientEntry(page, grantName);
  await expand(grant);
  await grant.getByRole("button", { name: `Remove access from ${grantName}`, exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: `Remove access from ${grantName}?` });
  await confirm.getByRole("button", { name: "Remove access", exact: true }).click();
  const done = page.getByRole("alertdialog", { name: "Access removed" });
  expect(await textOf(done.getByRole("status"))).toBe(`${grantName} no longer has access to your account. Its app token was removed.`);
  await done.getByRole("button", { name: "Done" }).click();
  await done.waitFor({ state: "detached" });
  await grant.waitFor({ state: "detached" });
}

/** Changes the password through the account's Change password… dialog; this device stays signed in. */
export async function changePasswordThroughUi(page: Page, current: string, next: string): Promise<void> {
  await accountAction(page, "Change password…").click();
  const form = page.getByRole("dialog", { name: "Change password" });
  await form.getByLabel("Current password").fill(current);
  await form.getByLabel("New password").fill(next);
  await form.getByLabel("Confirm password").fill(next);
  await form.getByRole("button", { name: "Change password", exact: true }).click();
  const changed = page.getByRole("dialog", { name: "Password changed" });
  await changed.getByRole("button", { name: "Done" }).click();
  await changed.waitFor({ state: "detached" });
  await connectionBadge(page, "online").waitFor();
}

/** A new sign-in's notification was clicked: that client's Remove access has the focus. */
export async function expectRemoveAccessFocused(page: Page, client: string): Promise<void> {
  const name = `Remove access from ${client}`;
  await eventually(() => focused(page), (f) => f.tag === "button" && f.name === name, `focus on ${name}`);
}
