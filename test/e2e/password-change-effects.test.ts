// What a password change takes away, said before and after, and signing out while keeping the
// sign-in, in a real browser against a real Prosody; with where focus goes as the dialogs open and close.
import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInOtherClient, signOutOtherClient } from "../server/other-client.js";
import { nextSecond } from "../server/server-clock.js";
import { accountState, clientEntries, clientEntry, connectionBadge, docsScreenshots, eventually, focused, refresh, signInAndWaitForList, textOf, thisDevice, tokenOf, useBrowserMode } from "./browser-mode.js";

const e2e = useBrowserMode();
const MOVIM = { name: "Movim", uri: "https://movim.eu/", id: "movim-web", version: "0.29.1" };

function accountAction(page: Page, name: string): Locator {
  return page.getByRole("navigation", { name: "Account" }).getByRole("button", { name, exact: true });
}

/** Whether `field` has keyboard focus. */
function hasFocus(field: Locator): Promise<boolean> {
  return field.evaluate((element) => element.matches(":focus"));
}

describe("changing the password", () => {
  it("says what will lose access before, and names the phone that lost it after", async () => {
    const account = await e2e.account(undefined, "alice");
    await signOutOtherClient(await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Gajim", device: "Home desktop" }));
    await e2e.server.createGrant(account.jid, MOVIM);
    const { page, launchUrl } = await e2e.open();
    await signInAndWaitForList(page, e2e.server, account, { deviceName: "Work laptop" });
    const phone = await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Conversations", device: "Pixel 8" });
    const newPassword = `N3w-${randomUUID()}`;
    const secrets = [account.password, newPassword, tokenOf(launchUrl)];
    try {
      await refresh(page);
      await clientEntry(page, "Conversations Pixel 8").waitFor();

      // Opened: focus on the first field. Closed with Escape: back on the button that opened it.
      const opener = accountAction(page, "Change password…");
      await opener.click();
      const form = page.getByRole("dialog", { name: "Change password" });
      await form.waitFor();
      await eventually(() => hasFocus(form.getByLabel("Current password")), Boolean, "focus on Current password when the dialog opens");
      const before = form.getByRole("region", { name: "What will lose access" });
      expect(await before.getByRole("listitem").allInnerTexts()).toEqual([
        "Every other session is signed out (1 connected now).",
        "2 clients that know your current password: they need the new one to sign in again.",
        "1 app token, unless the server keeps them: afterwards, Warden shows which still have access and offers to remove it.",
      ]);
      await docsScreenshots(page, "password-change", secrets);
      await page.keyboard.press("Escape");
      await form.waitFor({ state: "detached" });
      await eventually(() => hasFocus(opener), Boolean, "focus back on Change password… after Escape");

      await opener.click();
      await form.getByLabel("Current password").fill(account.password);
      await form.getByLabel("New password").fill(newPassword);
      await form.getByLabel("Confirm password").fill(newPassword);
      // Prosody keeps a client that used the password in the same second as the change.
      await nextSecond();
      await form.getByRole("button", { name: "Change password", exact: true }).click();

      const changed = page.getByRole("dialog", { name: "Password changed" });
      await changed.waitFor();
      await phone.disconnected;
      // The server's list after the change decides what lost access: at least both password clients.
      const after = changed.getByRole("region", { name: /lost access$/ });
      const lost = (await after.getByRole("listitem").allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
      expect(lost).toEqual(expect.arrayContaining(["Conversations on Pixel 8 (Session)", "Gajim on Home desktop (Session)"]));
      expect(await textOf(after.getByRole("heading"))).toBe(`${lost.length} clients lost access`);
      await changed.getByRole("button", { name: "Done" }).click();
      await changed.waitFor({ state: "detached" });
      await eventually(() => hasFocus(opener), Boolean, "focus back on Change password… after Done");
    } finally {
      await signOutOtherClient(phone);
    }
  });
});

describe("signing out and keeping the sign-in", () => {
  it("offers “Continue as”, which signs in again without the password", async () => {
    const account = await e2e.account();
    const { page, manager } = await e2e.open();
    await signInAndWaitForList(page, e2e.server, account, { remember: true });

    const opener = accountAction(page, "Sign out…");
    await opener.click();
    const dialog = page.getByRole("dialog", { name: "Sign out of Warden?" });
    await dialog.waitFor();
    await eventually(() => focused(page), (f) => f.tag === "button" && f.name === "Cancel", "focus on Cancel when the dialog opens");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    await eventually(() => hasFocus(opener), Boolean, "focus back on Sign out… after Cancel");

    await opener.click();
    expect(await dialog.getByRole("checkbox", { name: /^Forget this device's credentials/ }).isChecked()).toBe(false);
    await dialog.getByRole("button", { name: "Sign out", exact: true }).click();

    const continueAs = page.getByRole("button", { name: `Continue as ${account.jid}`, exact: true });
    await continueAs.waitFor();
    await eventually(() => hasFocus(continueAs), Boolean, "focus on Continue as");
    expect(await page.getByLabel("Password", { exact: true }).count()).toBe(0);
    expect(await accountState(manager, account.jid)).toMatchObject({ status: "signed-out" });

    await continueAs.click();
    await connectionBadge(page, "online").waitFor();
    await thisDevice(page).waitFor();
    expect(await clientEntries(page).count()).toBe(1);
    expect(await accountState(manager, account.jid)).toMatchObject({ status: "online", credentials: "keychain" });
  });
});
