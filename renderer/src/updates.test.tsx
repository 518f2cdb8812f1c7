import "./test/setup.js";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FakeClientManager, makeClient } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const READY = "Warden 1.2.3 is ready. It is installed when you restart Warden or quit it.";

async function renderWith(fake: FakeClientManager) {
  const view = renderApp(fake);
  await screen.findByRole("list", { name: "Clients" });
  return view;
}

async function openSettings(fake: FakeClientManager) {
  const view = await renderWith(fake);
  await view.user.click(screen.getByRole("button", { name: "Settings…" }));
  return { ...view, settings: await screen.findByRole("dialog", { name: "Settings" }) };
}

describe("Warden's own update", () => {
  it("in browser mode (no update state): nothing about updates, in the window or the settings", async () => {
    const fake = new FakeClientManager({ clients: [makeClient()] });
    const { settings } = await openSettings(fake);
    expect(screen.queryByRole("region", { name: "Warden update" })).toBeNull();
    expect(screen.queryByText(/Downloading Warden/)).toBeNull();
    expect(within(settings).queryByRole("checkbox", { name: "Keep Warden up to date automatically" })).toBeNull();
    expect(within(settings).queryByRole("heading", { name: "Updates" })).toBeNull();
  });

  it("says nothing while idle, checking or turned off", async () => {
    const fake = new FakeClientManager({ clients: [makeClient()] }).withUpdates({ status: "idle", lastChecked: Date.now() });
    await renderWith(fake);
    for (const updates of [{ status: "checking" }, { status: "off" }, { status: "idle" }] as const) {
      act(() => fake.setUpdates(updates));
      expect(screen.queryByRole("region", { name: "Warden update" })).toBeNull();
    }
  });

  it("shows a download quietly, with its progress when known", async () => {
    const fake = new FakeClientManager({ clients: [makeClient()] }).withUpdates({ status: "downloading", version: "1.2.3" });
    await renderWith(fake);
    expect(screen.getByText("Downloading Warden 1.2.3…")).toBeTruthy();
    act(() => fake.setUpdates({ status: "downloading", version: "1.2.3", percent: 40 }));
    expect(screen.getByText("Downloading Warden 1.2.3… 40%")).toBeTruthy();
    // Quiet: no button, no region calling for attention.
    expect(screen.queryByRole("button", { name: "Restart to update" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Warden update" })).toBeNull();
  });

  it("ready: Restart to update restarts only when pressed", async () => {
    const fake = new FakeClientManager({ clients: [makeClient()] }).withUpdates({ status: "downloading", version: "1.2.3", percent: 99 });
    const { user } = await renderWith(fake);
    act(() => fake.setUpdates({ status: "ready", version: "1.2.3" }));
    const notice = screen.getByRole("region", { name: "Warden update" });
    expect(within(notice).getByText(READY)).toBeTruthy();
    expect(fake.callsOf("restartToUpdate")).toEqual([]);
    await user.click(within(notice).getByRole("button", { name: "Restart to update" }));
    expect(fake.callsOf("restartToUpdate")).toHaveLength(1);
    expect(within(notice).queryByRole("alert")).toBeNull();
  });

  it("ready from the start (getState), and a refused restart said in words", async () => {
    const fake = new FakeClientManager({ clients: [makeClient()] }).withUpdates({ status: "ready", version: "1.2.3" });
    fake.onRestartToUpdate = () => ({ ok: false, error: { kind: "invalid-request", detail: "No update is ready to install yet." } });
    const { user } = await renderWith(fake);
    const notice = screen.getByRole("region", { name: "Warden update" });
    await user.click(within(notice).getByRole("button", { name: "Restart to update" }));
    expect((await within(notice).findByRole("alert")).textContent).toMatch(/^Warden couldn't restart to update\./);
  });

  it("shows on the first-run sign-in screen too", async () => {
    renderApp(new FakeClientManager({ accounts: [] }).withUpdates({ status: "ready", version: "1.2.3" }));
    expect(within(await screen.findByRole("region", { name: "Warden update" })).getByText(READY)).toBeTruthy();
  });

  it("a failed check: in plain words, the technical detail behind Details", async () => {
    const fake = new FakeClientManager({ clients: [makeClient()] }).withUpdates();
    await renderWith(fake);
    act(() => fake.setUpdates({ status: "error", message: "net::ERR_INTERNET_DISCONNECTED" }));
    const notice = screen.getByRole("region", { name: "Warden update" });
    expect(within(notice).getByText("The last check for a Warden update didn't work. Warden tries again tomorrow.")).toBeTruthy();
    // The detail is there, closed, behind "Details".
    const details = within(notice).getByText("Details").closest("details")!;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain("net::ERR_INTERNET_DISCONNECTED");
    expect(within(notice).getByText("The last check for a Warden update didn't work. Warden tries again tomorrow.").closest("details")).toBeNull();
  });

  it("the setting turns updates off and on through the core's preferences", async () => {
    const fake = new FakeClientManager({ clients: [makeClient()] }).withUpdates({ status: "ready", version: "1.2.3" });
    const { user, settings } = await openSettings(fake);
    const box = within(settings).getByRole("checkbox", { name: "Keep Warden up to date automatically" }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    await user.click(box);
    expect(fake.callsOf("setPreferences")).toEqual([{ autoUpdate: false }]);
    await waitFor(() => expect(box.checked).toBe(false));
    expect(await screen.findByText("Warden no longer checks for updates.")).toBeTruthy();
    // Off: the core's updater says so, and the ready notice goes.
    expect(screen.queryByRole("region", { name: "Warden update" })).toBeNull();
    await user.click(box);
    expect(fake.callsOf("setPreferences")).toEqual([{ autoUpdate: false }, { autoUpdate: true }]);
    await waitFor(() => expect(box.checked).toBe(true));
  });
});
