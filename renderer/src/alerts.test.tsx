import "./test/setup.js";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { seenClientOf } from "../../src/shared/index.js";
import { App } from "./app.js";
import { ALICE, FakeClientManager, makeClient, makeEntry } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const BOB = "bob@example.org";

function twoClients() {
  const self = makeClient({ id: "self", isCurrent: true, connected: true, userAgent: { software: "Warden", device: "Desk" } });
  const gajim = makeClient({ id: "gajim", userAgent: { software: "Gajim", device: "laptop" } });
  return { self, gajim };
}

/** Two accounts online, Alice shown first; Gajim is listed on Bob's. */
function aliceAndBobWithGajim() {
  const { gajim } = twoClients();
  const fake = new FakeClientManager({
    accounts: [
      { jid: ALICE, state: { status: "online", jid: ALICE, credentials: "keychain" } },
      { jid: BOB, state: { status: "online", jid: BOB, credentials: "keychain" }, clients: [gajim] },
    ],
  });
  return { gajim, fake };
}

/** A stand-in for the browser's Notification API (jsdom has none): records what would be shown. */
class FakeNotification {
  static permission: NotificationPermission = "default";
  static requests = 0;
  static shown: FakeNotification[] = [];
  static requestPermission(): Promise<NotificationPermission> {
    FakeNotification.requests += 1;
    FakeNotification.permission = "granted";
    return Promise.resolve("granted");
  }
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeNotification.permission = "default";
  FakeNotification.requests = 0;
  FakeNotification.shown = [];
});

describe("new sign-in alerts", () => {
  it("the banner names the new sign-in; “Show” opens its row with “Remove access” focused and marks the alerts seen", async () => {
    const { self, gajim } = twoClients();
    const fake = new FakeClientManager({ clients: [self, gajim] });
    const { user } = renderApp(fake);
    await screen.findAllByRole("article");
    act(() => fake.addActivity(ALICE, makeEntry({ kind: "new-sign-in", client: seenClientOf(gajim) })));
    const banner = await screen.findByRole("region", { name: "New sign-ins" });
    expect(banner.textContent).toMatch(/^New sign-in: Gajim on laptop — /);
    await user.click(within(banner).getByRole("button", { name: "Show" }));
    await waitFor(() => expect(document.activeElement?.getAttribute("aria-label")).toBe("Remove access from Gajim on laptop"));
    expect(screen.getByRole("article", { name: /^Gajim/ }).querySelector("[aria-expanded]")?.getAttribute("aria-expanded")).toBe("true");
    expect(fake.callsOf("markAlertsSeen")).toEqual([{ jid: ALICE }]);
    await waitFor(() => expect(screen.queryByRole("region", { name: "New sign-ins" })).toBeNull());
  });

  it("“Show” clears a search that hides the entry", async () => {
    const { self, gajim } = twoClients();
    const fake = new FakeClientManager({ clients: [self, gajim] });
    const { user } = renderApp(fake);
    await screen.findAllByRole("article");
    await user.type(screen.getByLabelText("Filter clients"), "Warden");
    await waitFor(() => expect(screen.queryByRole("article", { name: /^Gajim/ })).toBeNull());
    act(() => fake.addActivity(ALICE, makeEntry({ kind: "new-sign-in", client: seenClientOf(gajim) })));
    await user.click(within(await screen.findByRole("region", { name: "New sign-ins" })).getByRole("button", { name: "Show" }));
    await waitFor(() => expect(document.activeElement?.getAttribute("aria-label")).toBe("Remove access from Gajim on laptop"));
    expect((screen.getByLabelText("Filter clients") as HTMLInputElement).value).toBe("");
  });

  it("“Show” for an entry no longer listed says so", async () => {
    const { self, gajim } = twoClients();
    const fake = new FakeClientManager({ clients: [self] });
    const { user } = renderApp(fake);
    await screen.findAllByRole("article");
    act(() => fake.addActivity(ALICE, makeEntry({ kind: "new-sign-in", client: seenClientOf(gajim) })));
    await user.click(within(await screen.findByRole("region", { name: "New sign-ins" })).getByRole("button", { name: "Show" }));
    await waitFor(() => expect(document.querySelector("[data-announcer]")?.textContent).toBe("That client is no longer listed: it has no access now."));
  });

  it("several alerts: “3 new sign-ins”, each with its own “Show”; “Dismiss” marks them seen", async () => {
    const clients = ["A", "B", "C"].map((name) => makeClient({ id: name, userAgent: { software: name, device: "phone" } }));
    const fake = new FakeClientManager({ clients });
    const { user } = renderApp(fake);
    await screen.findAllByRole("article");
    act(() => {
      for (const client of clients) fake.addActivity(ALICE, makeEntry({ kind: "new-sign-in", client: seenClientOf(client) }));
    });
    const banner = await screen.findByRole("region", { name: "New sign-ins" });
    expect(within(banner).getByText("3 new sign-ins")).toBeTruthy();
    expect(within(banner).getAllByRole("button", { name: /^Show: New sign-in: / })).toHaveLength(3);
    await user.click(within(banner).getByRole("button", { name: "Dismiss the new sign-in alerts" }));
    expect(fake.callsOf("markAlertsSeen")).toEqual([{ jid: ALICE }]);
    await waitFor(() => expect(screen.queryByRole("region", { name: "New sign-ins" })).toBeNull());
  });

  it("an account with unseen alerts shows their count in the sidebar", async () => {
    const { gajim, fake } = aliceAndBobWithGajim();
    renderApp(fake);
    const sidebar = await screen.findByRole("navigation", { name: "Accounts" });
    act(() => fake.addActivity(BOB, makeEntry({ kind: "new-sign-in", client: seenClientOf(gajim) })));
    await waitFor(() => expect(within(sidebar).getByRole("button", { name: /^bob@example\.org/ }).textContent).toContain("1 new sign-in"));
    expect(within(sidebar).getByRole("button", { name: /^alice@example\.org/ }).textContent).not.toContain("new sign-in");
  });

  it("“reveal-client” (a desktop notification clicked) brings that account up with the entry's action focused", async () => {
    const { gajim, fake } = aliceAndBobWithGajim();
    renderApp(fake);
    await screen.findByRole("heading", { name: /alice@example\.org/ });
    act(() => fake.emit("reveal-client", { jid: BOB, id: gajim.id }));
    await waitFor(() => expect(document.activeElement?.getAttribute("aria-label")).toBe("Remove access from Gajim on laptop"));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toContain(BOB);
    expect(fake.callsOf("markAlertsSeen")).toEqual([{ jid: BOB }]);
  });

  it("“reveal-client” while Activity is open: the dialog gives way to the entry", async () => {
    const { self, gajim } = twoClients();
    const fake = new FakeClientManager({ clients: [self, gajim] });
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole("button", { name: "Activity" }));
    await screen.findByRole("dialog", { name: "Activity" });
    act(() => fake.emit("reveal-client", { jid: ALICE, id: "gajim" }));
    await waitFor(() => expect(document.activeElement?.getAttribute("aria-label")).toBe("Remove access from Gajim on laptop"));
    expect(screen.queryByRole("dialog", { name: "Activity" })).toBeNull();
  });

  it("tells the core whether the page is visible, at start and when it changes", async () => {
    const fake = new FakeClientManager();
    renderApp(fake);
    await waitFor(() => expect(fake.callsOf("setWindowVisible")).toEqual([{ visible: true }]));
    const hidden = vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    expect(fake.callsOf("setWindowVisible")).toEqual([{ visible: true }, { visible: false }]);
    hidden.mockRestore();
  });
});

describe("browser notifications (browser mode)", () => {
  it("asks for permission only when “Get desktop alerts” is clicked; then a new sign-in shows one, whose click reveals the entry", async () => {
    vi.stubGlobal("Notification", FakeNotification);
    const { self, gajim } = twoClients();
    const fake = new FakeClientManager({ clients: [self, gajim] });
    const user = userEvent.setup();
    render(<App api={fake} pageNotifies />);
    await screen.findAllByRole("article");
    await user.click(screen.getByRole("button", { name: "Settings…" }));
    const ask = await screen.findByRole("button", { name: "Get desktop alerts" });
    expect(FakeNotification.requests).toBe(0);
    await user.click(ask);
    expect(FakeNotification.requests).toBe(1);
    expect(await screen.findByText("Desktop alerts are on for new sign-ins.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Done" }));

    const entry = makeEntry({ kind: "new-sign-in", client: seenClientOf(gajim) });
    act(() => fake.addActivity(ALICE, entry));
    expect(FakeNotification.shown.map((n) => [n.title, n.options.body, n.options.tag])).toEqual([[`New sign-in to ${ALICE}`, "Gajim on laptop", entry.id]]);
    act(() => FakeNotification.shown[0]!.onclick?.());
    await waitFor(() => expect(document.activeElement?.getAttribute("aria-label")).toBe("Remove access from Gajim on laptop"));
    expect(FakeNotification.shown[0]!.closed).toBe(true);
  });

  it("never asks on load, and shows nothing before the user allowed it", async () => {
    vi.stubGlobal("Notification", FakeNotification);
    const gajim = makeClient({ id: "gajim", userAgent: { software: "Gajim", device: "laptop" } });
    const fake = new FakeClientManager({ clients: [gajim] });
    render(<App api={fake} pageNotifies />);
    await screen.findAllByRole("article");
    act(() => fake.addActivity(ALICE, makeEntry({ kind: "new-sign-in", client: seenClientOf(gajim) })));
    await screen.findByRole("region", { name: "New sign-ins" });
    expect(screen.getByRole("button", { name: "Get desktop alerts" })).toBeTruthy();
    expect(FakeNotification.requests).toBe(0);
    expect(FakeNotification.shown).toEqual([]);
  });

  it("in the desktop app the page never notifies nor offers to (the main process does)", async () => {
    vi.stubGlobal("Notification", FakeNotification);
    FakeNotification.permission = "granted";
    const gajim = makeClient({ id: "gajim", userAgent: { software: "Gajim", device: "laptop" } });
    const fake = new FakeClientManager({ clients: [gajim] });
    renderApp(fake);
    await screen.findAllByRole("article");
    act(() => fake.addActivity(ALICE, makeEntry({ kind: "new-sign-in", client: seenClientOf(gajim) })));
    await screen.findByRole("region", { name: "New sign-ins" });
    expect(screen.queryByRole("button", { name: "Get desktop alerts" })).toBeNull();
    expect(FakeNotification.shown).toEqual([]);
  });
});
