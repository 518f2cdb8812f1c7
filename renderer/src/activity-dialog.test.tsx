import "./test/setup.js";
import { act, screen, waitFor, within } from "@testing-library/react";
import { createIntl } from "react-intl";
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { activityExportSchema, seenClientOf, type ActivityEntry, type RevokeResult, type SeenClient } from "../../src/shared/index.js";
import { activityExportFileName } from "./activity-export.js";
import { activityEntryText } from "./activity-text.js";
import { ALICE, FakeClientManager, makeClient, makeEntry } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const intl = createIntl({ locale: "en" });
const gajim: SeenClient = seenClientOf(makeClient({ id: "gajim", userAgent: { software: "Gajim", device: "laptop" } }));
const phone: SeenClient = seenClientOf(makeClient({ id: "phone", userAgent: { software: "Conversations", device: "phone" } }));
const token: SeenClient = seenClientOf(makeClient({ id: "token", kind: "access", authMethods: [], userAgent: { software: "Movim" } }));
const gone: RevokeResult = { ok: true, value: { outcome: "gone", removed: ["fast-tokens"] } };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Activity in words", () => {
  it.each<[string, ActivityEntry, string]>([
    ["new sign-in", makeEntry({ kind: "new-sign-in", client: gajim }), "New sign-in: Gajim on laptop"],
    ["new way in", makeEntry({ kind: "new-way-in", client: gajim, added: ["fast"] }), "New way in: Gajim on laptop can now sign in with a fast-reconnect token"],
    ["gone", makeEntry({ kind: "gone", client: token }), "No longer listed: an app token for Movim"],
    ["revoked by you", makeEntry({ kind: "revoked", client: phone, by: "you", result: gone }), "You removed access for Conversations on phone — confirmed gone"],
    [
      "revoked by cleanup, still knowing the password",
      makeEntry({ kind: "revoked", client: phone, by: "cleanup", result: { ok: true, value: { outcome: "knows-password", removed: [] } } }),
      "Cleanup tried to remove access for Conversations on phone — signed out, but it still knows your password",
    ],
    [
      "revoked by “only this device”, refused",
      makeEntry({ kind: "revoked", client: phone, by: "only-this-device", result: { ok: false, error: { kind: "unsupported" } } }),
      "“Only this device” tried to remove access for Conversations on phone — it didn't work",
    ],
    ["password changed", makeEntry({ kind: "password-changed", confirmed: true, cutOff: [gajim, phone] }), "Password changed — 2 clients lost access"],
    ["password changed, not confirmed", makeEntry({ kind: "password-changed", confirmed: false, cutOff: [] }), "Password changed — Warden couldn't confirm which clients lost access"],
    ["cleanup run", makeEntry({ kind: "cleanup-run", days: 30, removed: 3, notRemoved: 0 }), "Cleanup removed 3 inactive clients"],
    ["cleanup run with failures", makeEntry({ kind: "cleanup-run", days: 30, removed: 1, notRemoved: 2 }), "Cleanup removed 1 inactive client; 2 could not be removed"],
    ["cleanup run, nothing to do", makeEntry({ kind: "cleanup-run", days: 30, removed: 0, notRemoved: 0 }), "Cleanup ran: nothing was unused for more than 30 days"],
    ["only this device", makeEntry({ kind: "only-this-device", verified: true, remaining: [] }), "Only this device keeps access — verified"],
    ["only this device, others left", makeEntry({ kind: "only-this-device", verified: false, remaining: [phone] }), "“Only this device” finished, but 1 other entry is still listed"],
  ])("%s", (_, entry, words) => {
    expect(activityEntryText(intl, entry, {})).toBe(words);
  });

  it("names an entry by the user's nickname first", () => {
    expect(activityEntryText(intl, makeEntry({ kind: "new-sign-in", client: phone }), { phone: "Mum's tablet" })).toBe("New sign-in: Mum's tablet — Conversations on phone");
  });

  it("the export file is named by account and day", () => {
    expect(activityExportFileName(ALICE, new Date(2026, 10, 28, 12))).toBe("warden-activity-alice@example.org-2026-11-28.json");
  });
});

describe("the Activity dialog", () => {
  function withActivity() {
    const fake = new FakeClientManager({ clients: [makeClient({ id: "self", isCurrent: true, connected: true })] });
    const account = fake.account(ALICE);
    account.activity = [
      makeEntry({ kind: "new-sign-in", client: gajim, at: Date.now() - 3 * 60 * 60 * 1000 }),
      makeEntry({ kind: "revoked", client: gajim, by: "you", result: gone, at: Date.now() - 60 * 60 * 1000 }),
    ];
    return fake;
  }

  it("lists entries newest first, and adds new ones as they happen", async () => {
    const fake = withActivity();
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole("button", { name: "Activity" }));
    const dialog = await screen.findByRole("dialog", { name: "Activity" });
    const list = await within(dialog).findByRole("list", { name: "Activity entries" });
    expect(within(list).getAllByRole("listitem").map((item) => item.querySelector(".activity-text")?.textContent)).toEqual([
      "You removed access for Gajim on laptop — confirmed gone",
      "New sign-in: Gajim on laptop",
    ]);
    expect(within(list).getAllByRole("listitem")[0]!.textContent).toContain("1 hour ago");
    act(() => fake.addActivity(ALICE, makeEntry({ kind: "password-changed", confirmed: true, cutOff: [] })));
    await waitFor(() => expect(within(list).getAllByRole("listitem")[0]!.textContent).toContain("Password changed — no other client lost access"));
  });

  it("says so in words when there is nothing yet", async () => {
    const fake = new FakeClientManager();
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole("button", { name: "Activity" }));
    expect(await screen.findByText(/^Nothing here yet\./)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Export" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("“Export” downloads a JSON file that validates as an Activity export", async () => {
    const fake = withActivity();
    // jsdom has no object URLs: a stand-in keeps the Blob the page hands over.
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return "blob:fake";
    });
    const original = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    onTestFinished(() => void Object.assign(URL, original));
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole("button", { name: "Activity" }));
    await screen.findByRole("list", { name: "Activity entries" });
    await user.click(screen.getByRole("button", { name: "Export" }));
    expect(clicked.map((link) => link.download)).toEqual([activityExportFileName(ALICE, new Date())]);
    const exported = activityExportSchema.parse(JSON.parse(await blobs[0]!.text()));
    expect(exported.account).toBe(ALICE);
    expect(exported.entries).toEqual(fake.account(ALICE).activity);
  });

  it("“Clear…” asks first; Cancel keeps everything, confirming clears", async () => {
    const fake = withActivity();
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole("button", { name: "Activity" }));
    await screen.findByRole("list", { name: "Activity entries" });
    await user.click(screen.getByRole("button", { name: "Clear…" }));
    const ask = await screen.findByRole("alertdialog", { name: "Clear this account's Activity?" });
    expect(ask.textContent).toContain("Warden forgets all 2 entries it kept for alice@example.org on this device.");
    expect(document.activeElement?.textContent).toBe("Cancel");
    await user.click(within(ask).getByRole("button", { name: "Cancel" }));
    expect(fake.callsOf("clearActivity")).toEqual([]);
    await screen.findByRole("list", { name: "Activity entries" });
    await user.click(screen.getByRole("button", { name: "Clear…" }));
    await user.click(await screen.findByRole("button", { name: "Clear Activity" }));
    expect(fake.callsOf("clearActivity")).toEqual([{ jid: ALICE }]);
    expect(await screen.findByText(/^Nothing here yet\./)).toBeTruthy();
  });
});
