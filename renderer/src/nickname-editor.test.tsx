import "./test/setup.js";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ALICE, FakeClientManager, makeClient } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

function tabletAccount() {
  return new FakeClientManager({
    clients: [
      makeClient({ id: "self", isCurrent: true, connected: true, userAgent: { software: "Warden", device: "Desk" } }),
      makeClient({ id: "tablet", userAgent: { software: "Conversations", device: "phone" } }),
    ],
  });
}

describe("nicknames", () => {
  it("“Add a name…”: Enter saves; the name shows first in the row, its accessible name and its action", async () => {
    const fake = tabletAccount();
    const { user } = renderApp(fake);
    const row = await screen.findByRole("article", { name: /^Conversations/ });
    await user.click(within(row).getByRole("button", { expanded: false }));
    await user.click(within(row).getByRole("button", { name: "Add a name…" }));
    const field = within(row).getByLabelText("Your name for it");
    expect(document.activeElement).toBe(field);
    await user.type(field, "Mum's tablet{Enter}");
    expect(fake.callsOf("setNickname")).toEqual([{ jid: ALICE, id: "tablet", nickname: "Mum's tablet" }]);
    const named = await screen.findByRole("article", { name: /^Mum's tablet Conversations/ });
    expect(named.querySelector(".row-summary")?.getAttribute("aria-label")).toMatch(/^Mum's tablet, Conversations, phone/);
    expect(within(named).getByRole("button", { name: "Remove access from Mum's tablet — Conversations on phone" })).toBeTruthy();
    // Focus is back on the button that opened the field, now "Rename".
    expect(document.activeElement?.textContent).toBe("Rename");
    // Its dialog names it the same way.
    await user.click(within(named).getByRole("button", { name: /^Remove access from Mum's tablet/ }));
    const dialog = await screen.findByRole("alertdialog");
    expect(dialog.querySelector(".modal-title")?.textContent).toContain("Mum's tablet — Conversations");
    expect(within(dialog).getByText("Your name for it").nextElementSibling?.textContent).toBe("Mum's tablet");
  });

  it("Escape cancels without saving; “Remove name” removes it", async () => {
    const fake = tabletAccount();
    fake.setOptions(ALICE, { ...fake.account(ALICE).options, nicknames: { tablet: "Mum's tablet" } });
    const { user } = renderApp(fake);
    const row = await screen.findByRole("article", { name: /^Mum's tablet/ });
    await user.click(within(row).getByRole("button", { expanded: false }));
    await user.click(within(row).getByRole("button", { name: "Rename" }));
    const field = within(row).getByLabelText("Your name for it") as HTMLInputElement;
    expect(field.value).toBe("Mum's tablet");
    await user.clear(field);
    await user.type(field, "Other{Escape}");
    expect(within(row).queryByLabelText("Your name for it")).toBeNull();
    expect(fake.callsOf("setNickname")).toEqual([]);
    expect(document.activeElement?.textContent).toBe("Rename");
    await user.click(within(row).getByRole("button", { name: "Remove name" }));
    expect(fake.callsOf("setNickname")).toEqual([{ jid: ALICE, id: "tablet", nickname: null }]);
    await waitFor(() => expect(screen.getByRole("article", { name: /^Conversations/ })).toBeTruthy());
  });

  it("the sync setting turns sync on, and a sync problem shows in words with Details", async () => {
    const fake = tabletAccount();
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole("button", { name: "Settings…" }));
    const sync = await screen.findByRole("checkbox", { name: "Sync names with my other Warden installs (stored privately on your server)" });
    await user.click(sync);
    expect(fake.callsOf("setNicknameSync")).toEqual([{ jid: ALICE, enabled: true }]);
    await waitFor(() => expect((sync as HTMLInputElement).checked).toBe(true));
    act(() => fake.setOptions(ALICE, { ...fake.account(ALICE).options, nicknameSyncProblem: "PEP publish refused: forbidden" }));
    expect(await screen.findByText(/^The last sync with your server didn't work\./)).toBeTruthy();
    await user.click(screen.getByText("Details"));
    expect(screen.getByText("PEP publish refused: forbidden")).toBeTruthy();
  });

  it("“Inactive after N days” saves a valid number and refuses one out of range", async () => {
    const fake = tabletAccount();
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole("button", { name: "Settings…" }));
    const days = await screen.findByRole("spinbutton", { name: "Inactive after this many days" });
    expect((days as HTMLInputElement).value).toBe("30");
    await user.clear(days);
    await user.type(days, "0{Enter}");
    expect((await screen.findByRole("alert")).textContent).toBe("Enter a whole number of days from 1 to 3650.");
    expect(fake.callsOf("setPreferences")).toEqual([]);
    await user.clear(days);
    await user.type(days, "90{Enter}");
    expect(fake.callsOf("setPreferences")).toEqual([{ inactiveAfterDays: 90 }]);
    await waitFor(() => expect(fake.preferences.inactiveAfterDays).toBe(90));
  });
});
