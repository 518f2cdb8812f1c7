import "./test/setup.js";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AccountError, CertificateProblem } from "../../src/shared/index.js";
import { FakeClientManager } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 11 + 3).toString(16).toUpperCase().padStart(2, "0").slice(-2)).join(":");

const CHANGED_CERTIFICATE: CertificateProblem = {
  kind: "certificate",
  fingerprint256: FINGERPRINT,
  subject: "CN=example.org",
  issuer: "CN=Someone Else",
  reason: "unable to verify the first certificate",
  pinMismatch: false,
  caVerifiedBefore: true,
};

/** A first run; every sign-in fails with `error` (the account is not added, as with the real core). */
function failingWith(error: AccountError) {
  const fake = new FakeClientManager({ accounts: [] });
  fake.onSignIn = (request) => fake.failSignIn(request.jid, error);
  return fake;
}

async function submit(user: ReturnType<typeof renderApp>["user"], jid = "alice@example.org", password = "pw") {
  await user.type(await screen.findByLabelText("XMPP address"), jid);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

async function alertText(): Promise<string> {
  let text = "";
  await waitFor(() => {
    text = screen.getByRole("alert").textContent ?? "";
    expect(text).not.toBe("");
  });
  return text;
}

describe("a server that was CA-verified before presents another certificate", () => {
  it("says Warden can no longer verify it and that this can be an attack, and offers no way to trust it", async () => {
    const fake = failingWith(CHANGED_CERTIFICATE);
    const { user } = renderApp(fake);
    await submit(user);
    const prompt = (await screen.findByRole("heading", { name: "Warden can no longer verify example.org" })).closest("section")!;
    expect(prompt.textContent).toContain("couldn't be verified: unable to verify the first certificate.");
    expect(prompt.textContent).toContain("This can be an attack");
    expect(prompt.textContent).toContain("Forget what Warden knows about this server");
    expect(within(prompt).queryByRole("button", { name: /Trust/ })).toBeNull();
    expect(within(prompt).queryByRole("button", { name: /continue|anyway/i })).toBeNull();

    await user.click(within(prompt).getByRole("button", { name: "Cancel" }));
    expect(fake.callsOf("trustCertificate")).toEqual([]);
    expect(fake.callsOf("signIn")).toHaveLength(1);
    expect(await alertText()).toBe("Not signed in: Warden can no longer verify the server's certificate.");
    // The way out stays reachable from the form.
    expect(screen.getByRole("button", { name: "Account details…" })).toBeTruthy();
  });

  it("from the prompt, the account's details forget the server after a confirmation, and the form asks for the password", async () => {
    const fake = failingWith(CHANGED_CERTIFICATE);
    fake.security.set("alice@example.org", { protections: ["ca-verified-certificate", "scram"], pinnedFingerprints: [] });
    const { user } = renderApp(fake);
    await submit(user);
    const prompt = (await screen.findByRole("heading", { name: "Warden can no longer verify example.org" })).closest("section")!;
    await user.click(within(prompt).getByRole("button", { name: "Account details…" }));

    const details = await screen.findByRole("dialog", { name: "Account details" });
    expect(await within(details).findByText("Certificate signed by a trusted authority")).toBeTruthy();
    await user.click(within(details).getByRole("button", { name: "Forget what Warden knows about this server…" }));
    const confirm = await screen.findByRole("alertdialog", { name: "Forget what Warden knows about this server?" });
    expect(confirm.textContent).toContain("signs alice@example.org out");
    expect(confirm.textContent).toContain("asks for your password");
    expect(fake.callsOf("forgetServer")).toEqual([]);
    await user.click(within(confirm).getByRole("button", { name: "Forget and sign out" }));

    expect(fake.callsOf("forgetServer")).toEqual([{ jid: "alice@example.org" }]);
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(screen.queryByRole("heading", { name: /certificate/ })).toBeNull();
    expect(await screen.findByText(/Warden forgot what it knew about example\.org/)).toBeTruthy();
    expect((screen.getByLabelText("XMPP address") as HTMLInputElement).value).toBe("alice@example.org");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Password")));
  });

  it("shows the same no-trust prompt when the app resumes into it at launch", async () => {
    const fake = new FakeClientManager({ state: { status: "error", jid: "alice@example.org", error: CHANGED_CERTIFICATE } });
    renderApp(fake);
    const prompt = (await screen.findByRole("heading", { name: "Warden can no longer verify example.org" })).closest("section")!;
    expect(within(prompt).queryByRole("button", { name: /Trust/ })).toBeNull();
  });
});

describe("words for what the server did wrong", () => {
  it("no encryption offered", async () => {
    const { user } = renderApp(failingWith({ kind: "insecure-stream", reason: "no-encryption" }));
    await submit(user);
    expect(await alertText()).toBe("The server did not offer encryption, so Warden did not sign in. Your password and sign-in token were not sent.");
  });

  it("no sign-in asked for", async () => {
    const { user } = renderApp(failingWith({ kind: "insecure-stream", reason: "no-authentication" }));
    await submit(user);
    const text = await alertText();
    expect(text).toMatch(/^The server did not ask you to sign in/);
    expect(text).toContain("Your password and sign-in token were not sent.");
  });

  it("a downgrade says what the server no longer does, that it can be an attack, and where to start over", async () => {
    const fake = failingWith({ kind: "downgrade", lost: ["channel-binding"] });
    const { user } = renderApp(fake);
    await submit(user);
    const text = await alertText();
    expect(text).toContain("used to prove the connection was not intercepted and now does not.");
    expect(text).toContain("This can be an attack. Your password and sign-in token were not sent.");
    // The technical name is behind "Details", closed.
    expect(text).not.toContain("channel binding");
    const details = screen.getByText("Details").closest("details")!;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain("missing now: SCRAM channel binding.");
    expect(text).toContain("Only if your server's administrator changed its setup");
    expect(screen.queryByRole("button", { name: /Trust/ })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Account details…" }));
    expect(await screen.findByRole("dialog", { name: "Account details" })).toBeTruthy();
    expect(fake.callsOf("getAccountSecurity")).toEqual([{ jid: "alice@example.org" }]);
  });

  it("a downgrade that lost several protections names each", async () => {
    const { user } = renderApp(failingWith({ kind: "downgrade", lost: ["scram", "downgrade-protection"] }));
    await submit(user);
    const text = await alertText();
    expect(text).toContain("let Warden sign in without sending your password and protect its list of sign-in methods against tampering");
    expect(screen.getByText("Details").closest("details")!.textContent).toContain("missing now: SCRAM and a signed SASL mechanism list (XEP-0474).");
  });

  it("data Warden could not read, with the detail behind Details", async () => {
    const { user } = renderApp(failingWith({ kind: "malformed-stream", reason: "not-well-formed", detail: "unclosed tag at line 1" }));
    await submit(user);
    expect(await alertText()).toBe("The server sent data Warden could not read, so Warden disconnected.");
    const details = screen.getByText("Details").closest("details")!;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain("unclosed tag at line 1");
    expect(screen.queryByRole("button", { name: "Account details…" })).toBeNull();
  });
});
