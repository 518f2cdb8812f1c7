// The main flow in German, and the pseudo-locale at the default window size, in a real browser
// against a real Prosody: the language follows the browser's, every text went through the
// catalogs, and no text is cut off when it runs a third longer than English.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { TestServer } from "../server/prosody-test-server.js";
import { clientEntry, connectionBadge, counts, textOf, useBrowserMode } from "./browser-mode.js";
import { expand } from "./entry-details.js";

const e2e = useBrowserMode();
const MOVIM = { name: "Movim", uri: "https://movim.eu/", id: "movim-web", version: "0.29.1" };

/** This device's own row, found by its look rather than by its (translated) words. */
const thisDevice = (page: Page) => page.locator("article.client-row.is-current");

/** Opens a row's details (its disclosure button), where its facts and its action are. */
describe("Warden in German", () => {
  it("signs in through the German form, lists in German sections, and removes an app's access with the outcome in German", async () => {
    const account = await e2e.account();
    await e2e.server.createGrant(account.jid, MOVIM);
    const { page } = await e2e.open({ locale: "de-DE" });

    await page.getByRole("heading", { name: "Bei deinem XMPP-Konto anmelden" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("de");
    await page.getByRole("textbox", { name: "XMPP-Adresse" }).fill(account.jid);
    await page.getByLabel("Passwort", { exact: true }).fill(account.password);
    expect(await page.getByRole("checkbox", { name: "Auf diesem Gerät angemeldet bleiben" }).isChecked()).toBe(true);
    await page.getByText("Erweitert", { exact: true }).click();
    await page.getByRole("textbox", { name: "Server-Host" }).fill(e2e.server.host);
    await page.getByRole("textbox", { name: "Port", exact: true }).fill(String(e2e.server.starttlsPort));
    await page.getByRole("radio", { name: "STARTTLS" }).check();
    await page.getByRole("textbox", { name: "Gerätename" }).fill("Laptop");
    await page.getByRole("button", { name: "Anmelden", exact: true }).click();

    await connectionBadge(page, "online").waitFor();
    expect(await textOf(connectionBadge(page, "online"))).toContain("Online");
    await page.getByRole("heading", { name: "Alles mit Zugriff" }).waitFor();
    await thisDevice(page).waitFor();
    expect(await textOf(page.getByRole("group", { name: /^Dieses Gerät/ }))).toContain("Warden");
    expect(await textOf(page.getByRole("group", { name: /^Apps mit Zugriff/ }))).toContain("Movim");
    expect(await textOf(counts(page))).toBe("2 Clients · 1 verbunden");

    const grant = clientEntry(page, "Movim");
    expect(await textOf(grant)).toMatch(/^Movim 0\.29\.1 App-Token (nie benutzt|zuletzt benutzt .+)$/);
    await expand(grant);
    expect(await textOf(grant)).toContain("Angemeldet mit einem App-Token");
    await grant.getByRole("button", { name: "Movim den Zugriff entziehen", exact: true }).click();

    const dialog = page.getByRole("alertdialog", { name: "Movim den Zugriff entziehen?" });
    await dialog.waitFor();
    expect(await textOf(dialog)).toContain("Das App-Token wird entfernt");
    await dialog.getByRole("button", { name: "Zugriff entziehen", exact: true }).click();

    await page.getByRole("alertdialog", { name: "Zugriff entzogen" }).waitFor();
    expect(await textOf(page.getByRole("alertdialog").getByRole("status"))).toBe("Movim hat keinen Zugriff mehr auf dein Konto. Sein App-Token wurde entfernt.");
    await page.getByRole("button", { name: "Fertig" }).click();
    await page.getByRole("alertdialog").waitFor({ state: "detached" });
    await grant.waitFor({ state: "detached" });
    expect(await textOf(counts(page))).toBe("1 Client · 1 verbunden");
  });
});

type PageProblems = { cutOff: string[]; untranslated: string[] };

/**
 * What the page shows that a translation would break: elements whose text is cut off (scrollWidth
 * past clientWidth, unless the element ellipsizes on purpose and its full text is in a title or
 * aria attribute), and visible text nodes with plain ASCII letters once the server's words
 * (addresses, names, versions) are taken out. Skipped: what nobody sees (visually hidden text
 * is read, so it is checked for words but not for width), aria-hidden decoration, and <time>,
 * whose words are Intl's (it has no pseudo-locale data). Run as a string: the Node tsconfig has no
 * DOM types.
 */
function findProblems(page: Page, serverWords: string[]): Promise<PageProblems> {
  const words = JSON.stringify([...serverWords].sort((a, b) => b.length - a.length));
  return page.evaluate<PageProblems>(`(() => {
    const serverWords = ${words};
    const cutOff = [];
    const untranslated = [];
    const hiddenFromSight = (el) => el.closest(".visually-hidden, [aria-hidden=true], time, option, select") !== null;
    for (const el of document.body.querySelectorAll("*")) {
      const ownText = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
      if (!ownText || hiddenFromSight(el)) continue;
      const style = getComputedStyle(el);
      if (style.display === "inline" || style.display === "none" || el.getClientRects().length === 0) continue;
      if (el.scrollWidth <= el.clientWidth + 1) continue;
      const full = el.textContent.trim();
      const labelled = [el, ...(el.closest("[title], [aria-label]") ? [el.closest("[title], [aria-label]")] : [])].some((e) =>
        [e.getAttribute("title"), e.getAttribute("aria-label")].some((v) => v && v.includes(full)));
      if (style.textOverflow === "ellipsis" && labelled) continue;
      cutOff.push(full + " (" + el.scrollWidth + " > " + el.clientWidth + ")");
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("[aria-hidden=true], time, script, style, option[lang]")) continue;
      // A short form of a server word (an id's first characters) is the server's too.
      const text = node.textContent.trim();
      if (text.length >= 4 && serverWords.some((word) => word.includes(text))) continue;
      let rest = node.textContent;
      for (const word of serverWords) rest = rest.split(word).join(" ");
      if (/[A-Za-z]/.test(rest.replace(/[\\d\\s\\p{P}\\p{S}]/gu, ""))) untranslated.push(node.textContent);
    }
    return { cutOff, untranslated };
  })()`);
}

/** The sign-in form filled without reading its (pseudo) labels: by field kind. */
async function signInByFieldKind(page: Page, server: TestServer, account: { jid: string; password: string }): Promise<void> {
  await page.locator("input[autocomplete=username]").fill(account.jid);
  await page.locator("input[autocomplete=current-password]").fill(account.password);
  await page.locator("details.advanced summary").click();
  const advanced = page.locator("details.advanced");
  await advanced.locator("input[type=text]:not([inputmode])").first().fill(server.host);
  await advanced.locator("input[inputmode=numeric]").fill(String(server.starttlsPort));
  await advanced.locator("input[type=radio][value=starttls]").check();
  await advanced.locator("input[maxlength]").fill("Laptop");
}

describe("the pseudo-locale at 1280×800", () => {
  it("cuts no text off and leaves no English, on the sign-in form, the account screen and a dialog", async () => {
    const account = await e2e.account();
    await e2e.server.createGrant(account.jid, MOVIM);
    const { page, manager } = await e2e.open({ locale: "en-XA" });
    expect(await page.locator("html").getAttribute("lang")).toBe("en-XA");
    const domain = account.jid.split("@")[1]!;
    const serverWords = [account.jid, domain, e2e.server.host, String(e2e.server.starttlsPort), "Warden", "Laptop", "Movim", MOVIM.version, MOVIM.uri];

    await signInByFieldKind(page, e2e.server, account);
    // The pseudo text is there (accented, in brackets), and the form as filled in reads right.
    expect(await textOf(page.locator("form.sign-in-form h1"))).toMatch(/^\[Šîĝñ îñ/);
    expect(await findProblems(page, serverWords)).toEqual({ cutOff: [], untranslated: [] });

    await page.locator("form.sign-in-form button[type=submit]").click();
    await connectionBadge(page, "online").waitFor();
    await thisDevice(page).waitFor();
    await page.locator("article", { hasText: "Movim" }).waitFor();
    for (const summary of await page.locator("button.row-summary").all()) await summary.click();
    // The expanded rows show each entry's id, as the server gave it.
    const listed = await manager.listClients({ jid: account.jid });
    if (!listed.ok) throw new Error(`listClients failed: ${listed.error.kind}`);
    serverWords.push(...listed.value.clients.flatMap((client) => [client.id, ...client.id.split("/")]));
    expect(await findProblems(page, serverWords)).toEqual({ cutOff: [], untranslated: [] });

    // A dialog: changing the password, with what will lose access.
    await page.locator(".account-actions button").nth(1).click();
    const dialog = page.locator("dialog.modal");
    await dialog.waitFor();
    await dialog.locator("input[autocomplete=new-password]").first().fill("a much longer new password");
    expect(await findProblems(page, serverWords)).toEqual({ cutOff: [], untranslated: [] });
  });
});
