import "./test/setup.js";
import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ListClientsResult } from "../../src/shared/index.js";
import { ALICE, deferred, FakeClientManager, makeClient } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

afterEach(() => {
  vi.useRealTimers();
});

function rows() {
  return within(screen.getByRole("list", { name: "Clients" })).getAllByRole("article");
}

describe("client list states", () => {
  it("shows a skeleton until the core's first list arrives, and asks for none itself", async () => {
    const fake = new FakeClientManager({ clients: [makeClient({ userAgent: { software: "Gajim", device: "Laptop" } })] });
    // Online, and the core's list after going online is still on its way.
    fake.seenLists.delete(ALICE);
    renderApp(fake);
    expect(await screen.findByText("Loading clients…")).toBeTruthy();
    expect(screen.getAllByTestId("skeleton-row").length).toBeGreaterThan(0);
    act(() => fake.pushList());
    expect(await screen.findByRole("article", { name: /^Gajim/ })).toBeTruthy();
    expect(screen.queryByText("Loading clients…")).toBeNull();
    expect(fake.callsOf("listClients")).toEqual([]);
  });

  it("says so when nothing has access", async () => {
    renderApp(new FakeClientManager({ clients: [] }));
    expect(await screen.findByRole("heading", { name: "Nothing has access right now" })).toBeTruthy();
  });

  it("explains what the server needs when the core's list failed before the page loaded", async () => {
    const fake = new FakeClientManager();
    fake.seenLists.delete(ALICE);
    fake.listErrors.set(ALICE, { kind: "unsupported" });
    renderApp(fake);
    const screenRegion = await screen.findByRole("region", { name: "This server can't show which clients have access" });
    expect(screenRegion.textContent).toContain("XEP-0494");
    expect(screenRegion.textContent).toContain("mod_client_management");
    // Nothing to retry or refresh: the server can't answer this, whatever the user does.
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Refresh" })).toBeNull();
    expect(fake.callsOf("listClients")).toEqual([]);
  });

  it("explains a forbidden list the core pushed", async () => {
    const fake = new FakeClientManager();
    fake.seenLists.delete(ALICE);
    renderApp(fake);
    await screen.findByText("Loading clients…");
    act(() => fake.pushListError(ALICE, { kind: "forbidden", text: "Guests may not" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("isn't allowed to list");
    expect(alert.textContent).toContain("Guests may not");
  });

  it("offers to retry after a timeout, and the retry shows the list", async () => {
    const fake = new FakeClientManager({ clients: [makeClient({ userAgent: { software: "Gajim", device: "Laptop" } })] });
    fake.seenLists.delete(ALICE);
    fake.listErrors.set(ALICE, { kind: "timeout" });
    const { user } = renderApp(fake);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("didn't answer in time");
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("article", { name: /^Gajim/ })).toBeTruthy();
    expect(fake.callsOf("listClients")).toEqual([{ jid: ALICE }]);
  });

  it("says a refresh failed, keeping the list, the same way for a pushed failure", async () => {
    const fake = new FakeClientManager({ clients: [makeClient({ userAgent: { software: "Gajim", device: "Laptop" } })] });
    renderApp(fake);
    await screen.findByRole("article", { name: /^Gajim/ });
    act(() => fake.pushListError(ALICE, { kind: "timeout" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Couldn't refresh.");
    expect(screen.getByRole("article", { name: /^Gajim/ })).toBeTruthy();
  });

  it("keeps a pushed list when an answer that left before it arrives", async () => {
    const fake = new FakeClientManager({ clients: [makeClient({ userAgent: { software: "Gajim", device: "Laptop" } })] });
    const answer = deferred<ListClientsResult>();
    const old = fake.list();
    fake.onListClients = () => answer.promise;
    const { user } = renderApp(fake);
    await screen.findByRole("article", { name: /^Gajim/ });
    await user.click(screen.getByRole("button", { name: /Refresh/ }));
    act(() => fake.pushList(ALICE, { clients: [makeClient({ userAgent: { software: "Dino", device: "Desktop" } })], protocol: "xep-0494", fetchedAt: old.fetchedAt + 1 }));
    await act(async () => answer.resolve({ ok: true, value: old }));
    expect(screen.getByRole("article", { name: /^Dino/ })).toBeTruthy();
    expect(screen.queryByRole("article", { name: /^Gajim/ })).toBeNull();
  });

  it("takes the list pushed with clients-changed", async () => {
    const fake = new FakeClientManager({ clients: [] });
    renderApp(fake);
    await screen.findByRole("heading", { name: "Nothing has access right now" });
    act(() =>
      fake.emit("clients-changed", {
        jid: "alice@example.org",
        list: { clients: [makeClient({ userAgent: { software: "Dino", device: "Desktop" } })], protocol: "prosody", fetchedAt: Date.now() + 1 },
      }),
    );
    expect(await screen.findByRole("article", { name: /^Dino/ })).toBeTruthy();
  });
});

describe("client entries", () => {
  function section(name: RegExp) {
    return screen.getByRole("group", { name });
  }
  function rowNames(group: HTMLElement) {
    return within(group).getAllByRole("article").map((row) => row.querySelector(".row-name")?.textContent);
  }

  it("shows sections in order with counts, each entry in one, and counts them all", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const fake = new FakeClientManager({
      clients: [
        makeClient({ userAgent: { software: "Old", device: "Attic" }, lastSeen: NOW - 40 * DAY }),
        makeClient({ userAgent: { software: "Recent", device: "Desk" }, lastSeen: NOW - HOUR }),
        makeClient({ userAgent: { software: "Online", device: "Pixel" }, connected: true, lastSeen: NOW - 5 * HOUR }),
        makeClient({ userAgent: { software: "Movim" }, kind: "access", authMethods: ["token"] }),
        makeClient({ userAgent: { software: "Warden", device: "Laptop" }, isCurrent: true, connected: true }),
      ],
    });
    renderApp(fake);
    await screen.findByRole("article", { name: /^Old/ });
    const headings = within(screen.getByRole("list", { name: "Clients" })).getAllByRole("heading", { level: 3 });
    expect(headings.map((h) => h.textContent)).toEqual(["This device 1", "Connected now 1", "Other devices 1", "Apps with access 1", "Inactive 1"]);
    expect(rowNames(section(/^This device/))).toEqual(["Warden"]);
    expect(rowNames(section(/^Connected now/))).toEqual(["Online"]);
    expect(rowNames(section(/^Other devices/))).toEqual(["Recent"]);
    expect(rowNames(section(/^Apps with access/))).toEqual(["Movim"]);
    expect(rowNames(section(/^Inactive/))).toEqual(["Old"]);
    expect(screen.getByText("5 clients · 2 connected")).toBeTruthy();
    expect(within(within(section(/^This device/)).getByRole("article")).getByText("This device")).toBeTruthy();
  });

  it("shows one line per entry: name and version, device, connected or last active; no warning badge, no action until expanded", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    renderApp(
      new FakeClientManager({
        clients: [
          makeClient({ connected: true, userAgent: { software: "Conversations", softwareVersion: "2.15.3", device: "Pixel 8" } }),
          makeClient({ lastSeen: NOW - 3 * DAY, userAgent: {} }),
        ],
      }),
    );
    const phone = await screen.findByRole("article", { name: "Conversations 2.15.3 Pixel 8" });
    expect(within(phone).getByRole("button", { name: "Conversations 2.15.3, Pixel 8, Connected" }).getAttribute("aria-expanded")).toBe("false");
    const other = screen.getByRole("article", { name: "Unknown software Unknown device" });
    expect(within(other).getByRole("button").textContent).toContain("Last active 3 days ago");
    expect(screen.queryByText("Password")).toBeNull();
    expect(screen.queryByRole("button", { name: /Remove access/ })).toBeNull();
  });

  it("expands a row by click and by Enter, showing exact times, how it signed in in words, kind, short id and its action", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const lastSeen = NOW - 3 * HOUR;
    const { user } = renderApp(
      new FakeClientManager({
        clients: [
          makeClient({
            id: "client/0b5b7a3c-8d2e",
            permission: "restricted",
            authMethods: ["password", "fast", "x-custom"],
            lastSeen,
            firstSeen: NOW - 3 * DAY,
            userAgent: { software: "Conversations", device: "Pixel 8" },
          }),
          makeClient({ id: "client/self", isCurrent: true, connected: true, userAgent: { software: "Warden", device: "Laptop" } }),
        ],
      }),
    );
    const row = await screen.findByRole("article", { name: /^Conversations/ });
    const summary = within(row).getByRole("button", { expanded: false });
    await user.click(summary);
    expect(summary.getAttribute("aria-expanded")).toBe("true");
    const details = document.getElementById(summary.getAttribute("aria-controls")!)!;
    const exact = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" }).format(new Date(lastSeen));
    expect(details.textContent).toContain(`Last active${exact} (3 hours ago)`);
    expect(details.textContent).toContain("Signed in with the password, a fast-reconnect token, and x-custom");
    expect(details.textContent).toContain("Phone app · Restricted access");
    expect(within(details).getByText("0b5b7a3c").tagName).toBe("CODE");
    expect(within(details).getByRole("button", { name: "Remove access from Conversations on Pixel 8" }).textContent).toBe("Remove access");
    await user.click(summary);
    expect(summary.getAttribute("aria-expanded")).toBe("false");
    expect(within(row).queryByRole("button", { name: /Remove access/ })).toBeNull();

    const self = within(screen.getByRole("article", { name: /^Warden/ })).getByRole("button");
    self.focus();
    await user.keyboard("{Enter}");
    expect(self.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByRole("button", { name: "Sign out Warden on Laptop (this device)" }).textContent).toBe("Sign out");
  });

  it("reads an app token as an app: never used or last used, its address, no Offline or Unknown device", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const { user } = renderApp(
      new FakeClientManager({
        clients: [
          makeClient({ id: "grant/a", kind: "access", authMethods: ["token"], userAgent: { software: "Movim", uri: "https://movim.eu/" } }),
          makeClient({ id: "grant/b", kind: "access", authMethods: ["token"], lastSeen: NOW - 3 * DAY, userAgent: { software: "Dino" } }),
        ],
      }),
    );
    const movim = await screen.findByRole("article", { name: "Movim app token" });
    const summary = within(movim).getByRole("button");
    expect(summary.getAttribute("aria-label")).toBe("Movim, app token, never used");
    expect(within(screen.getByRole("article", { name: "Dino app token" })).getByRole("button").getAttribute("aria-label")).toBe("Dino, app token, last used 3 days ago");
    const list = screen.getByRole("list", { name: "Clients" });
    expect(list.textContent).not.toContain("Offline");
    expect(list.textContent).not.toContain("Unknown device");
    await user.click(summary);
    expect(movim.textContent).toContain("Signed in with an app token");
    expect(movim.textContent).toContain("https://movim.eu/");
    expect(within(movim).getByRole("button", { name: "Remove access from Movim" })).toBeTruthy();
  });

  it("tells look-alikes apart in the row and in their buttons' names", async () => {
    const pixel = { software: "Conversations", device: "Pixel 6" };
    const day = (t: number) => new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" }).format(new Date(t));
    const march = Date.UTC(2025, 2, 12, 9);
    const april = Date.UTC(2025, 3, 2, 9);
    const { user } = renderApp(
      new FakeClientManager({
        clients: [
          makeClient({ id: "client/aaaa1111", userAgent: pixel, firstSeen: march, lastSeen: NOW - DAY }),
          makeClient({ id: "client/bbbb2222", userAgent: pixel, firstSeen: april, lastSeen: NOW - 2 * DAY }),
          makeClient({ id: "client/cccc3333", userAgent: {} }),
          makeClient({ id: "client/dddd4444", userAgent: {} }),
        ],
      }),
    );
    const first = await screen.findByRole("article", { name: `Conversations Pixel 6 first seen ${day(march)}` });
    expect(within(first).getByText(`first seen ${day(march)}`)).toBeTruthy();
    const summary = within(first).getByRole("button");
    expect(summary.getAttribute("aria-label")).toMatch(new RegExp(`, Pixel 6, first seen ${day(march)}, `));
    await user.click(summary);
    expect(within(first).getByRole("button", { name: `Remove access from Conversations on Pixel 6 (first seen ${day(march)})` })).toBeTruthy();
    expect(screen.getByRole("article", { name: `Conversations Pixel 6 first seen ${day(april)}` })).toBeTruthy();
    expect(screen.getByRole("article", { name: "Unknown software Unknown device id cccc3333" })).toBeTruthy();
    expect(screen.getByRole("article", { name: "Unknown software Unknown device id dddd4444" })).toBeTruthy();
  });

  it("moves between rows with the arrow keys, Home and End; one row is in the Tab order", async () => {
    const fake = new FakeClientManager({
      clients: [
        makeClient({ id: "self", isCurrent: true, connected: true, userAgent: { software: "Warden", device: "Laptop" } }),
        makeClient({ connected: true, userAgent: { software: "Dino", device: "Desktop" } }),
        makeClient({ lastSeen: 2, userAgent: { software: "Gajim", device: "ThinkPad" } }),
        makeClient({ lastSeen: 1, userAgent: { software: "Psi", device: "PC" } }),
      ],
    });
    const { user } = renderApp(fake);
    await screen.findByRole("article", { name: /^Psi/ });
    const buttons = within(screen.getByRole("list", { name: "Clients" })).getAllByRole("button");
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1, -1]);
    buttons[0]!.focus();
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(buttons[1]);
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(buttons[2]);
    await user.keyboard("{ArrowUp}");
    expect(document.activeElement).toBe(buttons[1]);
    await user.keyboard("{End}");
    expect(document.activeElement).toBe(buttons[3]);
    await user.keyboard("{Home}");
    expect(document.activeElement).toBe(buttons[0]);
    await user.keyboard("{ArrowUp}");
    expect(document.activeElement).toBe(buttons[0]);
    await user.keyboard("{End}");
    const after = within(screen.getByRole("list", { name: "Clients" })).getAllByRole("button");
    expect(after.map((b) => b.tabIndex)).toEqual([-1, -1, -1, 0]);
  });

  it("filters with chips and the search (words like offline, the short id), updating the counts", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const fake = new FakeClientManager({
      clients: [
        makeClient({ id: "client/urn-a", connected: true, userAgent: { software: "Conversations", device: "Pixel 8" } }),
        makeClient({ id: "client/urn-b", lastSeen: NOW - DAY, userAgent: { software: "Gajim", device: "ThinkPad" } }),
        makeClient({ id: "grant/77abcdefgh", kind: "access", userAgent: { software: "Movim" } }),
      ],
    });
    const { user } = renderApp(fake);
    await screen.findByRole("article", { name: /^Gajim/ });
    const filter = screen.getByRole("searchbox", { name: "Filter clients" });
    const names = () => rows().map((row) => row.querySelector(".row-name")?.textContent);

    await user.type(filter, "offline");
    await waitFor(() => expect(names()).toEqual(["Gajim"]));
    expect(screen.getByText("1 of 3 clients · 1 connected")).toBeTruthy();

    await user.clear(filter);
    await user.type(filter, "77abcdef");
    await waitFor(() => expect(names()).toEqual(["Movim"]));
    await user.clear(filter);

    const chips = screen.getByRole("group", { name: "Show only" });
    const apps = within(chips).getByRole("button", { name: "Apps" });
    await user.click(apps);
    expect(apps.getAttribute("aria-pressed")).toBe("true");
    await waitFor(() => expect(names()).toEqual(["Movim"]));
    await user.click(within(chips).getByRole("button", { name: "Connected" }));
    expect(await screen.findByRole("heading", { name: "No clients among Apps and Connected" })).toBeTruthy();
    await user.click(screen.getAllByRole("button", { name: "Clear filters" })[0]!);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(apps.getAttribute("aria-pressed")).toBe("false");

    await user.type(filter, "nothing-like-this");
    expect(await screen.findByRole("heading", { name: /No clients match/ })).toBeTruthy();
  });

  it("sorts by last active or by first seen", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const { user } = renderApp(
      new FakeClientManager({
        clients: [
          makeClient({ lastSeen: NOW - DAY, firstSeen: NOW - 20 * DAY, userAgent: { software: "Gajim", device: "A" } }),
          makeClient({ lastSeen: NOW - 2 * DAY, firstSeen: NOW - 3 * DAY, userAgent: { software: "Dino", device: "B" } }),
        ],
      }),
    );
    await screen.findByRole("article", { name: /^Dino/ });
    const names = () => rows().map((row) => row.querySelector(".row-name")?.textContent);
    expect(names()).toEqual(["Gajim", "Dino"]);
    await user.selectOptions(screen.getByRole("combobox", { name: "Sort by" }), "First seen");
    expect(names()).toEqual(["Dino", "Gajim"]);
  });

  it("has every row of a few hundred in the page, and only a window of 10,000", async () => {
    const few = Array.from({ length: 300 }, (_, i) => makeClient({ id: `c${i}`, userAgent: { software: `Client ${i}`, device: "Phone" } }));
    const { unmount } = renderApp(new FakeClientManager({ clients: few }));
    await screen.findByText("300 clients · 0 connected");
    expect(rows()).toHaveLength(300);
    unmount();

    const many = Array.from({ length: 10_000 }, (_, i) => makeClient({ id: `c${i}`, userAgent: { software: `Client ${i}`, device: "Phone" } }));
    renderApp(new FakeClientManager({ clients: many }));
    await screen.findByText("10,000 clients · 0 connected");
    const rendered = rows();
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(40);
    const list = screen.getByRole("list", { name: "Clients" });
    expect(parseInt(list.style.height, 10)).toBeGreaterThan(10_000 * 40);
  });

  it("marks the first rendered list after a sign-in", async () => {
    const fake = new FakeClientManager({ state: { status: "signed-out" }, clients: [makeClient({ userAgent: { software: "Gajim" } })] });
    const { user } = renderApp(fake);
    performance.clearMarks();
    await user.type(await screen.findByLabelText("XMPP address"), "alice@example.org");
    await user.type(screen.getByLabelText("Password"), "secret");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByRole("article", { name: /^Gajim/ });
    await waitFor(() => expect(performance.getEntriesByName("warden:list-rendered")).toHaveLength(1));
    expect(performance.getEntriesByName("warden:sign-in-start")).toHaveLength(1);
  });
});
