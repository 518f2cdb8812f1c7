// Accessibility checked by a machine: axe-core over every screen and dialog of browser mode, in a
// real Chromium against a real Prosody, each in the light and the dark colour scheme. Zero
// violations of the rules axe runs by default (WCAG 2.0/2.1 A and AA, and its best practices).
import { randomUUID } from "node:crypto";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "../faults/helpers.js";
import { signInOtherClient, signOutOtherClient } from "../server/other-client.js";
import type { TestServer } from "../server/prosody-test-server.js";
import { nextSecond } from "../server/server-clock.js";
import { clientEntry, connectionBadge, refresh, signInAndWaitForList, signInThroughUi, useBrowserMode } from "./browser-mode.js";
import type { PageDocument } from "./page-dom.js";
import { expand } from "./entry-details.js";

// Globals of the page, for page.evaluate callbacks (see page-dom.ts).
declare const document: PageDocument & { getAnimations(): ({ finished: Promise<unknown> } & object)[] };
declare function requestAnimationFrame(callback: () => void): number;

const e2e = useBrowserMode();
const MOVIM = { name: "Movim", uri: "https://movim.eu/", id: "movim-web", version: "0.29.1" };

/** One line per violation and element: what a reader of the test output needs to find and fix it. */
type Finding = string;

/**
 * Runs axe on the whole page as it is now, in the light and then the dark colour scheme, and
 * expects nothing found. The page's strict CSP doesn't stop it: Playwright evaluates axe's source
 * through the DevTools protocol, which no page policy governs, so the product's CSP stays as it ships.
 */
async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const findings: Finding[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    // Colours change with a short transition on some controls: measure them once it has ended
    // (transitions only: a spinner's animation never finishes).
    await page.evaluate(async () => {
      const transitions = document.getAnimations().filter((animation) => "transitionProperty" in animation);
      await Promise.all(transitions.map((transition) => transition.finished.catch(() => {})));
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    });
    const results = await new AxeBuilder({ page }).analyze();
    for (const violation of results.violations) {
      for (const node of violation.nodes) {
        findings.push(`[${colorScheme}] ${violation.id} (${violation.impact ?? "?"}): ${violation.help} — ${node.target.join(" ")} — ${node.failureSummary ?? ""}`.replace(/\s+/g, " "));
      }
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  expect(findings, `axe violations on ${screen}`).toEqual([]);
}

/** Opens a row's details (its disclosure button). */
describe("axe finds nothing", () => {
  it("on the first-run form, its errors, and the certificate prompt", async () => {
    const account = await e2e.account();
    const { page } = await e2e.open();
    await expectNoViolations(page, "the first-run sign-in form");
    // The advanced settings open.
    await page.locator("details.advanced summary").click();
    await expectNoViolations(page, "the sign-in form with its advanced settings");

    await signInThroughUi(page, e2e.server, { jid: account.jid, password: `wrong-${account.password}` });
    await page.getByRole("alert").filter({ hasText: "Wrong password" }).waitFor();
    await page.locator(".sign-in-error details").getByText("Details").click();
    await expectNoViolations(page, "the sign-in form saying the password is wrong");

    const mismatch = await e2e.account(e2e.server.mismatchDomain);
    await signInThroughUi(page, e2e.server, mismatch);
    const prompt = page.getByRole("region", { name: "Warden can't verify this server" });
    await prompt.waitFor();
    await expectNoViolations(page, "the certificate prompt");
    await prompt.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("alert").filter({ hasText: "Not signed in: the server's certificate was not trusted." }).waitFor();
    await expectNoViolations(page, "the sign-in form after the certificate was not trusted");
  });

  describe("signed in, through a proxy the test can cut", () => {
    let proxy: TcpProxy;
    beforeAll(async () => {
      proxy = await startTcpProxy(e2e.server.starttlsPort);
    });
    afterAll(async () => {
      await proxy?.close();
    });

    it("on the account screen, its list, its dialogs, a second account, the narrow layout and reconnecting", async () => {
      const account = await e2e.account(undefined, "alice");
      await e2e.server.createGrant(account.jid, MOVIM);
      const phone = await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Conversations", device: "Pixel 8" });
      await signOutOtherClient(phone);
      const { page } = await e2e.open();
      // The same server, reached through the proxy (the address Warden remembers for reconnecting).
      const throughProxy: TestServer = new Proxy(e2e.server, { get: (target, key) => (key === "starttlsPort" ? proxy.port : Reflect.get(target, key)) });
      await signInAndWaitForList(page, throughProxy, account, { deviceName: "Work laptop" });
      const laptop = await signInOtherClient(e2e.server, account, { uaId: randomUUID(), software: "Gajim", device: "ThinkPad X1" });
      try {
        await refresh(page);
        await clientEntry(page, "Gajim ThinkPad X1").waitFor();
        await clientEntry(page, "Movim").waitFor();
        await expectNoViolations(page, "the account screen with its list in sections");

        const conversations = clientEntry(page, "Conversations Pixel 8");
        await expand(conversations);
        await expectNoViolations(page, "the list with a row expanded");

        // Filters: a chip pressed and a search; then one that matches nothing.
        const chips = page.getByRole("group", { name: "Show only" });
        await chips.getByRole("button", { name: "Offline" }).click();
        const search = page.getByRole("searchbox", { name: "Filter clients" });
        await search.fill("pixel");
        await expect.poll(() => clientEntry(page, "Gajim ThinkPad X1").count()).toBe(0);
        await expectNoViolations(page, "the list filtered");
        await search.fill("nothing-matches-this");
        await page.getByRole("button", { name: "Clear filters" }).first().waitFor();
        await expectNoViolations(page, "the list filtered to nothing");
        await page.getByRole("button", { name: "Clear filters" }).first().click();
        await clientEntry(page, "Gajim ThinkPad X1").waitFor();

        // Remove access, and its outcome.
        const movim = clientEntry(page, "Movim");
        await expand(movim);
        await movim.getByRole("button", { name: "Remove access from Movim", exact: true }).click();
        const confirm = page.getByRole("alertdialog", { name: "Remove access from Movim?" });
        await confirm.waitFor();
        await expectNoViolations(page, "the remove-access dialog");
        await confirm.getByRole("button", { name: "Remove access", exact: true }).click();
        const removed = page.getByRole("alertdialog", { name: "Access removed" });
        await removed.waitFor();
        await expectNoViolations(page, "the remove-access outcome");
        await removed.getByRole("button", { name: "Done" }).click();
        await removed.waitFor({ state: "detached" });

        // The offline password client: its outcome says the password must change.
        await expand(conversations);
        await conversations.getByRole("button", { name: "Remove access from Conversations on Pixel 8", exact: true }).click();
        await page.getByRole("alertdialog", { name: "Remove access from Conversations?" }).getByRole("button", { name: "Remove access", exact: true }).click();
        const knowsPassword = page.getByRole("alertdialog", { name: "Not locked out: it knows your password" });
        await knowsPassword.waitFor();
        await expectNoViolations(page, "the outcome of removing a client that knows the password");
        await knowsPassword.getByRole("button", { name: "Done" }).click();
        await knowsPassword.waitFor({ state: "detached" });

        const header = page.getByRole("navigation", { name: "Account" });
        await header.getByRole("button", { name: "Account details…" }).click();
        const details = page.getByRole("dialog", { name: "Account details" });
        await details.waitFor();
        await details.getByRole("heading", { name: "Protections Warden expects" }).waitFor();
        await expectNoViolations(page, "the account details dialog");
        await details.locator(".modal-actions").getByRole("button", { name: "Close" }).click();
        await details.waitFor({ state: "detached" });

        await header.getByRole("button", { name: "Sign out…" }).click();
        const signOut = page.getByRole("dialog", { name: /^Sign out/ });
        await signOut.waitFor();
        await expectNoViolations(page, "the sign-out dialog");
        await signOut.getByRole("button", { name: "Cancel" }).click();
        await signOut.waitFor({ state: "detached" });

        await header.getByRole("button", { name: "Remove account…" }).click();
        const remove = page.getByRole("alertdialog", { name: "Remove account from this device?" });
        await remove.waitFor();
        await expectNoViolations(page, "the remove-account dialog");
        await remove.getByRole("button", { name: "Cancel" }).click();
        await remove.waitFor({ state: "detached" });

        // Change password: the form with what will lose access, then the summary.
        await header.getByRole("button", { name: "Change password…" }).click();
        const form = page.getByRole("dialog", { name: "Change password" });
        await form.waitFor();
        await expectNoViolations(page, "the change-password dialog");
        const newPassword = `N3w-${randomUUID()}`;
        await form.getByLabel("Current password").fill(account.password);
        await form.getByLabel("New password").fill(newPassword);
        await form.getByLabel("Confirm password").fill(newPassword);
        await expectNoViolations(page, "the change-password dialog filled in");
        await nextSecond();
        await form.getByRole("button", { name: "Change password", exact: true }).click();
        const changed = page.getByRole("dialog", { name: "Password changed" });
        await changed.waitFor();
        await laptop.disconnected;
        await expectNoViolations(page, "the password-changed summary");
        await changed.getByRole("button", { name: "Done" }).click();
        await changed.waitFor({ state: "detached" });
      } finally {
        await signOutOtherClient(laptop).catch(() => {});
      }

      // A second account, on a server that can't list clients.
      await page.getByRole("button", { name: "Add account" }).click();
      await page.getByRole("heading", { name: "Add an account" }).waitFor();
      await expectNoViolations(page, "the add-account form");
      const noModule = await e2e.account(e2e.server.noModuleDomain, "bob");
      await signInThroughUi(page, e2e.server, noModule);
      const unsupported = page.getByRole("region", { name: "This server can't show which clients have access" });
      await unsupported.waitFor();
      await expectNoViolations(page, "the unsupported-server screen");

      // 360 px wide: the sidebar gives way to the Account drop-down.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.getByRole("combobox", { name: "Account" }).selectOption(account.jid);
      await page.getByRole("heading", { level: 1, name: `Account ${account.jid}`, exact: true }).waitFor();
      await expectNoViolations(page, "the narrow layout");
      await page.setViewportSize({ width: 1280, height: 800 });

      // Reconnecting: the proxy refuses every connection until it is back.
      proxy.setDown(true);
      proxy.resetAll();
      await page.getByRole("button", { name: "Retry now" }).waitFor();
      await expectNoViolations(page, "the account screen while reconnecting");
      proxy.setDown(false);
      await connectionBadge(page, "online").waitFor();
    }, 120_000); // some 20 screens, each checked twice: about 35 s here, more on a busy machine
  });
});
