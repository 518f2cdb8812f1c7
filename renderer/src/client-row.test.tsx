// A rogue client dressed up as this Warden: its names are shown as they really are, and only the
// entry the core marked isCurrent (by id) is labelled "This device".
import "./test/setup.js";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FakeClientManager, makeClient } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const HOST = "ada-laptop";
/** Bidi controls and zero-width characters: none may reach the page. */
const TRICKS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060-\u2064\uFEFF\u180E]/u;

describe("a client named like this device", () => {
  it("is shown cleaned and not labelled as this device; the real current entry is", async () => {
    const current = makeClient({ id: "client/current", isCurrent: true, connected: true, userAgent: { software: "Warden", device: HOST } });
    // The exact host name with an override tacked on, and a reversed name that U+202E would display as the host name.
    const twin = makeClient({
      id: "client/twin",
      connected: true,
      userAgent: { software: "Warden\u200B", softwareVersion: "\u2066\u2069", device: `${HOST}\u202E` },
    });
    const mirrored = makeClient({
      id: "client/mirrored",
      connected: true,
      userAgent: { software: "\u202EWarden", device: `\u202E${[...HOST].reverse().join("")}` },
    });
    const { user } = renderApp(new FakeClientManager({ clients: [twin, mirrored, current] }));

    const list = await screen.findByRole("list", { name: "Clients" });
    const rows = within(list).getAllByRole("article");
    expect(rows).toHaveLength(3);
    expect(list.textContent).not.toMatch(TRICKS);
    for (const button of within(list).getAllByRole("button")) expect(button.getAttribute("aria-label") ?? "").not.toMatch(TRICKS);

    const labelled = rows.filter((row) => within(row).queryByText("This device") !== null);
    expect(labelled).toHaveLength(1);
    const [mine] = labelled;
    if (!mine) throw new Error("no row labelled This device");
    expect(mine.classList.contains("is-current")).toBe(true);
    expect(within(mine).getByRole("button", { name: `Revoke Warden on ${HOST} (this device)` })).toBeTruthy();

    const others = rows.filter((row) => row !== mine);
    const headings = others.map((row) => within(row).getByRole("heading").textContent);
    expect(headings).toEqual(["Warden", "Warden"]);
    const devices = others.map((row) => row.querySelector(".client-device")?.textContent);
    expect(devices.sort()).toEqual([HOST, "potpal-ada"]);
    for (const row of others) {
      expect(row.classList.contains("is-current")).toBe(false);
      expect(within(row).queryByRole("button", { name: /this device/ })).toBeNull();
    }

    // Revoking the look-alike asks about that client, not about signing this device out.
    const twinRow = others.find((row) => row.querySelector(".client-device")?.textContent === HOST);
    if (!twinRow) throw new Error("no look-alike row");
    await user.click(within(twinRow).getByRole("button", { name: `Revoke Warden on ${HOST}` }));
    const dialog = await screen.findByRole("alertdialog");
    expect(within(dialog).getByRole("heading", { name: "Revoke Warden?" })).toBeTruthy();
    expect(dialog.textContent).not.toMatch(TRICKS);
    expect(within(dialog).queryByText("This device")).toBeNull();
    expect(within(dialog).queryByRole("button", { name: "Revoke and sign out" })).toBeNull();
  });
});
