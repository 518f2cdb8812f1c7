import "./test/setup.js";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FakeClientManager, makeClient } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const ALICE = "alice@example.org";
const BOB = "bob@example.net";

function twoAccounts() {
  const fake = new FakeClientManager({
    accounts: [
      {
        jid: ALICE,
        state: { status: "online", jid: ALICE, credentials: "keychain" },
        clients: [makeClient({ connected: true, userAgent: { software: "Gajim" } }), makeClient({ userAgent: { software: "Dino" } })],
      },
      { jid: BOB, state: { status: "password-needed", jid: BOB, reason: "token-rejected" }, clients: [makeClient({ userAgent: { software: "Monal" } })] },
    ],
  });
  fake.seenLists.set(BOB, fake.list(BOB));
  return fake;
}

const sidebar = () => screen.getByRole("navigation", { name: "Accounts" });
const entry = (jid: string) => within(sidebar()).getByRole("button", { name: new RegExp(`^${jid.replace(/\./g, "\\.")}`) });

describe("several accounts", () => {
  it("lists every account with its status in words and its last counts", async () => {
    renderApp(twoAccounts());
    await waitFor(() => expect(entry(ALICE).textContent).toContain("2 clients, 1 connected now"));
    expect(entry(ALICE).textContent).toContain("Online");
    expect(entry(ALICE).getAttribute("aria-current")).toBe("page");
    expect(entry(BOB).textContent).toContain("Needs password");
    expect(entry(BOB).textContent).toContain("1 client, 0 connected now");
  });

  it("switching shows the other account's screen; a list pushed while another was shown is there", async () => {
    const fake = twoAccounts();
    fake.accounts.get(BOB)!.state = { status: "online", jid: BOB, credentials: "keychain" };
    // Its list after going online is still on its way from the core.
    fake.seenLists.delete(BOB);
    const { user } = renderApp(fake);
    expect(await screen.findByRole("article", { name: /Gajim/ })).toBeTruthy();
    act(() => fake.pushList(BOB));
    await user.click(entry(BOB));
    expect(screen.getByRole("article", { name: /Monal/ })).toBeTruthy();
    expect(screen.queryByRole("article", { name: /Gajim/ })).toBeNull();
    expect(screen.getByRole("heading", { level: 1, name: /bob@example\.net/ })).toBeTruthy();
    expect(fake.callsOf("listClients")).toEqual([]);
  });

  it("after a sign-in shows the list the core pushed, without asking for one", async () => {
    const fake = new FakeClientManager({
      accounts: [{ jid: ALICE, state: { status: "signed-out" }, clients: [makeClient({ userAgent: { software: "Gajim" } })] }],
    });
    const { user } = renderApp(fake);
    await user.type(await screen.findByLabelText("Password"), "pw");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("article", { name: /Gajim/ })).toBeTruthy();
    expect(fake.callsOf("listClients")).toEqual([]);
  });

  it("shows the error the core pushed after a sign-in instead of a list", async () => {
    const fake = new FakeClientManager({ accounts: [{ jid: ALICE, state: { status: "signed-out" } }] });
    fake.onSignIn = (request) => {
      fake.setState(request.jid, { status: "online", jid: request.jid, credentials: "keychain" });
      fake.pushListError(request.jid, { kind: "unsupported" });
      return { ok: true, value: fake.stateOf(request.jid) };
    };
    const { user } = renderApp(fake);
    await user.type(await screen.findByLabelText("Password"), "pw");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("region", { name: "This server can't show which clients have access" })).toBeTruthy();
    expect(fake.callsOf("listClients")).toEqual([]);
  });

  it("a password-needed account asks for its password only", async () => {
    const { user } = renderApp(twoAccounts());
    await user.click(await screen.findByRole("button", { name: /^bob@example\.net/ }));
    expect(await screen.findByText(/no longer accepted/)).toBeTruthy();
    expect((screen.getByLabelText("XMPP address") as HTMLInputElement).readOnly).toBe(true);
    expect(screen.queryByLabelText(/Remember me/)).toBeNull();
  });

  it("adds an account through the form, or goes back with Cancel", async () => {
    const fake = twoAccounts();
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole("button", { name: "Add account" }));
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(await screen.findByRole("article", { name: /Gajim/ })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Add account" }));
    expect(screen.getByRole("heading", { name: "Add an account" })).toBeTruthy();
    await user.type(screen.getByLabelText("XMPP address"), "carol@example.com");
    await user.type(screen.getByLabelText("Password"), "pw");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(fake.callsOf("signIn")).toEqual([{ jid: "carol@example.com", password: "pw", remember: true, allowInsecureLoopback: false }]);
    expect(await screen.findByRole("heading", { level: 1, name: /carol@example\.com/ })).toBeTruthy();
    expect(entry("carol@example.com").getAttribute("aria-current")).toBe("page");
    expect(entry("carol@example.com").textContent).toContain("Online");
  });

  it("a failed first sign-in adds nothing and keeps the form and its error", async () => {
    const fake = twoAccounts();
    fake.onSignIn = (request) => fake.failSignIn(request.jid, { kind: "auth-failed", condition: "not-authorized" });
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole("button", { name: "Add account" }));
    await user.type(screen.getByLabelText("XMPP address"), "carol@example.com");
    await user.type(screen.getByLabelText("Password"), "wrong");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("Wrong password."));
    expect(within(sidebar()).queryByRole("button", { name: /^carol/ })).toBeNull();
  });

  it("removing an account asks first, then calls removeAccount and shows another account", async () => {
    const fake = twoAccounts();
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole("button", { name: "Remove account…" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Remove account from this device?" });
    expect(dialog.textContent).toContain(
      "Warden signs out of alice@example.org on this device and forgets its sign-in token, trusted certificates and what it knows about the server. The clients listed stay as they are.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(fake.callsOf("removeAccount")).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Remove account…" }));
    await user.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Remove account" }));
    expect(fake.callsOf("removeAccount")).toEqual([{ jid: ALICE }]);
    await waitFor(() => expect(within(sidebar()).queryByRole("button", { name: /^alice/ })).toBeNull());
    expect(await screen.findByText(/no longer accepted/)).toBeTruthy();
  });

  it("follows the core's events: a new account, its pushed list, a removal", async () => {
    const fake = new FakeClientManager();
    renderApp(fake);
    await screen.findByRole("navigation", { name: "Accounts" });
    await act(async () => fake.setState(BOB, { status: "connecting", jid: BOB }));
    expect(entry(BOB).textContent).toContain("Signing in");
    await act(async () => {
      fake.setState(BOB, { status: "online", jid: BOB, credentials: "keychain" });
      fake.emit("clients-changed", { jid: BOB, list: { clients: [makeClient({ connected: true })], protocol: "prosody", fetchedAt: Date.now() } });
    });
    expect(entry(BOB).textContent).toContain("1 client, 1 connected now");
    // The pushed list is the core's own: nobody asked for another.
    expect(fake.callsOf("listClients")).not.toContainEqual({ jid: BOB });
    await act(async () => fake.emit("account-removed", { jid: BOB }));
    expect(within(sidebar()).queryByRole("button", { name: /^bob/ })).toBeNull();
  });
});
