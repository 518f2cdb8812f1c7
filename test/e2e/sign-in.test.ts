// Signing in through the form in a real browser against a real Prosody: a wrong password, a server
// without the manage-clients protocol, and a certificate Warden can't verify.
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { presentedCertificate } from "../integration/certificate.js";
import { accountState, connectionBadge, screenshot, signInThroughUi, textOf, tokenOf, useBrowserMode } from "./browser-mode.js";
import type { PageDocument } from "./page-dom.js";

// Globals of the page, for page.evaluate callbacks (see page-dom.ts).
declare const document: PageDocument;

const e2e = useBrowserMode();

/** The prompt's term → description pairs, as text (the terms are upper-cased by CSS only). */
function certificateDetails(prompt: Locator): Promise<Record<string, string>> {
  return prompt.locator("dl").evaluate((dl) =>
    Object.fromEntries([...dl.querySelectorAll("dt")].map((dt) => [dt.textContent ?? "", dt.nextElementSibling?.textContent ?? ""])),
  );
}

describe("signing in", () => {
  it("says a wrong password in words (the server's own sentence behind Details) and stays on the form, with the password field emptied", async () => {
    const account = await e2e.account();
    const { page, launchUrl, manager } = await e2e.open();
    const wrong = `wrong-${account.password}`;
    await screenshot(page, "sign-in", [tokenOf(launchUrl)]);

    await signInThroughUi(page, e2e.server, { jid: account.jid, password: wrong });

    const alert = page.getByRole("alert").filter({ hasText: "Wrong password" });
    await alert.waitFor();
    expect(await textOf(alert)).toBe("Wrong password. Check the password and the address, then try again.");
    await page.getByRole("heading", { name: "Sign in to your XMPP account" }).waitFor();
    await page.getByRole("button", { name: "Sign in", exact: true }).waitFor();
    expect(await page.getByRole("textbox", { name: "XMPP address" }).inputValue()).toBe(account.jid);
    expect(await page.getByLabel("Password", { exact: true }).inputValue()).toBe("");
    // Focus goes to the error, so a screen reader reads it first.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
    expect(await page.getByRole("heading", { name: account.jid }).count()).toBe(0);
    // A first sign-in that failed adds nothing to this device.
    expect(await accountState(manager, account.jid)).toBeUndefined();
    const details = page.locator(".sign-in-error details");
    expect(await details.getAttribute("open")).toBeNull();
    await details.getByText("Details").click();
    expect(await textOf(details)).toContain("not-authorized");
    await screenshot(page, "sign-in-wrong-password", [account.password, wrong, tokenOf(launchUrl)]);
  });

  it("says in words when no server answers to the name given, the system's text behind Details", async () => {
    const account = await e2e.account();
    const { page } = await e2e.open();
    await page.getByRole("heading", { name: "Sign in to your XMPP account" }).waitFor();
    await page.getByRole("textbox", { name: "XMPP address" }).fill(account.jid);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    await page.locator("details.advanced summary").click();
    await page.getByRole("textbox", { name: "Server host" }).fill("no-such-domain.invalid");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    const alert = page.getByRole("alert").filter({ hasText: "Couldn't find a server" });
    await alert.waitFor();
    expect(await textOf(alert)).toMatch(/^Couldn't find a server for no-such-domain\.invalid\./);
    expect(await textOf(alert)).not.toContain("ENOTFOUND");
    const details = page.locator(".sign-in-error details");
    await details.getByText("Details").click();
    expect(await textOf(details)).toContain("ENOTFOUND");
  });

  it("explains a server without the manage-clients protocol, while signed in", async () => {
    const account = await e2e.account(e2e.server.noModuleDomain);
    const { page, launchUrl } = await e2e.open();
    await signInThroughUi(page, e2e.server, account);

    await connectionBadge(page, "online").waitFor();
    await page.getByRole("heading", { name: account.jid }).waitFor();
    const state = page.getByRole("region", { name: "This server can't show which clients have access" });
    await state.waitFor();
    expect(await textOf(state)).toContain("enable mod_client_management on Prosody 13 or later, or use a server that supports Client Access Management (XEP-0494)");
    // Nothing to retry: asking again won't change the server.
    expect(await state.getByRole("button", { name: "Try again" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Refresh" }).count()).toBe(0);
    expect(await page.getByRole("list", { name: "Clients" }).count()).toBe(0);
    await screenshot(page, "unsupported", [account.password, tokenOf(launchUrl)]);
  });
});

describe("a certificate Warden can't verify", () => {
  async function promptFor() {
    const account = await e2e.account(e2e.server.mismatchDomain);
    const warden = await e2e.open();
    await signInThroughUi(warden.page, e2e.server, account);
    const prompt = warden.page.getByRole("region", { name: "Warden can't verify this server" });
    await prompt.waitFor();
    return { account, warden, prompt };
  }

  it("shows the fingerprint and subject the server presents; Cancel keeps you on the sign-in form", async () => {
    const { account, warden, prompt } = await promptFor();
    const { page, manager } = warden;
    const presented = await presentedCertificate(e2e.server, e2e.server.mismatchDomain);

    const fingerprint = await textOf(prompt.locator(".fingerprint code"));
    expect(fingerprint).toBe(presented.fingerprint256);
    const details = await certificateDetails(prompt);
    expect(presented.subject.CN).toBe("wrong.example");
    expect(details).toMatchObject({ Subject: `CN=${presented.subject.CN}`, Issuer: `CN=${presented.issuer.CN}` });
    expect(details["SHA-256 fingerprint"]).toBe(`${presented.fingerprint256}Copy`);
    expect(await textOf(prompt)).toContain(`The certificate of ${e2e.server.mismatchDomain} couldn't be verified`);
    // The safe choice has focus-first styling and comes first; the heading has focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await screenshot(page, "certificate-prompt", [account.password, tokenOf(warden.launchUrl)]);

    await prompt.getByRole("button", { name: "Cancel" }).click();
    await prompt.waitFor({ state: "detached" });
    await page.getByRole("heading", { name: "Sign in to your XMPP account" }).waitFor();
    const alert = page.getByRole("alert").filter({ hasText: "Not signed in: the server's certificate was not trusted." });
    await alert.waitFor();
    expect(await page.getByLabel("Password", { exact: true }).inputValue()).toBe("");
    expect(await accountState(manager, account.jid)).toBeUndefined();
    expect(await connectionBadge(page, "online").count()).toBe(0);
  });

  it("says in words what is wrong: the certificate doesn't name the account's domain", async () => {
    const { prompt } = await promptFor();
    const problem = (await certificateDetails(prompt)).Problem ?? "";
    expect(problem, "the problem is an error code, not words").not.toMatch(/^[A-Z0-9_]+$/);
    expect(problem).toBe(`it is for wrong.example, not for ${e2e.server.mismatchDomain}`);
  });

  it("signs in after “Trust this certificate”", async () => {
    const { account, warden, prompt } = await promptFor();
    await prompt.getByRole("button", { name: "Trust this certificate" }).click();

    await connectionBadge(warden.page, "online").waitFor();
    await warden.page.getByRole("heading", { name: account.jid }).waitFor();
    expect(await textOf(connectionBadge(warden.page, "online"))).toContain("Online");
    expect(await accountState(warden.manager, account.jid)).toMatchObject({ status: "online", jid: account.jid });
  });
});
