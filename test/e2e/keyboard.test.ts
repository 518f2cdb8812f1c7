// The account screen with the keyboard only, in a real Chromium against a real Prosody: the skip
// link past the header, the arrow keys between rows, a row's action and its dialog, the filter chips.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clientEntries, clientEntry, eventually, focused, signInAndWaitForList, useBrowserMode } from "./browser-mode.js";
import type { PageDocument } from "./page-dom.js";

// Globals of the page, for page.evaluate callbacks (see page-dom.ts).
declare const document: PageDocument;

const e2e = useBrowserMode();
const MOVIM = { name: "Movim", uri: "https://movim.eu/", id: "movim-web", version: "0.29.1" };
const HEADER_ACTIONS = ["Refresh", "Change password…", "Account details…", "Sign out…", "Remove account…"];

/** Presses `key` until focus is on what `matches`, at most `limit` times; returns every name focus passed. */
async function pressUntil(page: Page, key: string, matches: (name: string) => boolean, limit: number): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press(key);
    const { name } = await focused(page);
    passed.push(name);
    if (matches(name)) return passed;
  }
  throw new Error(`${key} ×${limit} never reached the target; focus passed ${JSON.stringify(passed)}`);
}

function pressed(page: Page): Promise<string | null | undefined> {
  return page.evaluate(() => document.activeElement?.getAttribute("aria-pressed"));
}

describe("keyboard only", () => {
  it("skips the header, moves between rows with the arrow keys, opens a row's dialog and comes back, toggles a chip with Space", async () => {
    const account = await e2e.account();
    await e2e.server.createGrant(account.jid, MOVIM);
    const first = await e2e.open();
    await signInAndWaitForList(first.page, e2e.server, account);
    await first.quit();
    // A relaunch: the page loads with nothing focused, as a user opening Warden finds it.
    const { page } = await e2e.open({ install: first.install });
    await clientEntry(page, "Movim").waitFor();
    expect(await clientEntries(page).count()).toBe(2);

    // The first Tab stop is the skip link, shown on screen once focused.
    await page.keyboard.press("Tab");
    expect(await focused(page)).toEqual({ tag: "a", name: "Skip to the list" });
    const skip = page.getByRole("link", { name: "Skip to the list" });
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.x >= 0 && box.width > 0, "the skip link is on screen when focused").toBe(true);
    await page.keyboard.press("Enter");
    expect((await focused(page)).tag).toBe("main");

    // From there Tab goes through the list's own controls to its one tabbable row, never back to the header.
    const passed = await pressUntil(page, "Tab", (name) => name.startsWith("Warden, "), 12);
    expect(passed.filter((name) => HEADER_ACTIONS.includes(name))).toEqual([]);
    expect(passed).toEqual(expect.arrayContaining(["Connected", "Offline", "Apps", "Inactive"]));

    // The arrow keys, Home and End move between rows.
    await page.keyboard.press("ArrowDown");
    expect((await focused(page)).name).toMatch(/^Movim 0\.29\.1, app token, /);
    await page.keyboard.press("ArrowUp");
    expect((await focused(page)).name).toMatch(/^Warden, /);
    await page.keyboard.press("End");
    expect((await focused(page)).name).toMatch(/^Movim 0\.29\.1, app token, /);
    await page.keyboard.press("Home");
    expect((await focused(page)).name).toMatch(/^Warden, /);
    await page.keyboard.press("End");

    // Enter opens the row; Tab reaches what it shows in order: "Add a name…" under its facts, then
    // its action; Enter opens the dialog with focus on its first control.
    await page.keyboard.press("Enter");
    expect(await clientEntry(page, "Movim").getByRole("button", { expanded: true }).count()).toBe(1);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toEqual({ tag: "button", name: "Add a name…" });
    await page.keyboard.press("Tab");
    const opener = "Remove access from Movim";
    expect(await focused(page)).toEqual({ tag: "button", name: opener });
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog", { name: "Remove access from Movim?" });
    await dialog.waitFor();
    await eventually(() => focused(page), (f) => f.tag === "button" && f.name === "Cancel", "focus on the dialog's first control");
    // Escape closes it, and focus is back on the button that opened it; nothing was removed.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await eventually(() => focused(page), (f) => f.name === opener, "focus back on the opener");
    expect(await clientEntries(page).count()).toBe(2);

    // Back to the chips: Space presses "Apps" (only the app is left), and Space again lets go.
    await pressUntil(page, "Shift+Tab", (name) => name === "Apps", 12);
    expect(await pressed(page)).toBe("false");
    await page.keyboard.press("Space");
    expect(await pressed(page)).toBe("true");
    await eventually(() => clientEntries(page).count(), (n) => n === 1, "only the app listed");
    expect(await clientEntry(page, "Movim").count()).toBe(1);
    await page.keyboard.press("Space");
    expect(await pressed(page)).toBe("false");
    await eventually(() => clientEntries(page).count(), (n) => n === 2, "both rows listed again");
  });
});
