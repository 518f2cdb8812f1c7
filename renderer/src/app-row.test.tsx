// An app token and the session that signed in with it, shown and revoked as one app. No server here
// lists a session with an OAuth client id and uri (see group-apps.ts), so these run against the fake core.
import "./test/setup.js";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ClientInfo } from "../../src/shared/index.js";
import { FakeClientManager, makeClient } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const OAUTH = { software: "Movim", softwareId: "movim-web", softwareVersion: "0.29.1", uri: "https://movim.eu/" };
const grant = () => makeClient({ id: "grant/movim", kind: "access", authMethods: ["token"], userAgent: OAUTH });
const session = (more: Partial<ClientInfo> = {}) =>
  makeClient({ id: "client/movim", connected: true, authMethods: ["token"], userAgent: { software: "Movim", softwareId: "movim-web", uri: "https://movim.eu/", device: "Firefox" }, ...more });
const phone = () => makeClient({ id: "client/phone", userAgent: { software: "Conversations", device: "Pixel 8" } });
const self = () => makeClient({ id: "client/self", isCurrent: true, connected: true, userAgent: { software: "Warden", device: "My laptop" } });

async function openAppRevoke(fake: FakeClientManager) {
  const view = renderApp(fake);
  const app = await screen.findByRole("article", { name: "Movim 0.29.1 app token and a session" });
  await view.user.click(within(app).getByRole("button", { expanded: false }));
  await view.user.click(within(app).getByRole("button", { name: "Remove access from Movim (app token and a session)" }));
  const dialog = await screen.findByRole("alertdialog");
  return { ...view, dialog };
}

describe("an app token with its session", () => {
  it("is one row in Connected now; its details list both entries, with one Remove access", async () => {
    const { user } = renderApp(new FakeClientManager({ clients: [self(), session(), phone(), grant()] }));
    const list = await screen.findByRole("list", { name: "Clients" });
    expect(within(list).getAllByRole("article")).toHaveLength(3);
    const connected = screen.getByRole("group", { name: /^Connected now/ });
    const app = within(connected).getByRole("article", { name: "Movim 0.29.1 app token and a session" });
    const summary = within(app).getByRole("button");
    expect(summary.getAttribute("aria-label")).toBe("Movim 0.29.1, app token and a session, Connected");
    await user.click(summary);
    const entries = [...within(app).getByRole("list", { name: "Movim's entries" }).children];
    expect(entries.map((entry) => entry.querySelector(".app-entry-kind")?.textContent)).toEqual(["App token", "Session on Firefox"]);
    expect(entries[1]?.textContent).toContain("Now (connected)");
    expect(within(app).getAllByRole("button", { name: /^Remove access/ })).toHaveLength(1);
    expect(screen.getByText("3 clients · 2 connected")).toBeTruthy();
  });

  it("stays two rows when only the software name matches", async () => {
    const nameOnly = makeClient({ id: "client/movim", connected: true, userAgent: { software: "Movim", device: "Firefox" } });
    renderApp(new FakeClientManager({ clients: [nameOnly, grant()] }));
    const list = await screen.findByRole("list", { name: "Clients" });
    expect(within(list).getAllByRole("article")).toHaveLength(2);
    expect(screen.queryByRole("article", { name: /app token and a session/ })).toBeNull();
  });

  it("revokes the app token first, then the session, says both were done, and the app leaves the list", async () => {
    const fake = new FakeClientManager({ clients: [session(), grant(), phone()] });
    const { user, dialog } = await openAppRevoke(fake);
    expect(within(dialog).getByRole("heading", { name: "Remove access from Movim?" })).toBeTruthy();
    expect(dialog.textContent).toContain("Session on Firefox, connected");
    await user.click(within(dialog).getByRole("button", { name: "Remove access" }));
    const status = within(dialog).getByRole("status");
    await waitFor(() =>
      expect(status.textContent).toBe("Movim no longer has access to your account. Its app token was removed. Its session was signed out."),
    );
    expect(within(dialog).getByRole("heading", { name: "Access removed" })).toBeTruthy();
    expect(fake.callsOf("revokeClient")).toEqual([{ jid: "alice@example.org", id: "grant/movim" }, { jid: "alice@example.org", id: "client/movim" }]);
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("article", { name: /Movim/ })).toBeNull());
    expect(screen.getByRole("article", { name: /Conversations/ })).toBeTruthy();
  });

  it("says which part failed, still revokes the session, and offers to try again", async () => {
    const fake = new FakeClientManager({ clients: [session(), grant()] });
    const defaultRevoke = fake.onRevoke;
    fake.onRevoke = (request) =>
      request.id === "grant/movim"
        ? { ok: true, value: { outcome: "failed", condition: "internal-server-error", text: "Unable to revoke client access", retryLater: true } }
        : defaultRevoke(request);
    const { user, dialog } = await openAppRevoke(fake);
    await user.click(within(dialog).getByRole("button", { name: "Remove access" }));
    const status = within(dialog).getByRole("status");
    await waitFor(() =>
      expect(status.textContent).toBe(
        "App token: The server couldn't remove access from Movim. The server said: “Unable to revoke client access” The server asked to try again later. Its session was signed out.",
      ),
    );
    expect(within(dialog).getByRole("heading", { name: "Access not fully removed" })).toBeTruthy();
    expect(fake.callsOf("revokeClient")).toEqual([{ jid: "alice@example.org", id: "grant/movim" }, { jid: "alice@example.org", id: "client/movim" }]);
    expect(within(dialog).getByRole("button", { name: "Try again" })).toBeTruthy();
  });

  it("says when the session still knows the password, and offers the password change", async () => {
    const fake = new FakeClientManager({ clients: [session({ authMethods: ["password"] }), grant()] });
    const defaultRevoke = fake.onRevoke;
    fake.onRevoke = (request) =>
      request.id === "client/movim" ? { ok: true, value: { outcome: "knows-password", removed: ["session"] } } : defaultRevoke(request);
    const { user, dialog } = await openAppRevoke(fake);
    await user.click(within(dialog).getByRole("button", { name: "Remove access" }));
    const status = within(dialog).getByRole("status");
    await waitFor(() =>
      expect(status.textContent).toBe(
        "Its app token was removed. Session: Signed out — but it still knows your password. To lock it out, change your password.",
      ),
    );
    // "Done" is the default; the password change is offered right beside it.
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Done" }));
    expect(within(dialog).getByRole("button", { name: "Change password…" })).toBeTruthy();
  });
});
