import "./test/setup.js";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { CertificateProblem } from "../../src/shared/index.js";
import { FakeClientManager } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, "0").slice(-2)).join(":");

function certificate(pinMismatch = false, caVerifiedBefore = false): CertificateProblem {
  return {
    kind: "certificate",
    fingerprint256: FINGERPRINT,
    subject: "CN=localhost",
    issuer: "CN=localhost",
    reason: "self-signed certificate",
    pinMismatch,
    caVerifiedBefore,
  };
}

/** A first run: no account on this device yet. */
function firstRun() {
  return new FakeClientManager({ accounts: [] });
}

async function submit(user: ReturnType<typeof renderApp>["user"], jid: string, password: string) {
  await user.type(await screen.findByLabelText("XMPP address"), jid);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("sign-in form", () => {
  it("signs in with the password, remembers by default, clears the password field and shows the account", async () => {
    const fake = firstRun();
    const { user } = renderApp(fake);
    await submit(user, "alice@example.org", "hunter2");
    expect(fake.callsOf("signIn")).toEqual([{ jid: "alice@example.org", password: "hunter2", remember: true, allowInsecureLoopback: false }]);
    expect(await screen.findByRole("heading", { name: /alice@example\.org/ })).toBeTruthy();
    expect(within(screen.getByRole("banner")).getByText("Online")).toBeTruthy();
  });

  it("sends the advanced server, TLS mode and device name", async () => {
    const fake = firstRun();
    const { user } = renderApp(fake);
    await user.click(await screen.findByText("Advanced"));
    await user.type(screen.getByLabelText("Server host"), "xmpp.example.org");
    await user.type(screen.getByLabelText("Port"), "5223");
    await user.click(screen.getByLabelText(/Direct TLS/));
    await user.type(screen.getByLabelText("Device name"), "Work laptop");
    await user.click(screen.getByLabelText(/Remember me on this device/));
    await submit(user, "bob@example.org", "pw");
    expect(fake.callsOf("setDeviceName")).toEqual([{ deviceName: "Work laptop" }]);
    expect(fake.callsOf("signIn")[0]).toMatchObject({
      jid: "bob@example.org",
      remember: false,
      server: { host: "xmpp.example.org", port: 5223, tls: "direct" },
    });
  });

  it("says the password is wrong, keeps the server's own sentence behind Details, and empties the field", async () => {
    const fake = firstRun();
    const scram = "SCRAM: invalid-proof: the client proof did not match";
    fake.onSignIn = (request) => fake.failSignIn(request.jid, { kind: "auth-failed", condition: "not-authorized", text: scram });
    const { user } = renderApp(fake);
    await submit(user, "alice@example.org", "wrong");
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("Wrong password. Check the password and the address, then try again."));
    expect((screen.getByLabelText("Password") as HTMLInputElement).value).toBe("");
    const details = screen.getByText("Details").closest("details")!;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain(scram);
  });

  it.each([
    [
      { kind: "network", message: "getaddrinfo ENOTFOUND no-such-domain.invalid", code: "ENOTFOUND", host: "no-such-domain.invalid" },
      "Couldn't find a server for no-such-domain.invalid.",
    ],
    // No host from the system: the account's domain is what was looked up.
    [{ kind: "network", message: "queryA ENOTFOUND", code: "ENOTFOUND" }, "Couldn't find a server for example.org."],
    [
      { kind: "network", message: "connect ECONNREFUSED 127.0.0.1:5999", code: "ECONNREFUSED", host: "127.0.0.1", port: 5999 },
      "The server at 127.0.0.1:5999 isn't answering.",
    ],
    [{ kind: "network", message: "connect ETIMEDOUT 192.0.2.1:5222", code: "ETIMEDOUT", host: "192.0.2.1", port: 5222 }, "The server didn't answer in time."],
    [{ kind: "timeout" }, "The server didn't answer in time."],
  ] as const)("says in words when the server can't be reached (%j)", async (error, words) => {
    const fake = firstRun();
    fake.onSignIn = () => ({ ok: false, error });
    const { user } = renderApp(fake);
    await submit(user, "alice@example.org", "pw");
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(new RegExp(`^${words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)));
    const alert = screen.getByRole("alert").textContent ?? "";
    expect(alert).not.toMatch(/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|getaddrinfo/);
    // The system's own text is one click away.
    if ("message" in error) expect(screen.getByText("Details").closest("details")!.textContent).toContain(error.message);
  });

  it("never signs in without a password from the form", async () => {
    const fake = firstRun();
    const { user } = renderApp(fake);
    await user.type(await screen.findByLabelText("XMPP address"), "alice@example.org");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(screen.getByRole("alert").textContent).toBe("Enter your password.");
    expect(fake.callsOf("signIn")).toEqual([]);
  });

  it("puts focus on the first field", async () => {
    renderApp(firstRun());
    const address = await screen.findByLabelText("XMPP address");
    await waitFor(() => expect(document.activeElement).toBe(address));
  });

  it("offers “Continue as” for an account this device keeps a sign-in for, and signs in with it, without a password", async () => {
    const fake = new FakeClientManager({ state: { status: "signed-out", storedSignIn: true }, accounts: [{ jid: "alice@example.org", state: { status: "signed-out", storedSignIn: true } }] });
    const { user } = renderApp(fake);
    const continueAs = await screen.findByRole("button", { name: "Continue as alice@example.org" });
    await waitFor(() => expect(document.activeElement).toBe(continueAs));
    expect(screen.queryByLabelText("Password")).toBeNull();
    await user.click(continueAs);
    expect(fake.callsOf("signIn")).toEqual([{ jid: "alice@example.org", remember: true }]);
    expect(await screen.findByRole("heading", { name: /alice@example.org/ })).toBeTruthy();
  });

  it("“Use a different password” shows the password form, with focus on the password", async () => {
    const fake = new FakeClientManager({ accounts: [{ jid: "alice@example.org", state: { status: "signed-out", storedSignIn: true } }] });
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole("button", { name: "Use a different password" }));
    const password = screen.getByLabelText("Password");
    await waitFor(() => expect(document.activeElement).toBe(password));
    expect(screen.queryByRole("button", { name: /Continue as/ })).toBeNull();
  });

  it("shows the password form, not “Continue as”, when this device keeps nothing", async () => {
    renderApp(new FakeClientManager({ accounts: [{ jid: "alice@example.org", state: { status: "signed-out" } }] }));
    const password = await screen.findByLabelText("Password");
    await waitFor(() => expect(document.activeElement).toBe(password));
    expect(screen.queryByRole("button", { name: /Continue as/ })).toBeNull();
  });

  it("asks for the password when the stored token was rejected", async () => {
    renderApp(new FakeClientManager({ state: { status: "password-needed", jid: "alice@example.org", reason: "token-rejected" } }));
    expect(await screen.findByText(/no longer accepted/)).toBeTruthy();
    expect((screen.getByLabelText("XMPP address") as HTMLInputElement).value).toBe("alice@example.org");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Password")));
  });

  it("shows a certificate problem; trusting sends the decision only (no fingerprint) and signs in again", async () => {
    const fake = firstRun();
    let attempts = 0;
    fake.onSignIn = (request) => {
      attempts += 1;
      if (attempts === 1) return { ok: false, error: certificate() };
      fake.setState(request.jid, { status: "online", jid: request.jid, credentials: "keychain" });
      return { ok: true, value: fake.stateOf(request.jid) };
    };
    const { user } = renderApp(fake);
    await submit(user, "alice@localhost", "pw");
    const heading = await screen.findByRole("heading", { name: "Warden can't verify this server" });
    const prompt = heading.closest("section")!;
    expect(prompt.textContent).toContain(FINGERPRINT);
    expect(prompt.textContent).toContain("CN=localhost");
    await user.click(within(prompt).getByRole("button", { name: "Trust this certificate" }));
    expect(fake.callsOf("trustCertificate")).toEqual([{ jid: "alice@localhost" }]);
    expect(fake.callsOf("signIn")).toHaveLength(2);
    expect(fake.callsOf("signIn")[1]).toMatchObject({ jid: "alice@localhost", password: "pw" });
    expect(await screen.findByRole("heading", { name: /alice@localhost/ })).toBeTruthy();
  });

  it("warns louder when the certificate changed, and Cancel stays safe", async () => {
    const fake = firstRun();
    fake.onSignIn = () => ({ ok: false, error: certificate(true) });
    const { user } = renderApp(fake);
    await submit(user, "alice@example.org", "pw");
    const heading = await screen.findByRole("heading", { name: "This server's certificate has changed" });
    expect(heading.closest("section")!.textContent).toContain("intercepting");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(fake.callsOf("trustCertificate")).toEqual([]);
    expect(fake.callsOf("signIn")).toHaveLength(1);
    expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toContain("certificate was not trusted");
  });

  it("never signs in at launch: an account the core is resuming shows as signing in, not as a form", async () => {
    const fake = new FakeClientManager({ state: { status: "connecting", jid: "alice@example.org" } });
    renderApp(fake);
    expect((await screen.findByText(/Signing in as/)).textContent).toBe("Signing in as alice@example.org…");
    expect(screen.queryByLabelText("Password")).toBeNull();
    await act(async () => fake.setState("alice@example.org", { status: "online", jid: "alice@example.org", credentials: "keychain" }));
    expect(await screen.findByRole("heading", { name: /alice@example\.org/ })).toBeTruthy();
    expect(fake.callsOf("signIn")).toEqual([]);
  });

  it("offers a signed-out account's form with its address filled in, without signing in", async () => {
    const fake = new FakeClientManager({ state: { status: "signed-out" } });
    renderApp(fake);
    const address = (await screen.findByLabelText("XMPP address")) as HTMLInputElement;
    expect(address.value).toBe("alice@example.org");
    expect(address.readOnly).toBe(true);
    expect(fake.callsOf("signIn")).toEqual([]);
  });

  it("signs out, optionally forgetting this device's credentials", async () => {
    const fake = new FakeClientManager();
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole("button", { name: "Sign out…" }));
    const dialog = await screen.findByRole("dialog", { name: "Sign out of Warden?" });
    await user.click(within(dialog).getByLabelText(/Forget this device's credentials/));
    await user.click(within(dialog).getByRole("button", { name: "Sign out" }));
    expect(fake.callsOf("signOut")).toEqual([{ jid: "alice@example.org", forgetCredentials: true }]);
    expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
    expect(screen.getByText(/no longer remembers your account/)).toBeTruthy();
  });
});
