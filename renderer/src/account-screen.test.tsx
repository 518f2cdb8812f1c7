import "./test/setup.js";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ALICE, FakeClientManager, makeClient } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

describe("account screen", () => {
  it("while reconnecting: says so, turns off what needs the server with the reason, and offers “Retry now”", async () => {
    const fake = new FakeClientManager({ clients: [makeClient({ id: "self", isCurrent: true, connected: true })] });
    const { user } = renderApp(fake);
    await screen.findByRole("article");
    fake.setState(ALICE, { status: "reconnecting", jid: ALICE, attempt: 2 });
    const retry = await screen.findByRole("button", { name: "Retry now" });
    expect(screen.getAllByRole("status").some((status) => status.textContent?.startsWith("Reconnecting."))).toBe(true);
    const reason = "Refreshing the list, changing the password and removing access need the server: they're off until Warden is back.";
    for (const name of ["Refresh", "Change password…"]) {
      const button = screen.getByRole("button", { name }) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      expect(document.getElementById(button.getAttribute("aria-describedby")!)?.textContent).toBe(reason);
    }
    expect(within(screen.getByRole("banner")).getByText("Reconnecting… (attempt 2)")).toBeTruthy();
    await user.click(retry);
    expect(fake.callsOf("reconnectNow")).toEqual([{ jid: ALICE }]);
    fake.setState(ALICE, { status: "online", jid: ALICE, credentials: "keychain" });
    await waitFor(() => expect(screen.queryByRole("button", { name: "Retry now" })).toBeNull());
    expect((screen.getByRole("button", { name: "Change password…" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("while reconnecting: this device's row says “Reconnecting”, and the rows' actions are off with the reason", async () => {
    const fake = new FakeClientManager({
      clients: [
        makeClient({ id: "self", isCurrent: true, connected: true, userAgent: { software: "Warden", device: "Laptop" } }),
        makeClient({ id: "phone", userAgent: { software: "Conversations", device: "Pixel 8" } }),
      ],
    });
    const { user } = renderApp(fake);
    await screen.findAllByRole("article");
    fake.setState(ALICE, { status: "reconnecting", jid: ALICE, attempt: 1 });
    await screen.findByRole("button", { name: "Retry now" });
    const self = screen.getByRole("article", { name: /^Warden/ });
    expect(self.textContent).toContain("Reconnecting");
    expect(self.textContent).not.toContain("Connected");
    const phone = screen.getByRole("article", { name: /^Conversations/ });
    await user.click(within(phone).getByRole("button", { expanded: false }));
    const remove = within(phone).getByRole("button", { name: /^Remove access from Conversations/ }) as HTMLButtonElement;
    expect(remove.disabled).toBe(true);
    expect(document.getElementById(remove.getAttribute("aria-describedby")!)?.textContent).toContain("need the server");
    fake.setState(ALICE, { status: "online", jid: ALICE, credentials: "keychain" });
    await waitFor(() => expect(remove.disabled).toBe(false));
  });

  it("says so when “Retry now” is refused", async () => {
    const fake = new FakeClientManager();
    fake.onReconnectNow = () => ({ ok: false, error: { kind: "not-signed-in" } });
    const { user } = renderApp(fake);
    await screen.findByRole("heading", { name: /alice@example.org/ });
    fake.setState(ALICE, { status: "reconnecting", jid: ALICE, attempt: 1 });
    await user.click(await screen.findByRole("button", { name: "Retry now" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Couldn't retry now. You're not signed in any more. Sign in and try again.");
  });

  it("a server without the module: a screen saying what the administrator can do, and no Refresh", async () => {
    const fake = new FakeClientManager({ accounts: [] });
    fake.onSignIn = (request) => {
      fake.setState(request.jid, { status: "online", jid: request.jid, credentials: "keychain" });
      fake.pushListError(request.jid, { kind: "unsupported" });
      return { ok: true, value: fake.stateOf(request.jid) };
    };
    const { user } = renderApp(fake);
    await user.type(await screen.findByLabelText("XMPP address"), "alice@example.net");
    await user.type(screen.getByLabelText("Password"), "pw");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    const screenRegion = await screen.findByRole("region", { name: "This server can't show which clients have access" });
    expect(screenRegion.textContent).toContain("example.net doesn't");
    expect(screenRegion.textContent).toContain("enable mod_client_management on Prosody 13 or later");
    expect(screenRegion.textContent).toContain("Client Access Management (XEP-0494)");
    expect(screen.queryByRole("button", { name: "Refresh" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  });
});
