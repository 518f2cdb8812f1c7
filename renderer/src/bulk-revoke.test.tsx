import "./test/setup.js";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { RevokeResult } from "../../src/shared/index.js";
import { deferred, FakeClientManager, makeClient } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => Date.now() - days * DAY - 60 * 60 * 1000;

function inactiveClients() {
  return [
    makeClient({ id: "self", isCurrent: true, connected: true, userAgent: { software: "Warden", device: "This laptop" } }),
    makeClient({ id: "gajim", lastSeen: daysAgo(45), userAgent: { software: "Gajim", device: "Old laptop" } }),
    makeClient({ id: "token", kind: "access", authMethods: [], firstSeen: daysAgo(90), lastSeen: daysAgo(60), userAgent: { software: "Bot" } }),
    makeClient({ id: "dino", lastSeen: daysAgo(40), userAgent: { software: "Dino", device: "Desktop" } }),
    makeClient({ id: "phone", lastSeen: daysAgo(35), userAgent: { software: "Monal", device: "Phone" } }),
    makeClient({ id: "recent", lastSeen: daysAgo(2), userAgent: { software: "Conversations", device: "Tablet" } }),
  ];
}

function row(name: RegExp) {
  return within(screen.getByRole("list", { name: "Clients" })).getByRole("button", { name });
}

async function openInactiveView(fake: FakeClientManager) {
  const view = renderApp(fake);
  await screen.findByRole("list", { name: "Clients" });
  await view.user.click(screen.getByRole("button", { name: "Inactive", pressed: false }));
  return view;
}

async function confirmBulk(user: ReturnType<typeof renderApp>["user"]) {
  await user.click(screen.getByRole("button", { name: "Select all inactive" }));
  await user.click(screen.getByRole("button", { name: "Remove access for selected" }));
  return screen.findByRole("alertdialog", { name: /^Remove access from \d+ selected entr/ });
}

describe("inactive entries", () => {
  it("say how long they have been inactive, past the user's threshold", async () => {
    const fake = new FakeClientManager({ clients: inactiveClients() });
    renderApp(fake);
    expect((await screen.findByRole("article", { name: /^Gajim/ })).textContent).toContain("Inactive for 45 days");
    expect(screen.getByRole("article", { name: /^Conversations/ }).textContent).not.toContain("Inactive");
  });

  it("follow the threshold in the preferences", async () => {
    const fake = new FakeClientManager({ clients: inactiveClients() });
    fake.preferences = { inactiveAfterDays: 50 };
    renderApp(fake);
    expect((await screen.findByRole("article", { name: /^Bot/ })).textContent).toContain("Inactive for 60 days");
    expect(screen.getByRole("article", { name: /^Gajim/ }).textContent).not.toContain("Inactive for");
  });
});

describe("multi-select", () => {
  it("selects rows with Space and all inactive ones at once, never this device", async () => {
    const fake = new FakeClientManager({ clients: inactiveClients() });
    const { user } = renderApp(fake);
    await screen.findByRole("list", { name: "Clients" });
    await user.click(screen.getByRole("button", { name: "Select", pressed: false }));
    expect(screen.queryByRole("checkbox", { name: /Warden/ })).toBeNull();

    row(/^Gajim/).focus();
    await user.keyboard(" ");
    expect(row(/^Gajim/).getAttribute("aria-label")).toMatch(/, selected$/);
    expect((screen.getByRole("checkbox", { name: "Select Gajim on Old laptop" }) as HTMLInputElement).checked).toBe(true);
    // Space selected, it did not open the row.
    expect(row(/^Gajim/).getAttribute("aria-expanded")).toBe("false");
    const bar = screen.getByRole("region", { name: "Selection" });
    expect(bar.textContent).toContain("1 selected");

    await user.keyboard("{ArrowDown} ");
    await user.keyboard(" ");
    expect(bar.textContent).toContain("1 selected");

    await user.click(screen.getByRole("button", { name: "Select all inactive" }));
    expect(bar.textContent).toContain("4 selected");
    expect((screen.getByRole("checkbox", { name: /Conversations/ }) as HTMLInputElement).checked).toBe(false);
  });

  it("confirms once, listing each entry and what will happen to it", async () => {
    const fake = new FakeClientManager({ clients: inactiveClients() });
    const { user } = await openInactiveView(fake);
    const dialog = await confirmBulk(user);
    const entries = within(within(dialog).getByRole("list", { name: "Selected entries" })).getAllByRole("listitem");
    expect(entries.map((entry) => entry.querySelector("strong")?.textContent)).toEqual(
      expect.arrayContaining(["Gajim on Old laptop", "Bot", "Dino on Desktop", "Monal on Phone"]),
    );
    expect(entries).toHaveLength(4);
    const token = entries.find((entry) => entry.textContent?.startsWith("Bot"))!;
    expect(token.textContent).toContain("Its app token will be removed");
    const gajim = entries.find((entry) => entry.textContent?.startsWith("Gajim"))!;
    expect(gajim.textContent).toContain("Its session and sign-in tokens will be removed. If it also knows your password");
    expect(fake.callsOf("revokeClient")).toEqual([]);
  });

  it("removes one entry at a time, shows each one's verified outcome and sums them up", async () => {
    const fake = new FakeClientManager({ clients: inactiveClients() });
    const outcomes: Record<string, RevokeResult> = {
      gajim: { ok: true, value: { outcome: "knows-password", removed: ["fast-tokens"] } },
      token: { ok: true, value: { outcome: "gone", removed: ["grant"] } },
      dino: { ok: true, value: { outcome: "not-confirmed", connected: false } },
      phone: { ok: false, error: { kind: "timeout" } },
    };
    fake.onRevoke = (request) => outcomes[request.id]!;
    const { user } = await openInactiveView(fake);
    const dialog = await confirmBulk(user);
    await user.click(within(dialog).getByRole("button", { name: "Remove access" }));
    const done = await screen.findByRole("button", { name: "Done" });
    expect(fake.callsOf("revokeClient").map((call) => (call as { id: string }).id).sort()).toEqual(["dino", "gajim", "phone", "token"]);

    const status = (name: string) =>
      within(dialog)
        .getAllByRole("listitem")
        .find((entry) => entry.querySelector("strong")?.textContent === name)
        ?.querySelector(".bulk-entry-status")?.textContent;
    expect(status("Bot")).toBe("Removed — confirmed");
    expect(status("Gajim on Old laptop")).toBe("Still listed — knows your password");
    expect(status("Dino on Desktop")).toBe("Not confirmed");
    expect(status("Monal on Phone")).toBe("Failed");

    const summary = within(dialog).getByRole("status").textContent ?? "";
    expect(summary).toContain("1 removed and confirmed gone.");
    expect(summary).toContain("1 still listed: Gajim on Old laptop (knows your password).");
    expect(summary).toContain("1 not confirmed, it may still have access: Dino on Desktop.");
    expect(summary).toContain("1 failed: Monal on Phone.");
    // What knows the password needs a new one: offered, as the single dialog does.
    expect(within(dialog).getByRole("button", { name: "Change password…" })).toBeTruthy();
    expect(document.activeElement).toBe(done);
  });

  it("stops before the next entry when asked, and says which were not started", async () => {
    const fake = new FakeClientManager({ clients: inactiveClients() });
    const first = deferred<RevokeResult>();
    const fallback = fake.onRevoke;
    fake.onRevoke = (request) => (fake.callsOf("revokeClient").length === 1 ? first.promise : fallback(request));
    const { user } = await openInactiveView(fake);
    const dialog = await confirmBulk(user);
    await user.click(within(dialog).getByRole("button", { name: "Remove access" }));
    await waitFor(() => expect(within(dialog).getByRole("status").textContent).toMatch(/^Removing access from .+ \(1 of 4\)…$/));
    await user.click(within(dialog).getByRole("button", { name: "Stop after this one" }));
    first.resolve({ ok: true, value: { outcome: "gone", removed: [] } });
    await screen.findByRole("button", { name: "Done" });
    expect(fake.callsOf("revokeClient")).toHaveLength(1);
    expect(within(dialog).getByRole("heading", { name: "Removing access: stopped" })).toBeTruthy();
    const summary = within(dialog).getByRole("status").textContent ?? "";
    expect(summary).toMatch(/^1 removed and confirmed gone\. Stopped\. 3 not started: /);
  });
});
