// The list in sections as a user with a realistic account sees it, in a real browser against a real
// Prosody: which section each client is in, the search, look-alikes told apart, the remove-access
// dialog's focus, and the README's pictures (light and dark).
import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInOtherClient, signOutOtherClient } from "../server/other-client.js";
import type { TestServer } from "../server/prosody-test-server.js";
import {
  clientEntries,
  clientEntry,
  clientList,
  counts,
  docsScreenshots,
  eventually,
  focused,
  refresh,
  signInAndWaitForList,
  textOf,
  tokenOf,
  useBrowserMode,
} from "./browser-mode.js";
import { expand } from "./entry-details.js";

const e2e = useBrowserMode();
const MOVIM = { name: "Movim", uri: "https://movim.eu/", id: "movim-web", version: "0.29.1" };
const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY_MS);

/** A section of the list, by its title (its accessible name is the title and its count). */
function section(page: Page, title: string): Locator {
  return clientList(page).getByRole("group", { name: new RegExp(`^${title} \\d+$`) });
}

/** What a user reads in each of these elements, in order (innerText, whitespace collapsed). */
async function textsOf(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
}

/** What a user reads on each row of a section, top to bottom. */
function rowsOf(page: Page, title: string): Promise<string[]> {
  return textsOf(section(page, title).getByRole("article"));
}

/** Opens a row's details (its disclosure button), where its facts and its action are. */
/** A client that signed in with the password and has signed out; `seen` moves its times into the past. */
async function pastClient(server: TestServer, account: { jid: string; password: string }, software: string, device: string, seen?: { firstDaysAgo: number; lastDaysAgo: number }) {
  const uaId = randomUUID();
  await signOutOtherClient(await signInOtherClient(server, account, { uaId, software, device }));
  if (seen) await server.setSeenTimes(account.jid, uaId, { firstSeen: daysAgo(seen.firstDaysAgo), lastSeen: daysAgo(seen.lastDaysAgo) });
}

describe("the list in sections", () => {
  it("puts this device, a connected phone, an offline desktop, an app and an old laptop each in its section; the search finds “offline” and a short id", async () => {
    const account = await e2e.account(undefined, "alice");
    await pastClient(e2e.server, account, "Gajim", "Home desktop", { firstDaysAgo: 380, lastDaysAgo: 0.125 });
    await pastClient(e2e.server, account, "Dino", "Old laptop", { firstDaysAgo: 400, lastDaysAgo: 40 });
    await e2e.server.createGrant(account.jid, MOVIM);
    const { page, launchUrl } = await e2e.open();
    await signInAndWaitForList(page, e2e.server, account, { deviceName: "Work laptop" });
    const phone = await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Conversations", device: "Pixel 8" });
    const bob = await e2e.account(e2e.server.camDomain, "bob");
    const secrets = [account.password, bob.password, tokenOf(launchUrl)];
    try {
      await refresh(page);
      await clientEntry(page, "Conversations Pixel 8").waitFor();

      expect(await textsOf(clientList(page).getByRole("heading", { level: 3 }))).toEqual([
        "This device 1",
        "Connected now 1",
        "Other devices 1",
        "Apps with access 1",
        "Inactive 1",
      ]);
      expect(await rowsOf(page, "This device")).toEqual(["Warden Work laptop This device Connected"]);
      expect(await rowsOf(page, "Connected now")).toEqual(["Conversations Pixel 8 Connected"]);
      expect(await rowsOf(page, "Other devices")).toEqual(["Gajim Home desktop Last active 3 hours ago"]);
      // Prosody lists a grant nobody used with its last-seen at its creation: that reads "never used".
      expect(await rowsOf(page, "Apps with access")).toEqual(["Movim 0.29.1 app token never used"]);
      expect(await rowsOf(page, "Inactive")).toEqual(["Dino Old laptop Inactive for 40 days"]);
      expect(await textOf(counts(page))).toBe("5 clients · 2 connected");
      await docsScreenshots(page, "client-list", secrets);

      await page.setViewportSize({ width: 360, height: 800 });
      await docsScreenshots(page, "narrow-360", secrets);
      await page.setViewportSize({ width: 1280, height: 800 });

      // The search knows the words of a row's state: "offline" finds the two that are.
      const search = page.getByRole("searchbox", { name: "Filter clients" });
      await search.fill("offline");
      await counts(page).getByText("2 of 5 clients · 2 connected").waitFor();
      expect(await rowsOf(page, "Other devices")).toEqual(["Gajim Home desktop Last active 3 hours ago"]);
      expect(await rowsOf(page, "Inactive")).toEqual(["Dino Old laptop Inactive for 40 days"]);
      expect(await clientEntries(page).count()).toBe(2);

      // The short id a row's details show finds that row alone.
      const old = clientEntry(page, "Dino Old laptop");
      await expand(old);
      const id = await textOf(old.locator(".row-facts code"));
      expect(id).toMatch(/^\S{8}$/);
      await search.fill(id);
      await counts(page).getByText("1 of 5 clients · 2 connected").waitFor();
      expect(await clientEntries(page).count()).toBe(1);
      await old.waitFor();
      await search.press("Escape");
      await counts(page).getByText("5 clients · 2 connected", { exact: true }).waitFor();
      await old.getByRole("button", { expanded: true }).click();

      // Remove access: focus on Cancel when the dialog opens, back on the button that opened it after.
      const desktop = clientEntry(page, "Gajim Home desktop");
      await expand(desktop);
      const opener = desktop.getByRole("button", { name: "Remove access from Gajim on Home desktop", exact: true });
      await opener.click();
      const dialog = page.getByRole("alertdialog", { name: "Remove access from Gajim?" });
      await dialog.waitFor();
      await eventually(() => focused(page), (f) => f.tag === "button" && f.name === "Cancel", "focus on Cancel when the dialog opens");
      await docsScreenshots(page, "remove-access-dialog", secrets);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      await eventually(() => focused(page), (f) => f.name === "Remove access from Gajim on Home desktop", "focus back on Remove access");
      expect(await clientEntries(page).count()).toBe(5);

      // A second account, for the sidebar's picture; then back to the first one's list.
      await page.getByRole("button", { name: "Add account" }).click();
      await signInAndWaitForList(page, e2e.server, bob);
      const sidebar = page.getByRole("navigation", { name: "Accounts" });
      await sidebar.getByRole("button", { name: new RegExp(`^${account.jid.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*,`) }).click();
      await page.getByRole("heading", { level: 1, name: `Account ${account.jid}`, exact: true }).waitFor();
      await clientEntry(page, "Dino Old laptop").waitFor();
      await docsScreenshots(page, "accounts", secrets);
    } finally {
      await signOutOtherClient(phone);
    }
  });

  it("tells two look-alikes (same software, same device) apart in their names and their buttons", async () => {
    const account = await e2e.account();
    const { page } = await e2e.open();
    await signInAndWaitForList(page, e2e.server, account);
    const phones = await Promise.all([randomUUID(), randomUUID()].map((uaId) => signInOtherClient(e2e.server, account, { uaId, software: "Conversations", device: "Pixel 8" })));
    try {
      await refresh(page);
      const alike = clientEntry(page, "Conversations Pixel 8");
      await eventually(() => alike.count(), (n) => n === 2, "both phones listed");
      const tags = await alike.locator(".row-tag").allInnerTexts();
      expect(tags).toHaveLength(2);
      expect(new Set(tags).size, `tags ${tags.join(" / ")}`).toBe(2);
      for (const tag of tags) {
        // The tag is part of the entry's accessible name, so each name leads to one entry only.
        const entry = clientList(page).getByRole("article", { name: `Conversations Pixel 8 ${tag}`, exact: true });
        expect(await entry.count()).toBe(1);
        await expand(entry);
        await entry.getByRole("button", { name: `Remove access from Conversations on Pixel 8 (${tag})`, exact: true }).waitFor();
      }
    } finally {
      await Promise.all(phones.map(signOutOtherClient));
    }
  });
});

describe("a long list", () => {
  it("shows 45 clients in the Inactive section (the README's picture)", async () => {
    const account = await e2e.account(e2e.server.hostileDomain);
    const { page, launchUrl } = await e2e.open();
    await signInAndWaitForList(page, e2e.server, account);
    // The test module answers the next lists with 45 offline clients, last seen in 2024.
    await e2e.server.setHostileReply(account.jid, "many-clients", 45);
    try {
      await refresh(page);
      await eventually(() => clientEntries(page).count(), (n) => n === 45, "45 rows in the page");
      expect(await textOf(section(page, "Inactive").getByRole("heading"))).toBe("Inactive 45");
      await docsScreenshots(page, "client-list-45", [account.password, tokenOf(launchUrl)]);
    } finally {
      await e2e.server.setHostileReply(account.jid, undefined);
    }
  });
});
