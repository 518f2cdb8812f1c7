// The cleanup rule as a user sets it, in a real browser against a real Prosody whose test module
// moved last-seen times weeks into the past: the preview names exactly the inactive entries that
// are not connected and not this device, a watch tick runs it, Activity has each removal and one
// entry for the run, and one notification sums the run up.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInOtherClient, signOutOtherClient } from "../server/other-client.js";
import { clientEntries, clientEntry, docsScreenshots, eventually, expectAnnouncement, refresh, setPageVisibility, signInAndWaitForList, textOf, thisDevice, tokenOf, useBrowserMode } from "./browser-mode.js";
import { shownNotifications } from "./notification-recorder.js";
import { daysAgo, MOVIM, pastClient, staleAppToken } from "./on-guard-fixtures.js";

const e2e = useBrowserMode();

/** The Activity dialog's lines, newest first, without their times. */
async function activityLines(page: Page): Promise<string[]> {
  const entries = page.getByRole("dialog", { name: "Activity" }).getByRole("list", { name: "Activity entries" }).getByRole("listitem");
  return (await entries.locator(".activity-text").allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
}

describe("the cleanup rule", () => {
  it("previews the inactive entries it may remove, runs on a watch tick, and records each removal and the run", async () => {
    const account = await e2e.account(undefined, "alice");
    await pastClient(e2e.server, account, "Dino", "Old laptop", { firstDaysAgo: 400, lastDaysAgo: 45 });
    await pastClient(e2e.server, account, "Gajim", "Home desktop", { firstDaysAgo: 380, lastDaysAgo: 0.125 });
    await staleAppToken(e2e.server, account, { firstDaysAgo: 100, lastDaysAgo: 45 });
    const phoneId = randomUUID();
    const phone = await signInOtherClient(e2e.server, account, { uaId: phoneId, software: "Conversations", device: "Pixel 8" });
    try {
      const warden = await e2e.open({ notifications: true });
      const { page } = warden;
      const secrets = [account.password, tokenOf(warden.launchUrl)];
      await signInAndWaitForList(page, e2e.server, account, { deviceName: "Work laptop" });
      // This device and the connected phone last signed in 45 days ago too: the rule must still leave them.
      const listed = await warden.manager.listClients({ jid: account.jid });
      if (!listed.ok) throw new Error(`listClients failed: ${listed.error.kind}`);
      const ours = listed.value.clients.find((client) => client.isCurrent)?.id ?? "";
      const old = { firstSeen: daysAgo(60), lastSeen: daysAgo(45) };
      await e2e.server.setSeenTimes(account.jid, ours.replace(/^client\//, ""), old);
      await e2e.server.setSeenTimes(account.jid, phoneId, old);
      await refresh(page);
      await eventually(() => clientEntries(page).count(), (n) => n === 5, "five entries listed");

      await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Settings…" }).click();
      const settings = page.getByRole("dialog", { name: "Settings" });
      const rule = settings.getByRole("region", { name: "Automatic cleanup" });
      await rule.getByRole("checkbox", { name: "Automatically remove access for app tokens and clients not seen for a number of days" }).check();
      await rule.getByRole("spinbutton", { name: "Days not seen" }).fill("30");
      await rule.getByText("With 30 days, it would remove these 2 now:").waitFor();
      expect((await rule.getByRole("listitem").allInnerTexts()).sort()).toEqual(["Dino on Old laptop", MOVIM.name]);
      await expectAnnouncement(page, "Cleanup is on: access is removed after 30 days not seen.", () => rule.getByRole("button", { name: "Save" }).click());
      await settings.getByRole("button", { name: "Done" }).click();
      await settings.waitFor({ state: "detached" });

      // The next watch tick (the user coming back to the tab starts one) runs the rule.
      await setPageVisibility(page, false);
      await setPageVisibility(page, true);
      await clientEntry(page, MOVIM.name).waitFor({ state: "detached" });

      await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Activity", exact: true }).click();
      const lines = await eventually(() => activityLines(page), (texts) => texts.some((text) => text.startsWith("Cleanup removed 1 inactive client")), "the run in Activity");
      expect(lines[0]).toBe("Cleanup removed 1 inactive client; 1 could not be removed");
      expect(lines.slice(1, 3).sort()).toEqual([
        `Cleanup removed access for an app token for ${MOVIM.name} — confirmed gone`,
        "Cleanup tried to remove access for Dino on Old laptop — signed out, but it still knows your password",
      ]);
      expect(lines.filter((text) => text.startsWith("Cleanup removed") && !text.includes("access for"))).toHaveLength(1);
      await docsScreenshots(page, "activity", secrets);
      await page.keyboard.press("Escape");

      // Never this device, never a connected client.
      expect(await textOf(thisDevice(page))).toMatch(/connected/i);
      await clientEntry(page, "Conversations Pixel 8").waitFor();
      expect(phone.xmpp.status).toBe("online");

      // One notification sums the run up.
      const cleanups = (await shownNotifications(page)).filter((note) => note.title === `Cleanup of ${account.jid}`);
      expect(cleanups).toEqual([{ title: `Cleanup of ${account.jid}`, body: "Removed 1 client not used for a while. 1 was not removed: open Warden to see why." }]);
    } finally {
      await signOutOtherClient(phone);
    }
  });
});
