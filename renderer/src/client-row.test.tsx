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
    // Open every row, so the actions' names are checked too.
    for (const row of rows) await user.click(within(row).getByRole("button", { expanded: false }));
    expect(list.textContent).not.toMatch(TRICKS);
    for (const button of within(list).getAllByRole("button")) expect(button.getAttribute("aria-label") ?? "").not.toMatch(TRICKS);

    const labelled = rows.filter((row) => within(row).queryByText("This device") !== null);
    expect(labelled).toHaveLength(1);
    const [mine] = labelled;
    if (!mine) throw new Error("no row labelled This device");
    expect(mine.classList.contains("is-current")).toBe(true);
    expect(within(mine).getByRole("button", { name: `Sign out Warden on ${HOST} (this device, id current)` })).toBeTruthy();

    const others = rows.filter((row) => row !== mine);
    expect(others.map((row) => row.querySelector(".row-name")?.textContent)).toEqual(["Warden", "Warden"]);
    const devices = others.map((row) => row.querySelector(".row-device")?.textContent);
    expect(devices.sort()).toEqual([HOST, "potpal-ada"]);
    for (const row of others) {
      expect(row.classList.contains("is-current")).toBe(false);
      expect(within(row).queryByRole("button", { name: /this device/ })).toBeNull();
    }

    // The same name and device as this device: the look-alike is set apart by a tag, and removing
    // its access asks about that client, not about signing this device out.
    const twinRow = others.find((row) => row.querySelector(".row-device")?.textContent === HOST);
    if (!twinRow) throw new Error("no look-alike row");
    expect(twinRow.querySelector(".row-tag")?.textContent).toBe("id twin");
    await user.click(within(twinRow).getByRole("button", { name: `Remove access from Warden on ${HOST} (id twin)` }));
    const dialog = await screen.findByRole("alertdialog");
    expect(dialog.textContent).not.toMatch(TRICKS);
    expect(within(dialog).queryByText("This device")).toBeNull();
    expect(within(dialog).queryByRole("button", { name: "Revoke and sign out" })).toBeNull();
  });
});

describe("an app token", () => {
  it("reads as an app: “never used” while the server has seen no use, “last used …” once it has, never “Offline”", async () => {
    const made = Date.now() - 2 * 86_400_000;
    const fake = new FakeClientManager({
      clients: [
        // As Prosody lists a grant nobody used: last seen at its creation.
        makeClient({ id: "grant/new", kind: "access", authMethods: ["token"], firstSeen: made, lastSeen: made, userAgent: { software: "Movim" } }),
        makeClient({ id: "grant/used", kind: "access", authMethods: ["token"], firstSeen: made, lastSeen: Date.now() - 3 * 3_600_000, userAgent: { software: "Converse" } }),
      ],
    });
    renderApp(fake);
    const fresh = await screen.findByRole("button", { name: "Movim, app token, never used" });
    expect(fresh.textContent).not.toMatch(/Offline|Unknown device/);
    expect(screen.getByRole("button", { name: /^Converse, app token, last used 3 hours ago$/ })).toBeTruthy();
  });
});
