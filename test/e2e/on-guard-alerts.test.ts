// A new sign-in noticed while Warden watches, in a real browser against a real Prosody: the page's
// own desktop notification (allowed as a user would), the banner, the Activity entry, and the
// notification's click showing that client with its Remove access focused.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInOtherClient, signOutOtherClient } from "../server/other-client.js";
import { clientEntries, docsScreenshots, eventually, focused, setPageVisibility, signInAndWaitForList, tokenOf, useBrowserMode } from "./browser-mode.js";
import { clickNotification, shownNotifications } from "./notification-recorder.js";

const e2e = useBrowserMode();

function banner(page: Page) {
  return page.getByRole("region", { name: "New sign-ins" });
}

/** The Activity dialog's lines, newest first, without their times. */
async function activityLines(page: Page): Promise<string[]> {
  const entries = page.getByRole("dialog", { name: "Activity" }).getByRole("list", { name: "Activity entries" }).getByRole("listitem");
  return (await entries.locator(".activity-text").allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
}

describe("new sign-in alerts", () => {
  it("notifies of a second client signing in, shows it in the banner and in Activity, and its notification's click focuses its Remove access", async () => {
    const account = await e2e.account(undefined, "alice");
    const warden = await e2e.open({ notifications: true });
    const { page } = warden;
    await signInAndWaitForList(page, e2e.server, account, { deviceName: "Work laptop" });
    const secrets = [account.password, tokenOf(warden.launchUrl)];
    // What was there at the first list is the baseline: nothing to announce.
    expect(await banner(page).count()).toBe(0);

    const laptop = await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Gajim", device: "laptop" });
    try {
      // The user comes back to the tab: the watch lists at once rather than at its next interval.
      await setPageVisibility(page, false);
      await setPageVisibility(page, true);

      const shown = await eventually(() => shownNotifications(page), (notes) => notes.length > 0, "a desktop notification");
      expect(shown).toEqual([{ title: `New sign-in to ${account.jid}`, body: "Gajim on laptop" }]);
      await banner(page).getByText("New sign-in: Gajim on laptop").waitFor();
      await eventually(() => clientEntries(page).count(), (n) => n === 2, "the laptop listed");
      await docsScreenshots(page, "alerts-banner", secrets);

      await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Activity", exact: true }).click();
      await eventually(() => activityLines(page), (lines) => lines.length > 0, "Activity lists something");
      expect(await activityLines(page)).toEqual(["New sign-in: Gajim on laptop"]);
      await page.keyboard.press("Escape");
      await page.getByRole("dialog", { name: "Activity" }).waitFor({ state: "detached" });

      // The notification's click: the laptop's row open, its Remove access focused; the alert seen.
      await clickNotification(page, 0);
      await eventually(() => focused(page), (f) => f.tag === "button" && f.name === "Remove access from Gajim on laptop", "focus on the laptop's Remove access");
      await banner(page).waitFor({ state: "detached" });
      // One notification: seeing the alert doesn't announce it again.
      expect(await shownNotifications(page)).toHaveLength(1);
    } finally {
      await signOutOtherClient(laptop);
    }
  });
});
