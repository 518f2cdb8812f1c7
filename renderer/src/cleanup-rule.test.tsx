import "./test/setup.js";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ALICE, FakeClientManager, makeClient, makeEntry } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => Date.now() - days * DAY - 60 * 60 * 1000;

function clients() {
  return [
    // This device and a connected client were last seen long ago by the server's clock: still never touched.
    makeClient({ id: "self", isCurrent: true, connected: true, lastSeen: daysAgo(100), userAgent: { software: "Warden", device: "This laptop" } }),
    makeClient({ id: "connected", connected: true, lastSeen: daysAgo(100), userAgent: { software: "Dino", device: "Desktop" } }),
    makeClient({ id: "old", lastSeen: daysAgo(50), userAgent: { software: "Gajim", device: "Old laptop" } }),
    makeClient({ id: "token", kind: "access", authMethods: [], firstSeen: daysAgo(20), lastSeen: daysAgo(20), userAgent: { software: "Bot" } }),
    makeClient({ id: "recent", lastSeen: daysAgo(1), userAgent: { software: "Conversations", device: "Phone" } }),
  ];
}

async function openSettings(fake: FakeClientManager) {
  const view = renderApp(fake);
  await screen.findByRole("list", { name: "Clients" });
  await view.user.click(screen.getByRole("button", { name: "Settings…" }));
  return { ...view, settings: await screen.findByRole("dialog", { name: "Settings" }) };
}

async function openCleanup(fake: FakeClientManager) {
  const view = await openSettings(fake);
  return { ...view, dialog: within(view.settings).getByRole("region", { name: "Automatic cleanup" }) };
}

describe("cleanup rule", () => {
  it("is off by default; choosing N previews what it would remove now, never this device or a connected client", async () => {
    const fake = new FakeClientManager({ clients: clients() });
    const { user, dialog } = await openCleanup(fake);
    const enabled = within(dialog).getByRole("checkbox", { name: /^Automatically remove access for app tokens and clients not seen/ }) as HTMLInputElement;
    expect(enabled.checked).toBe(false);
    await user.click(enabled);

    const days = within(dialog).getByRole("spinbutton", { name: "Days not seen" });
    await user.clear(days);
    await user.type(days, "10");
    const preview = () => dialog.querySelector<HTMLElement>(".cleanup-preview")!;
    expect(preview().textContent).toContain("With 10 days, it would remove these 2 now:");
    expect(within(preview()).getAllByRole("listitem").map((item) => item.textContent)).toEqual(["Gajim on Old laptop", "Bot"]);
    expect(dialog.textContent).toContain("It never touches this device or a client that is connected");

    await user.clear(days);
    await user.type(days, "30");
    expect(preview().textContent).toContain("With 30 days, it would remove this one now:");
    expect(within(preview()).getAllByRole("listitem").map((item) => item.textContent)).toEqual(["Gajim on Old laptop"]);

    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(fake.callsOf("setCleanupRule")).toEqual([{ jid: ALICE, days: 30 }]);
    await waitFor(() => expect(document.querySelector("[data-announcer]")?.textContent).toBe("Cleanup is on: access is removed after 30 days not seen."));
    expect(fake.account().options.cleanupAfterDays).toBe(30);
  });

  it("turns off with days null, and says when it last ran", async () => {
    const fake = new FakeClientManager({ clients: clients() });
    fake.account().options = { ...fake.account().options, cleanupAfterDays: 40 };
    fake.account().activity.push(makeEntry({ kind: "cleanup-run", days: 40, removed: 2, notRemoved: 1, at: Date.now() - 3 * 60 * 60 * 1000 }));
    const { user, dialog } = await openCleanup(fake);
    await waitFor(() => expect(dialog.querySelector(".cleanup-last-run")?.textContent).toMatch(/^Last ran 3 hours ago.*: 2 removed, 1 not removed\.$/));
    expect((within(dialog).getByRole("spinbutton", { name: "Days not seen" }) as HTMLInputElement).value).toBe("40");
    await user.click(within(dialog).getByRole("checkbox", { name: /^Automatically remove access/ }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(fake.callsOf("setCleanupRule")).toEqual([{ jid: ALICE, days: null }]);
  });

  it("refuses a number of days the rule can't take, without calling the core", async () => {
    const fake = new FakeClientManager({ clients: clients() });
    const { user, dialog } = await openCleanup(fake);
    await user.click(within(dialog).getByRole("checkbox", { name: /^Automatically remove access/ }));
    const days = within(dialog).getByRole("spinbutton", { name: "Days not seen" });
    await user.clear(days);
    await user.type(days, "0");
    expect(days.getAttribute("aria-invalid")).toBe("true");
    expect(dialog.textContent).toContain("Enter a whole number of days from 1 to 3650.");
    expect((within(dialog).getByRole("button", { name: "Save" }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("background options", () => {
  it("are not shown where the host has none (browser mode)", async () => {
    const { settings } = await openSettings(new FakeClientManager({ clients: [makeClient()] }));
    expect(within(settings).queryByRole("checkbox", { name: "Start Warden when I log in" })).toBeNull();
  });

  it("in the desktop app: keep watching and start at login go to the core's preferences", async () => {
    const fake = new FakeClientManager({ clients: [makeClient()] }).withBackground({ keepWatchingWhenClosed: null, startAtLogin: false });
    const { user } = await openSettings(fake);
    const keep = (await screen.findByRole("checkbox", { name: "Keep watching when the window is closed" })) as HTMLInputElement;
    expect(keep.checked).toBe(false);
    expect(screen.getByText("Not chosen yet: Warden asks the first time you close the window.")).toBeTruthy();
    await user.click(keep);
    await user.click(screen.getByRole("checkbox", { name: "Start Warden when I log in" }));
    expect(fake.callsOf("setPreferences")).toEqual([{ keepWatchingWhenClosed: true }, { startAtLogin: true }]);
    await waitFor(() => expect(keep.checked).toBe(true));
    expect((screen.getByRole("checkbox", { name: "Start Warden when I log in" }) as HTMLInputElement).checked).toBe(true);
    act(() => fake.emit("preferences-changed", { preferences: { inactiveAfterDays: 30, background: { keepWatchingWhenClosed: false, startAtLogin: true } } }));
    expect(keep.checked).toBe(false);
  });
});
