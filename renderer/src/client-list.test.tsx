import "./test/setup.js";
import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ListClientsResult } from "../../src/shared/index.js";
import { ALICE, deferred, FakeClientManager, makeClient } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const HOUR = 3_600_000;

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
    expect(await screen.findByRole("heading", { name: "Gajim" })).toBeTruthy();
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
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("can't show which clients have access");
    expect(alert.textContent).toContain("XEP-0494");
    expect(alert.textContent).toContain("mod_client_management");
    expect(within(alert).queryByRole("button", { name: "Try again" })).toBeNull();
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
    expect(await screen.findByRole("heading", { name: "Gajim" })).toBeTruthy();
    expect(fake.callsOf("listClients")).toEqual([{ jid: ALICE }]);
  });

  it("says a refresh failed, keeping the list, the same way for a pushed failure", async () => {
    const fake = new FakeClientManager({ clients: [makeClient({ userAgent: { software: "Gajim", device: "Laptop" } })] });
    renderApp(fake);
    await screen.findByRole("heading", { name: "Gajim" });
    act(() => fake.pushListError(ALICE, { kind: "timeout" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Couldn't refresh.");
    expect(screen.getByRole("heading", { name: "Gajim" })).toBeTruthy();
  });

  it("keeps a pushed list when an answer that left before it arrives", async () => {
    const fake = new FakeClientManager({ clients: [makeClient({ userAgent: { software: "Gajim", device: "Laptop" } })] });
    const answer = deferred<ListClientsResult>();
    const old = fake.list();
    fake.onListClients = () => answer.promise;
    const { user } = renderApp(fake);
    await screen.findByRole("heading", { name: "Gajim" });
    await user.click(screen.getByRole("button", { name: /Refresh/ }));
    act(() => fake.pushList(ALICE, { clients: [makeClient({ userAgent: { software: "Dino", device: "Desktop" } })], protocol: "xep-0494", fetchedAt: old.fetchedAt + 1 }));
    await act(async () => answer.resolve({ ok: true, value: old }));
    expect(screen.getByRole("heading", { name: "Dino" })).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Gajim" })).toBeNull();
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
    expect(await screen.findByRole("heading", { name: "Dino" })).toBeTruthy();
  });
});

describe("client entries", () => {
  it("sorts this device first, then connected, then most recently seen, and counts them", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const fake = new FakeClientManager({
      clients: [
        makeClient({ userAgent: { software: "Old" }, lastSeen: NOW - 30 * 24 * HOUR }),
        makeClient({ userAgent: { software: "Recent" }, lastSeen: NOW - HOUR }),
        makeClient({ userAgent: { software: "Online" }, connected: true, lastSeen: NOW - 5 * HOUR }),
        makeClient({ userAgent: { software: "Warden" }, isCurrent: true, connected: true }),
      ],
    });
    renderApp(fake);
    await screen.findByRole("heading", { name: "Old" });
    expect(rows().map((row) => within(row).getByRole("heading").textContent)).toEqual(["Warden", "Online", "Recent", "Old"]);
    expect(screen.getByText("4 clients · 2 connected")).toBeTruthy();
    expect(within(rows()[0]!).getByText("This device")).toBeTruthy();
    expect(within(rows()[1]!).queryByText("This device")).toBeNull();
  });

  it("shows software and version, device, kind, readable sign-in methods and access level", async () => {
    const fake = new FakeClientManager({
      clients: [
        makeClient({
          kind: "access",
          permission: "restricted",
          authMethods: ["password", "token", "fast", "x-custom-method"],
          userAgent: { software: "Conversations", softwareVersion: "2.15.3", device: "Pixel 8" },
        }),
        makeClient({ kind: "session", connected: true, authMethods: [], userAgent: {} }),
      ],
    });
    renderApp(fake);
    const heading = await screen.findByRole("heading", { name: "Conversations 2.15.3" });
    const row = heading.closest("article")!;
    expect(within(row).getByText("Pixel 8")).toBeTruthy();
    expect(within(row).getByText("App access")).toBeTruthy();
    expect(within(row).getByText("Restricted access")).toBeTruthy();
    expect(within(row).getByText("Offline")).toBeTruthy();
    const methods = within(within(row).getByRole("list", { name: "Sign-in methods" })).getAllByRole("listitem");
    expect(methods.map((m) => m.textContent)).toEqual(["Password", "App token", "Fast reconnect", "x-custom-method"]);

    const other = screen.getByRole("heading", { name: "Unknown software" }).closest("article")!;
    expect(within(other).getByText("Connected")).toBeTruthy();
    expect(within(other).getByText("Session")).toBeTruthy();
    expect(within(other).getByText("Unknown device")).toBeTruthy();
  });

  it("shows first and last seen as relative times with the exact time for hover and screen readers", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const firstSeen = NOW - 3 * 24 * HOUR;
    const lastSeen = NOW - 3 * HOUR;
    renderApp(new FakeClientManager({ clients: [makeClient({ userAgent: { software: "Gajim" }, firstSeen, lastSeen })] }));
    const row = (await screen.findByRole("heading", { name: "Gajim" })).closest("article")!;
    const times = row.querySelectorAll("time");
    expect(times).toHaveLength(2);
    expect(times[0]!.textContent).toContain("3 days ago");
    expect(times[1]!.textContent).toContain("3 hours ago");
    expect(times[1]!.getAttribute("dateTime")).toBe(new Date(lastSeen).toISOString());
    const exact = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" }).format(new Date(lastSeen));
    expect(times[1]!.getAttribute("title")).toBe(exact);
    expect(times[1]!.querySelector(".visually-hidden")!.textContent).toContain(exact);
  });

  it("says unknown when the server sent no time", async () => {
    renderApp(new FakeClientManager({ clients: [makeClient({ userAgent: { software: "Gajim" } })] }));
    const row = (await screen.findByRole("heading", { name: "Gajim" })).closest("article")!;
    expect(within(row).getAllByText("unknown")).toHaveLength(2);
  });

  it("filters by software, device or id and updates the counts", async () => {
    const fake = new FakeClientManager({
      clients: [
        makeClient({ id: "urn:a", connected: true, userAgent: { software: "Conversations", device: "Pixel 8" } }),
        makeClient({ id: "urn:b", userAgent: { software: "Gajim", device: "ThinkPad" } }),
        makeClient({ id: "grant-77", kind: "access", userAgent: { software: "Movim", device: "Browser" } }),
      ],
    });
    const { user } = renderApp(fake);
    await screen.findByRole("heading", { name: "Gajim" });
    const filter = screen.getByRole("searchbox", { name: "Filter clients" });

    await user.type(filter, "thinkpad");
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByText("1 of 3 clients · 1 connected")).toBeTruthy();

    await user.clear(filter);
    await user.type(filter, "grant-77");
    await waitFor(() => expect(within(rows()[0]!).getByRole("heading").textContent).toBe("Movim"));

    await user.clear(filter);
    await user.type(filter, "nothing-like-this");
    expect(await screen.findByRole("heading", { name: /No clients match/ })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Clear filter" }));
    await waitFor(() => expect(rows()).toHaveLength(3));
  });

  it("keeps only a window of 10,000 entries in the DOM", async () => {
    const clients = Array.from({ length: 10_000 }, (_, i) => makeClient({ id: `c${i}`, userAgent: { software: `Client ${i}`, device: "Phone" } }));
    renderApp(new FakeClientManager({ clients }));
    await screen.findByText("10000 clients · 0 connected");
    const rendered = rows();
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(40);
    const list = screen.getByRole("list", { name: "Clients" });
    expect(list.querySelector("li")!.getAttribute("aria-setsize")).toBe("10000");
    expect(parseInt(list.style.height, 10)).toBeGreaterThan(10_000 * 50);
  });

  it("marks the first rendered list after a sign-in", async () => {
    const fake = new FakeClientManager({ state: { status: "signed-out" }, clients: [makeClient({ userAgent: { software: "Gajim" } })] });
    const { user } = renderApp(fake);
    performance.clearMarks();
    await user.type(await screen.findByLabelText("XMPP address"), "alice@example.org");
    await user.type(screen.getByLabelText("Password"), "secret");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByRole("heading", { name: "Gajim" });
    await waitFor(() => expect(performance.getEntriesByName("warden:list-rendered")).toHaveLength(1));
    expect(performance.getEntriesByName("warden:sign-in-start")).toHaveLength(1);
  });
});
