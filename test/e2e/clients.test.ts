// The account screen in a real browser against a real Prosody: the list, other clients, revoking,
// and the password change that locks out a client that knows the password.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInOtherClient, signOutOtherClient } from "../server/other-client.js";
import { nextSecond } from "../server/server-clock.js";
import {
  clientEntries,
  clientEntry,
  connectionBadge,
  counts,
  eventually,
  focused,
  refresh,
  refreshUntil,
  screenshot,
  signInAndWaitForList,
  textOf,
  thisDevice,
  tokenOf,
  useBrowserMode,
} from "./browser-mode.js";
import { expand } from "./entry-details.js";

const e2e = useBrowserMode();

/** Opens a row's details (its disclosure button), where its facts and its action are. */
const MOVIM = { name: "Movim", uri: "https://movim.eu/", id: "movim-web", version: "0.29.1" };

describe("the client list", () => {
  it("shows this device, connected, after signing in through the form", async () => {
    const account = await e2e.account();
    const { page, launchUrl } = await e2e.open();
    // The token is gone from the address bar as soon as the page is up.
    expect(page.url()).not.toContain("token");

    await signInAndWaitForList(page, e2e.server, account, { deviceName: "Work laptop" });

    await page.getByRole("heading", { name: account.jid }).waitFor();
    expect(await textOf(connectionBadge(page, "online"))).toContain("Online");
    await page.getByRole("heading", { name: "Everything with access" }).waitFor();
    expect(await clientEntries(page).count()).toBe(1);
    const self = thisDevice(page);
    expect(await textOf(self)).toBe("Warden Work laptop This device Connected");
    expect(await self.getAttribute("aria-labelledby")).toBeTruthy();
    await clientEntry(page, "Warden Work laptop").waitFor();
    await expand(self);
    expect(await textOf(self)).toContain("Signed in with the password");
    await self.getByRole("button", { name: "Sign out Warden on Work laptop (this device)", exact: true }).waitFor();
    expect(await textOf(counts(page))).toBe("1 client · 1 connected");

    // The benchmark marks: one sign-in start, one first render of rows.
    const marks = await page.evaluate(() => ["warden:sign-in-start", "warden:list-rendered"].map((name) => performance.getEntriesByName(name).length));
    expect(marks).toEqual([1, 1]);
    await screenshot(page, "list-this-device", [account.password, tokenOf(launchUrl)]);
  });

  it("shows a second client connected after Refresh, and offline once it has stopped", async () => {
    const account = await e2e.account();
    const { page } = await e2e.open();
    await signInAndWaitForList(page, e2e.server, account);

    const phone = await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Conversations", device: "Pixel 8" });
    try {
      await refresh(page);
      const entry = clientEntry(page, "Conversations Pixel 8");
      await entry.waitFor();
      expect(await textOf(entry)).toBe("Conversations Pixel 8 Connected");
      expect(await textOf(counts(page))).toBe("2 clients · 2 connected");
      await expand(entry);
      await entry.getByRole("button", { name: "Remove access from Conversations on Pixel 8", exact: true }).waitFor();
    } finally {
      await signOutOtherClient(phone);
    }

    const entry = clientEntry(page, "Conversations Pixel 8");
    await refreshUntil(page, () => textOf(entry), (text) => text.includes("Last active"), "Conversations shown offline");
    expect(await textOf(entry)).toMatch(/^Conversations Pixel 8 Last active /);
    expect(await textOf(page.getByRole("group", { name: /^Other devices/ }))).toContain("Conversations");
    expect(await textOf(counts(page))).toBe("2 clients · 1 connected");
    expect(await textOf(thisDevice(page))).toContain("Connected");
  });

  it("revokes an app grant: it is gone from the list", async () => {
    const account = await e2e.account();
    await e2e.server.createGrant(account.jid, MOVIM);
    const { page } = await e2e.open();
    await signInAndWaitForList(page, e2e.server, account);

    const grant = clientEntry(page, "Movim");
    await grant.waitFor();
    expect(await textOf(grant)).toMatch(/^Movim 0\.29\.1 app token (never used|last used .+)$/);
    expect(await textOf(page.getByRole("group", { name: /^Apps with access/ }))).toContain("Movim");
    expect(await textOf(counts(page))).toBe("2 clients · 1 connected");

    await expand(grant);
    expect(await textOf(grant)).toContain("Signed in with an app token");
    expect(await textOf(grant)).toContain("https://movim.eu/");
    await grant.getByRole("button", { name: "Remove access from Movim", exact: true }).click();
    const dialog = page.getByRole("alertdialog", { name: "Remove access from Movim?" });
    await dialog.waitFor();
    expect(await textOf(dialog)).toContain("Its app token will be removed");
    await dialog.getByRole("button", { name: "Remove access", exact: true }).click();

    await page.getByRole("alertdialog", { name: "Access removed" }).waitFor();
    expect(await textOf(page.getByRole("alertdialog").getByRole("status"))).toBe("Movim no longer has access to your account. Its app token was removed.");
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("alertdialog").waitFor({ state: "detached" });

    await grant.waitFor({ state: "detached" });
    expect(await textOf(counts(page))).toBe("1 client · 1 connected");
    // And the server agrees: a fresh list doesn't bring it back.
    await refresh(page);
    expect(await clientEntry(page, "Movim").count()).toBe(0);
    expect(await clientEntries(page).count()).toBe(1);
  });

  it("lists an app token and the session that signed in with it apart, each with its own Remove access", async () => {
    // The server links them by nothing but a software name (a session's user agent has no OAuth
    // client id or uri), and a name alone never makes one app of them.
    const account = await e2e.account();
    const bearerToken = await e2e.server.createGrantToken(account.jid, MOVIM);
    const { page } = await e2e.open();
    await signInAndWaitForList(page, e2e.server, account);
    const movim = await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Movim", device: "Firefox", bearerToken });
    try {
      await refresh(page);
      const session = clientEntry(page, "Movim Firefox");
      await session.waitFor();
      expect(await textOf(session)).toBe("Movim Firefox Connected");
      await expand(session);
      await session.getByRole("button", { name: "Remove access from Movim on Firefox", exact: true }).waitFor();
      const grant = clientEntry(page, "Movim 0.29.1 app token");
      expect(await textOf(grant)).not.toContain("Unknown device");
      await expand(grant);
      await grant.getByRole("button", { name: "Remove access from Movim", exact: true }).waitFor();
      expect(await clientEntries(page).count()).toBe(3);
      expect(await textOf(counts(page))).toBe("3 clients · 2 connected");
      expect(await page.getByRole("article", { name: /app token and a session/ }).count()).toBe(0);
    } finally {
      await signOutOtherClient(movim);
    }
  });

  it("revokes an offline password client, says the password must change, and the change leaves only this device", async () => {
    const account = await e2e.account(undefined, "alice");
    const phone = await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Conversations", device: "Pixel 8" });
    await signOutOtherClient(phone);
    await e2e.server.createGrant(account.jid, MOVIM);
    const { page, launchUrl, manager } = await e2e.open();
    await signInAndWaitForList(page, e2e.server, account, { deviceName: "Work laptop" });
    const laptop = await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Gajim", device: "ThinkPad X1" });
    const secrets = [account.password, tokenOf(launchUrl)];

    await refresh(page);
    const conversations = clientEntry(page, "Conversations Pixel 8");
    await clientEntry(page, "Gajim ThinkPad X1").waitFor();
    await clientEntry(page, "Movim").waitFor();
    expect(await textOf(conversations)).toMatch(/^Conversations Pixel 8 Last active /);
    expect(await textOf(counts(page))).toBe("4 clients · 2 connected");
    await screenshot(page, "list", secrets);

    await expand(conversations);
    await conversations.getByRole("button", { name: "Remove access from Conversations on Pixel 8", exact: true }).click();
    const confirm = page.getByRole("alertdialog", { name: "Remove access from Conversations?" });
    await confirm.waitFor();
    expect(await textOf(confirm)).toContain("Its session and sign-in tokens will be removed. If it also knows your password, Warden will tell you how to lock it out.");
    await screenshot(page, "revoke-dialog", secrets);
    await confirm.getByRole("button", { name: "Remove access", exact: true }).click();

    const outcome = page.getByRole("alertdialog", { name: "Not locked out: it knows your password" });
    await outcome.waitFor();
    // It was offline and the list never showed a FAST token: nothing is claimed beyond that.
    expect(await textOf(outcome.getByRole("status"))).toBe("Not connected — but it still knows your password. To lock it out, change your password.");
    await screenshot(page, "password-reset-outcome", secrets);
    // It still knows the password, so it is still listed.
    await outcome.getByRole("button", { name: "Change password…" }).click();

    const form = page.getByRole("dialog", { name: "Change password" });
    await form.waitFor();
    const newPassword = `N3w-${randomUUID()}`;
    await form.getByLabel("Current password").fill(account.password);
    await form.getByLabel("New password").fill(newPassword);
    await form.getByLabel("Confirm password").fill(newPassword);
    // Prosody keeps a client that used the password in the same second as the change.
    await nextSecond();
    await form.getByRole("button", { name: "Change password", exact: true }).click();

    const changed = page.getByRole("dialog", { name: "Password changed" });
    await changed.waitFor();
    expect(await textOf(changed)).toContain("Your password was changed. This device stays signed in and will remember you.");
    await laptop.disconnected;

    // What survives a password change is the server's call (Prosody 13.0.1 voids grants too); the
    // dialog must offer exactly the grants the server still lists. Ask the server behind the UI's back
    // (the dialog is modal: a user can't press Refresh now).
    const listed = await manager.listClients({ jid: account.jid });
    if (!listed.ok) throw new Error(`listClients failed: ${JSON.stringify(listed.error)}`);
    const grantsLeft = listed.value.clients.filter((c) => c.kind === "access").length;
    expect(listed.value.clients.filter((c) => c.kind === "session").map((c) => c.isCurrent)).toEqual([true]);
    const offer = changed.getByRole("button", { name: /^Revoke (app token|all \d+ app tokens)$/ });
    expect(await offer.count()).toBe(grantsLeft);
    if (grantsLeft > 0) {
      expect(await textOf(changed)).toContain("1 app token still has access");
      expect(await textOf(changed.getByRole("list"))).toBe("Movim (App access)");
      expect(await textOf(offer)).toBe("Revoke app token");
      await offer.click();
      await changed.getByText("Revoked 1 app token. Only this device keeps access.").waitFor();
    }
    await screenshot(page, "password-changed", [...secrets, newPassword]);
    await changed.getByRole("button", { name: "Done" }).click();
    await changed.waitFor({ state: "detached" });

    await refresh(page);
    await eventually(() => clientEntries(page).count(), (n) => n === 1, "only this device listed");
    expect(await textOf(thisDevice(page))).toBe("Warden Work laptop This device Connected");
    expect(await textOf(counts(page))).toBe("1 client · 1 connected");
    expect(await textOf(connectionBadge(page, "online"))).toContain("Online");
    // The old password is dead for everyone.
    await expect(signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Conversations" })).rejects.toThrow();
  });
});

describe("a long list", () => {
  it("shows at least 12 one-line rows at 1280×800 with 45 clients, every row in the page", async () => {
    const account = await e2e.account(e2e.server.hostileDomain);
    const { page } = await e2e.open();
    await signInAndWaitForList(page, e2e.server, account);
    // The test module answers the next lists with 45 offline clients, last seen in 2024.
    await e2e.server.setHostileReply(account.jid, "many-clients", 45);
    await refresh(page);
    await eventually(() => clientEntries(page).count(), (n) => n === 45, "45 rows in the page");
    expect(await textOf(page.getByRole("group", { name: /^Inactive/ }).getByRole("heading"))).toBe("Inactive 45");
    // Listed after the first list, all 45 are new sign-ins: the banner says so without pushing the
    // list a page down (its lines scroll in their own box), and Dismiss puts it away.
    const banner = page.getByRole("region", { name: "New sign-ins" });
    expect(await textOf(banner.locator(".alerts-banner-title"))).toBe("45 new sign-ins");
    expect((await banner.boundingBox())!.height).toBeLessThanOrEqual(400);
    await banner.getByRole("button", { name: "Dismiss the new sign-in alerts" }).click();
    await banner.waitFor({ state: "detached" });

    const rows = await clientEntries(page).evaluateAll((elements, viewport) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return { height: box.height, visible: box.top >= 0 && box.bottom <= viewport };
      }),
    800);
    expect(rows.filter((row) => row.visible).length).toBeGreaterThanOrEqual(12);
    expect(Math.max(...rows.map((row) => row.height))).toBeLessThanOrEqual(56);
    await e2e.server.setHostileReply(account.jid, undefined);
  });
});

describe("keyboard only", () => {
  it("opens, cancels with Escape, reopens and confirms a revoke with Tab, Enter and Space", async () => {
    const account = await e2e.account();
    await e2e.server.createGrant(account.jid, MOVIM);
    const { page } = await e2e.open();
    await signInAndWaitForList(page, e2e.server, account);
    await clientEntry(page, "Movim").waitFor();

    // Tab reaches the list's one row in the Tab order; the arrow keys move between rows; Enter opens
    // the row; Tab goes on past "Add a name…" to its action.
    await eventually(
      async () => {
        await page.keyboard.press("Tab");
        return (await focused(page)).name;
      },
      (name) => name.startsWith("Warden, "),
      "Tab reaches this device's row",
    );
    await page.keyboard.press("ArrowDown");
    expect((await focused(page)).name).toMatch(/^Movim 0\.29\.1, app token, /);
    await page.keyboard.press("ArrowUp");
    expect((await focused(page)).name).toMatch(/^Warden, /);
    await page.keyboard.press("End");
    expect((await focused(page)).name).toMatch(/^Movim 0\.29\.1, app token, /);
    await page.keyboard.press("Enter");
    expect(await clientEntry(page, "Movim").getByRole("button", { expanded: true }).count()).toBe(1);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toEqual({ tag: "button", name: "Add a name…" });
    await page.keyboard.press("Tab");
    const target = "Remove access from Movim";
    expect((await focused(page)).name).toBe(target);

    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog", { name: "Remove access from Movim?" });
    await dialog.waitFor();
    await eventually(() => focused(page), (f) => f.tag === "button" && f.name === "Cancel", "focus on Cancel when the dialog opens");

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await eventually(() => focused(page), (f) => f.name === target, "focus back on Remove access after Escape");
    expect(await clientEntry(page, "Movim").count()).toBe(1);

    await page.keyboard.press("Space");
    await dialog.waitFor();
    await eventually(() => focused(page), (f) => f.tag === "button" && f.name === "Cancel", "focus on Cancel when the dialog reopens");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toEqual({ tag: "button", name: "Remove access" });
    await page.keyboard.press("Enter");

    const done = page.getByRole("alertdialog", { name: "Access removed" });
    await done.waitFor();
    await eventually(() => focused(page), (f) => f.name === "Done", "focus on Done after the revoke");
    await page.keyboard.press("Enter");
    await done.waitFor({ state: "detached" });
    await clientEntry(page, "Movim").waitFor({ state: "detached" });
    // The Revoke button went with its entry: focus lands on the list's heading, not on <body>.
    await eventually(() => focused(page), (f) => f.tag === "h2" && f.name === "Everything with access", "focus on the list heading");
  });
});
