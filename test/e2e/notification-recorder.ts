// Records the notifications a page shows, so a test can read and click them. A recorder, not a
// fake: the page's own Notification still shows each one, and Chromium grants the permission as a
// user who allowed it would (context.grantPermissions).
import type { BrowserContext, Page } from "playwright-core";

export type ShownNotification = { title: string; body: string };

/** The page's list of shown notifications (a global only this recorder defines). */
const SHOWN = "__wardenShownNotifications";

// Plain JavaScript, as a string: it runs in the page before the app's own scripts, and a compiled
// function could carry the test runner's helpers that the page doesn't have.
const RECORDER = `(() => {
  const Real = window.Notification;
  if (typeof Real !== "function") return;
  const shown = [];
  Object.defineProperty(window, ${JSON.stringify(SHOWN)}, { value: shown });
  class Recorded extends Real {
    constructor(title, options) {
      super(title, options);
      shown.push({ title: String(title), body: String((options && options.body) || ""), notification: this });
    }
    static get permission() { return Real.permission; }
    static requestPermission(callback) { return Real.requestPermission(callback); }
  }
  window.Notification = Recorded;
})();`;

/** Allows notifications for `origin` (as the user would) and records every one the context's pages show. */
export async function recordNotifications(context: BrowserContext, origin: string): Promise<void> {
  await context.grantPermissions(["notifications"], { origin });
  await context.addInitScript({ content: RECORDER });
}

type RecordingPage = Record<typeof SHOWN, { title: string; body: string; notification: { dispatchEvent(event: unknown): boolean } }[] | undefined>;
declare const window: RecordingPage;
declare const Event: new (type: string) => unknown;

/** What the page has shown so far, oldest first. */
export async function shownNotifications(page: Page): Promise<ShownNotification[]> {
  return page.evaluate((key) => (window[key as typeof SHOWN] ?? []).map(({ title, body }) => ({ title, body })), SHOWN);
}

/** Clicks the `index`-th shown notification, as the desktop does when the user clicks it (its click event). */
export async function clickNotification(page: Page, index: number): Promise<void> {
  const clicked = await page.evaluate(
    ([key, i]) => {
      const shown = window[key as typeof SHOWN]?.[i as number];
      if (!shown) return false;
      shown.notification.dispatchEvent(new Event("click"));
      return true;
    },
    [SHOWN, index] as const,
  );
  if (!clicked) throw new Error(`no notification number ${index} was shown`);
}
