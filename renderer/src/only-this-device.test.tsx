import "./test/setup.js";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { seenClientOf, type OnlyThisDeviceProgress, type OnlyThisDeviceResult } from "../../src/shared/index.js";
import { ALICE, deferred, FakeClientManager, makeClient } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const gajim = makeClient({ id: "gajim", userAgent: { software: "Gajim", device: "Laptop" } });

function clients() {
  return [makeClient({ id: "self", isCurrent: true, connected: true, userAgent: { software: "Warden", device: "This laptop" } }), gajim];
}

function progressOf(overrides: Partial<OnlyThisDeviceProgress> = {}): OnlyThisDeviceProgress {
  return { startedAt: Date.now(), done: [], revoked: [], ...overrides };
}

function stepTexts(dialog: HTMLElement) {
  return within(within(dialog).getByRole("list", { name: "Steps" })).getAllByRole("listitem").map((item) => item.textContent);
}

async function startFlow(fake: FakeClientManager) {
  const view = renderApp(fake);
  const opener = await screen.findByRole("button", { name: "Only this device…" });
  await waitFor(() => expect((opener as HTMLButtonElement).disabled).toBe(false));
  await view.user.click(opener);
  const dialog = await screen.findByRole("dialog", { name: "Only this device keeps access" });
  return { ...view, dialog };
}

async function submitPasswords(user: ReturnType<typeof renderApp>["user"], dialog: HTMLElement) {
  await user.type(within(dialog).getByLabelText("Current password"), "old-password");
  await user.type(within(dialog).getByLabelText("New password"), "a much longer new passphrase");
  await user.type(within(dialog).getByLabelText("Confirm password"), "a much longer new passphrase");
  await user.click(within(dialog).getByRole("button", { name: "Change password and remove the others" }));
}

describe("only this device keeps access", () => {
  it("explains what will happen, then shows each step as the core's progress events say", async () => {
    const fake = new FakeClientManager({ clients: clients() });
    const answer = deferred<OnlyThisDeviceResult>();
    fake.onStartOnlyThisDevice = () => answer.promise;
    const { user, dialog } = await startFlow(fake);
    expect(dialog.textContent).toContain("Every other client and app token loses access: 1 is listed now.");
    expect(dialog.textContent).toContain("This device stays signed in");
    // The strength meter of the password form, the same one.
    await user.type(within(dialog).getByLabelText("New password"), "abc");
    expect(dialog.textContent).toContain("Weak");
    await user.clear(within(dialog).getByLabelText("New password"));
    await submitPasswords(user, dialog);
    expect(fake.callsOf("startOnlyThisDevice")).toEqual([{ jid: ALICE, currentPassword: "old-password", newPassword: "a much longer new passphrase" }]);
    // No password left in the page once handed over.
    expect(within(dialog).queryByLabelText("Current password")).toBeNull();

    act(() => fake.setOnlyThisDevice(ALICE, progressOf({ done: ["check-password", "change-password"] })));
    await waitFor(() =>
      expect(stepTexts(dialog)).toEqual([
        "Check your current password: Done",
        "Change your password: Done",
        "Sign this device in again with the new password: In progress…",
        "Remove access from every other client and app token: Not started",
        "Check the server's list: only this device left: Not started",
      ]),
    );

    const final = progressOf({
      done: ["check-password", "change-password", "sign-in-again", "remove-others", "verify"],
      revoked: [{ client: seenClientOf(gajim), result: { ok: true, value: { outcome: "gone", removed: [] } } }],
      result: { verified: true, remaining: [] },
    });
    act(() => fake.setOnlyThisDevice(ALICE, final));
    answer.resolve({ ok: true, value: final });
    expect(await within(dialog).findByText("Only this device can use your account.")).toBeTruthy();
    expect(stepTexts(dialog).every((text) => text?.endsWith(": Done"))).toBe(true);
  });

  it("says what remains when the last list did not show this device alone", async () => {
    const fake = new FakeClientManager({ clients: clients() });
    fake.onStartOnlyThisDevice = () => {
      const progress = progressOf({
        done: ["check-password", "change-password", "sign-in-again", "remove-others", "verify"],
        revoked: [{ client: seenClientOf(gajim), result: { ok: true, value: { outcome: "knows-password", removed: [] } } }],
        result: { verified: false, remaining: [seenClientOf(gajim)] },
      });
      fake.setOnlyThisDevice(ALICE, progress);
      return { ok: true, value: progress };
    };
    const { user, dialog } = await startFlow(fake);
    await submitPasswords(user, dialog);
    expect(await within(dialog).findByText("Not done: the server's last list still shows 1 other entry: Gajim on Laptop.")).toBeTruthy();
    expect(dialog.textContent).not.toContain("Only this device can use your account");
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    // The banner keeps the verified result until the user dismisses it.
    const banner = await screen.findByRole("region", { name: "Only this device keeps access" });
    expect(banner.textContent).toContain("still shows 1 other entry: Gajim on Laptop");
    await user.click(within(banner).getByRole("button", { name: "Dismiss" }));
    expect(fake.callsOf("dismissOnlyThisDevice")).toEqual([{ jid: ALICE }]);
    await waitFor(() => expect(screen.queryByRole("region", { name: "Only this device keeps access" })).toBeNull());
  });

  it("shows a wrong current password next to its field, having changed nothing", async () => {
    const fake = new FakeClientManager({ clients: clients() });
    fake.onStartOnlyThisDevice = () => ({ ok: false, error: { kind: "wrong-current-password" } });
    const { user, dialog } = await startFlow(fake);
    await submitPasswords(user, dialog);
    await waitFor(() => expect(within(dialog).getByRole("alert").textContent).toBe("The current password is wrong. Nothing was changed."));
    expect(within(dialog).getByLabelText("Current password").getAttribute("aria-invalid")).toBe("true");
  });

  it("offers to continue an unfinished flow from a banner, and continuing shows its steps", async () => {
    const fake = new FakeClientManager({ clients: clients() });
    fake.account().onlyThisDevice = progressOf({
      done: ["check-password", "change-password"],
      stopped: { step: "sign-in-again", reason: "The connection dropped." },
    });
    const answer = deferred<OnlyThisDeviceResult>();
    fake.onContinueOnlyThisDevice = () => answer.promise;
    const { user } = renderApp(fake);
    const banner = await screen.findByRole("region", { name: "Only this device keeps access" });
    expect(banner.textContent).toContain("Finishing “Only this device” — 2 of 5 steps done.");
    expect(banner.textContent).toContain("It stopped at “Sign this device in again with the new password”.");
    await user.click(within(banner).getByRole("button", { name: "Continue" }));
    expect(fake.callsOf("continueOnlyThisDevice")).toEqual([{ jid: ALICE }]);
    const dialog = await screen.findByRole("dialog", { name: "Only this device keeps access" });
    act(() => fake.setOnlyThisDevice(ALICE, progressOf({ done: ["check-password", "change-password", "sign-in-again"] })));
    await waitFor(() => expect(stepTexts(dialog)[3]).toBe("Remove access from every other client and app token: In progress…"));
    const final = progressOf({ done: ["check-password", "change-password", "sign-in-again", "remove-others", "verify"], result: { verified: true, remaining: [] } });
    act(() => fake.setOnlyThisDevice(ALICE, final));
    answer.resolve({ ok: true, value: final });
    expect(await within(dialog).findByText("Only this device can use your account.")).toBeTruthy();
  });

  it("asks for the new password first when this device isn't signed in", async () => {
    const fake = new FakeClientManager({ accounts: [{ jid: ALICE, state: { status: "password-needed", jid: ALICE, reason: "token-rejected" }, clients: clients() }] });
    fake.account().onlyThisDevice = progressOf({ done: ["check-password", "change-password"] });
    renderApp(fake);
    const banner = await screen.findByRole("region", { name: "Only this device keeps access" });
    expect(banner.textContent).toContain("Sign in with your new password to continue.");
    expect(within(banner).queryByRole("button", { name: "Continue" })).toBeNull();
  });
});
