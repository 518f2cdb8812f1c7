// Inactive entries, picked by keyboard and removed in one go, in a real browser against a real
// Prosody whose test module moved their last-seen weeks into the past: the filter shows only them,
// one confirmation says what will happen to each, each shows its progress, the summary says what
// the server's list confirmed, and an independent raw client's list agrees with it.
import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInOtherClient, signOutOtherClient } from "../server/other-client.js";
import { rawListIds } from "../server/raw-client-list.js";
import { clientEntries, clientEntry, docsScreenshots, eventually, signInAndWaitForList, textOf, tokenOf, useBrowserMode } from "./browser-mode.js";
import { MOVIM, pastClient, staleAppToken } from "./on-guard-fixtures.js";
import type { PageMutationObserverConstructor } from "./page-dom.js";

// Globals of the page, for the evaluate callbacks (see page-dom.ts).
declare const MutationObserver: PageMutationObserverConstructor;

const e2e = useBrowserMode();

/** What a user reads in each of these elements, in order (innerText, whitespace collapsed). */
async function textsOf(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
}

/** Starts keeping every text `region` shows (a live region's announcements); resolves with a reader. */
async function recordAnnouncements(region: Locator): Promise<() => Promise<string[]>> {
  // The element itself, not the locator: the dialog's name changes once it runs.
  const element = await region.elementHandle();
  if (!element) throw new Error("no live region");
  await element.evaluate((live) => {
    const seen: string[] = [];
    new MutationObserver(() => seen.push(live.textContent ?? "")).observe(live, { childList: true, characterData: true, subtree: true });
    Object.defineProperty(live, "seenTexts", { value: seen });
  });
  return () => element.evaluate((live) => [...(live as unknown as { seenTexts: string[] }).seenTexts]);
}

function chip(page: Page, name: string): Locator {
  return page.getByRole("group", { name: "Show only" }).getByRole("button", { name, exact: true });
}

describe("inactive entries", () => {
  it("shows only the inactive ones, selects them by keyboard, removes access in one go and says what the server confirmed", async () => {
    const account = await e2e.account(undefined, "alice");
    const dino = await pastClient(e2e.server, account, "Dino", "Old laptop", { firstDaysAgo: 400, lastDaysAgo: 45 });
    await pastClient(e2e.server, account, "Gajim", "Home desktop", { firstDaysAgo: 380, lastDaysAgo: 0.125 });
    await staleAppToken(e2e.server, account, { firstDaysAgo: 100, lastDaysAgo: 45 });
    // Connected before Warden's first list: part of what it already knew, so no new sign-in to announce.
    const phone = await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Conversations", device: "Pixel 8" });
    try {
      const { page, launchUrl } = await e2e.open();
      const secrets = [account.password, tokenOf(launchUrl)];
      await signInAndWaitForList(page, e2e.server, account, { deviceName: "Work laptop" });
      await clientEntry(page, "Conversations Pixel 8").waitFor();
      expect(await clientEntries(page).count()).toBe(5);

      // The filter: the two not seen for 45 days, not the desktop used this morning, not the connected phone.
      await chip(page, "Inactive").click();
      await eventually(() => clientEntries(page).count(), (n) => n === 2, "two rows under Inactive");
      const rows = await textsOf(clientEntries(page));
      expect(rows.some((row) => row.startsWith("Dino Old laptop"))).toBe(true);
      expect(rows.some((row) => row.startsWith(`${MOVIM.name} ${MOVIM.version}`))).toBe(true);

      // By keyboard: on the first row, Space selects it; Down to the next, Space again.
      await clientEntries(page).first().getByRole("button").first().focus();
      await page.keyboard.press("Space");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Space");
      const selection = page.getByRole("region", { name: "Selection" });
      await selection.getByText("2 selected").waitFor();
      expect(await clientEntries(page).getByRole("checkbox", { checked: true }).count()).toBe(2);
      await docsScreenshots(page, "inactive-selection", secrets);

      // One confirmation, listing each with what will happen to it.
      await selection.getByRole("button", { name: "Remove access for selected" }).click();
      const dialog = page.getByRole("alertdialog", { name: "Remove access from 2 selected entries?" });
      await dialog.waitFor();
      const listed = dialog.getByRole("list", { name: "Selected entries" }).getByRole("listitem");
      const before = await textsOf(listed);
      expect(before).toHaveLength(2);
      expect(before.find((text) => text.startsWith("Dino on Old laptop"))).toContain("If it also knows your password, Warden will tell you how to lock it out.");
      expect(before.find((text) => text.startsWith(MOVIM.name))).toContain("Its app token will be removed");
      const progress = await recordAnnouncements(dialog.getByRole("status", { includeHidden: true }));
      await dialog.getByRole("button", { name: "Remove access", exact: true }).click();

      // Per entry: its own verified outcome; then a summary of them all.
      const finished = page.getByRole("alertdialog", { name: "Removing access: finished" });
      await finished.waitFor();
      const after = await textsOf(finished.getByRole("list", { name: "Selected entries" }).getByRole("listitem"));
      expect(after.find((text) => text.startsWith(MOVIM.name))).toContain("Removed — confirmed");
      expect(after.find((text) => text.startsWith("Dino on Old laptop"))).toContain("Still listed — knows your password");
      const summary = await textOf(finished.getByRole("status"));
      expect(summary).toContain("1 removed and confirmed gone.");
      expect(summary).toContain("1 still listed: Dino on Old laptop");
      // Each entry's progress was announced as it went.
      const announced = await progress();
      expect(announced.filter((text) => /^Removing access from .+ \([12] of 2\)…$/.test(text))).toHaveLength(2);
      await finished.getByRole("button", { name: "Done" }).click();
      await finished.waitFor({ state: "detached" });

      // The server agrees, asked by a client that shares no code with Warden: the app token is gone,
      // the laptop that knows the password is still listed, as the dialog said.
      const observer = await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Observer" });
      try {
        const ids = await rawListIds(observer);
        expect(ids.filter((id) => id.startsWith("grant/"))).toEqual([]);
        expect(ids).toContain(`client/${dino}`);
      } finally {
        await signOutOtherClient(observer);
      }
      await eventually(() => textsOf(clientEntries(page)), (texts) => texts.length === 1 && texts[0]!.startsWith("Dino Old laptop"), "only the laptop left under Inactive");
    } finally {
      await signOutOtherClient(phone);
    }
  });
});
