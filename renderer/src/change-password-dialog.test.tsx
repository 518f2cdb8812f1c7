import "./test/setup.js";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { REVOKE_DEADLINE_MS } from "../../src/shared/index.js";
import { FakeClientManager, makeClient } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

async function openDialog(fake: FakeClientManager) {
  const view = renderApp(fake);
  const opener = await screen.findByRole("button", { name: "Change password…" });
  await waitFor(() => expect((opener as HTMLButtonElement).disabled).toBe(false));
  await view.user.click(opener);
  const dialog = await screen.findByRole("dialog", { name: "Change password" });
  return { ...view, dialog, opener };
}

async function fill(user: ReturnType<typeof renderApp>["user"], current: string, next: string, confirm: string) {
  if (current) await user.type(screen.getByLabelText("Current password"), current);
  if (next) await user.type(screen.getByLabelText("New password"), next);
  if (confirm) await user.type(screen.getByLabelText("Confirm password"), confirm);
  await user.click(screen.getByRole("button", { name: "Change password" }));
}

describe("change password dialog", () => {
  it("names the account and hints at strength", async () => {
    const { user, dialog } = await openDialog(new FakeClientManager());
    expect(dialog.textContent).toContain("alice@example.org");
    await user.type(screen.getByLabelText("New password"), "abc");
    expect(dialog.textContent).toContain("Weak");
    await user.clear(screen.getByLabelText("New password"));
    await user.type(screen.getByLabelText("New password"), "correct horse battery staple");
    expect(dialog.textContent).toContain("Strong");
  });

  it("catches a mismatch without calling the core", async () => {
    const fake = new FakeClientManager();
    const { user, dialog } = await openDialog(fake);
    await fill(user, "old-password", "new-password-1", "new-password-2");
    expect(within(dialog).getByRole("alert").textContent).toContain("don't match");
    expect(screen.getByLabelText("Confirm password").getAttribute("aria-invalid")).toBe("true");
    expect(fake.callsOf("changePassword")).toEqual([]);
  });

  it("catches a new password that equals the current one", async () => {
    const fake = new FakeClientManager();
    const { user, dialog } = await openDialog(fake);
    await fill(user, "same-password", "same-password", "same-password");
    expect(within(dialog).getByRole("alert").textContent).toContain("must be different");
    expect(fake.callsOf("changePassword")).toEqual([]);
  });

  it("shows same-as-current from the core too", async () => {
    const fake = new FakeClientManager();
    fake.onChangePassword = () => ({ ok: false, error: { kind: "same-as-current" } });
    const { user, dialog } = await openDialog(fake);
    await fill(user, "old-password", "Other-password-9", "Other-password-9");
    await waitFor(() => expect(within(dialog).getByRole("alert").textContent).toContain("must be different"));
  });

  it("shows the server's refusal in words and clears the fields", async () => {
    const fake = new FakeClientManager();
    fake.onChangePassword = () => ({ ok: false, error: { kind: "refused", condition: "not-acceptable", text: "Too short" } });
    const { user, dialog } = await openDialog(fake);
    await fill(user, "old-password", "tiny-but-long-enough", "tiny-but-long-enough");
    await waitFor(() => expect(within(dialog).getByRole("alert").textContent).toContain("didn't accept the new password"));
    expect(within(dialog).getByRole("alert").textContent).toContain("Too short");
    expect(fake.callsOf("changePassword")).toEqual([{ jid: "alice@example.org", currentPassword: "old-password", newPassword: "tiny-but-long-enough" }]);
    for (const label of ["Current password", "New password", "Confirm password"]) {
      expect((screen.getByLabelText(label) as HTMLInputElement).value).toBe("");
    }
  });

  it("says the current password is wrong next to its field, and that nothing was changed", async () => {
    const fake = new FakeClientManager();
    fake.onChangePassword = () => ({ ok: false, error: { kind: "wrong-current-password" } });
    const { user, dialog } = await openDialog(fake);
    await fill(user, "not-my-password", "A-much-better-passphrase", "A-much-better-passphrase");
    const alert = await within(dialog).findByText("The current password is wrong. Nothing was changed.");
    expect(alert.getAttribute("role")).toBe("alert");
    const current = screen.getByLabelText("Current password");
    expect(current.closest(".field")?.contains(alert)).toBe(true);
    expect(current.getAttribute("aria-invalid")).toBe("true");
    expect(current.getAttribute("aria-describedby")).toBe(alert.id);
    await waitFor(() => expect(document.activeElement).toBe(current));
    expect(screen.getByRole("dialog", { name: "Change password" })).toBeTruthy();
  });

  it("says when the current password could not be checked, and that nothing was changed", async () => {
    const fake = new FakeClientManager();
    fake.onChangePassword = () => ({ ok: false, error: { kind: "current-password-unverified", detail: "the server didn't answer in time" } });
    const { user, dialog } = await openDialog(fake);
    await fill(user, "old-password", "A-much-better-passphrase", "A-much-better-passphrase");
    await waitFor(() =>
      expect(within(dialog).getByRole("alert").textContent).toBe("Warden couldn't check your current password, so nothing was changed. Try again."),
    );
    expect(within(dialog).getByText("Details").closest("details")!.textContent).toContain("the server didn't answer in time");
  });

  it("after a change, leaves the list to the core and offers to remove access from the app tokens that remain", async () => {
    const grants = [
      makeClient({ id: "g1", kind: "access", authMethods: ["token"], userAgent: { software: "Movim", device: "Browser" } }),
      makeClient({ id: "g2", kind: "access", authMethods: ["token"], userAgent: { software: "Cheogram", device: "Phone" } }),
    ];
    const fake = new FakeClientManager({ clients: [...grants] });
    fake.onChangePassword = () => ({ ok: true, value: { confirmed: true, cutOff: [], remainingGrants: grants, tokenRenewed: true } });
    const { user } = await openDialog(fake);
    const listCalls = fake.callsOf("listClients").length;
    await fill(user, "old-password", "A-much-better-passphrase", "A-much-better-passphrase");
    const done = await screen.findByRole("dialog", { name: "Password changed" });
    expect(fake.callsOf("listClients").length).toBe(listCalls);
    expect(done.textContent).toContain("2 app tokens still have access");
    expect(done.textContent).toContain("only this device keeps access");
    expect(done.textContent).toContain("Movim on Browser");
    await user.click(within(done).getByRole("button", { name: "Remove access from all 2 app tokens" }));
    await waitFor(() => expect(done.textContent).toContain("Removed access from 2 app tokens. Only this device keeps access."));
    expect(fake.callsOf("revokeClient")).toEqual([{ jid: "alice@example.org", id: "g1" }, { jid: "alice@example.org", id: "g2" }]);
  });

  it("counts a grant as without access only when the server confirmed it gone, and names the rest", async () => {
    const grants = [
      makeClient({ id: "g1", kind: "access", authMethods: ["token"], userAgent: { software: "Movim", device: "Browser" } }),
      makeClient({ id: "g2", kind: "access", authMethods: ["token"], userAgent: { software: "Cheogram", device: "Phone" } }),
      makeClient({ id: "g3", kind: "access", authMethods: ["token"], userAgent: { software: "Dino", device: "Desktop" } }),
    ];
    const fake = new FakeClientManager({ clients: [...grants] });
    fake.onChangePassword = () => ({ ok: true, value: { confirmed: true, cutOff: [], remainingGrants: grants, tokenRenewed: true } });
    fake.onRevoke = (request) =>
      request.id === "g1"
        ? { ok: true, value: { outcome: "already-gone" } }
        : request.id === "g2"
          ? { ok: true, value: { outcome: "not-confirmed", connected: false } }
          : { ok: true, value: { outcome: "failed", condition: "internal-server-error", retryLater: true } };
    const { user } = await openDialog(fake);
    await fill(user, "old-password", "A-much-better-passphrase", "A-much-better-passphrase");
    const done = await screen.findByRole("dialog", { name: "Password changed" });
    await user.click(within(done).getByRole("button", { name: "Remove access from all 3 app tokens" }));
    await waitFor(() => expect(done.textContent).toContain("Warden couldn't confirm that every app token lost its access:"));
    const failures = within(done).getAllByRole("listitem").slice(3).map((item) => item.textContent);
    expect(failures).toEqual([
      `Warden asked the server to remove access from Cheogram on Phone, but couldn't confirm it within ${REVOKE_DEADLINE_MS / 1000} seconds. When Warden last checked, it was not connected, and it may still have access. Try again.`,
      "The server couldn't remove access from Dino on Desktop. The server asked to try again later.",
    ]);
    expect(done.textContent).not.toContain("Only this device keeps access.");
  });

  it("when no grants remain (Prosody 13), just confirms", async () => {
    const fake = new FakeClientManager();
    const { user } = await openDialog(fake);
    await fill(user, "old-password", "A-much-better-passphrase", "A-much-better-passphrase");
    const done = await screen.findByRole("dialog", { name: "Password changed" });
    expect(done.textContent).toContain("Your password was changed.");
    expect(within(done).queryByRole("button", { name: /Remove access/ })).toBeNull();
    await user.click(within(done).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("before the change, says what will lose access, from the list", async () => {
    const fake = new FakeClientManager({
      clients: [
        makeClient({ id: "self", isCurrent: true, connected: true, authMethods: ["password"] }),
        makeClient({ id: "p1", connected: true, authMethods: ["password"] }),
        makeClient({ id: "p2", connected: false, authMethods: ["password", "fast"] }),
        makeClient({ id: "f1", connected: true, authMethods: ["fast"] }),
        makeClient({ id: "g1", kind: "access", authMethods: ["token"] }),
      ],
    });
    const { dialog } = await openDialog(fake);
    const reach = within(dialog).getByRole("region", { name: "What will lose access" });
    expect(within(reach).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Every other session is signed out (2 connected now).",
      "2 clients that know your current password: they need the new one to sign in again.",
      "1 app token, unless the server keeps them: afterwards, Warden shows which still have access and offers to remove it.",
    ]);
    // Focus on the first field.
    expect(document.activeElement).toBe(within(dialog).getByLabelText("Current password"));
  });

  it("after the change, lists what the server's next list no longer shows, with Done the default", async () => {
    const cutOff = [
      makeClient({ id: "p1", userAgent: { software: "Conversations", device: "Pixel 8" } }),
      makeClient({ id: "p2", userAgent: { software: "Gajim", device: "Desktop" } }),
    ];
    const fake = new FakeClientManager();
    fake.onChangePassword = () => ({ ok: true, value: { confirmed: true, cutOff, remainingGrants: [], tokenRenewed: true } });
    const { user } = await openDialog(fake);
    await fill(user, "old-password", "A-much-better-passphrase", "A-much-better-passphrase");
    const done = await screen.findByRole("dialog", { name: "Password changed" });
    const summary = within(done).getByRole("region", { name: "2 clients lost access" });
    expect(within(summary).getAllByRole("listitem").map((item) => item.textContent)).toEqual(["Conversations on Pixel 8 (Session)", "Gajim on Desktop (Session)"]);
    await waitFor(() => expect(document.activeElement).toBe(within(done).getByRole("button", { name: "Done" })));
  });

  it("after the change, says plainly when Warden couldn't check what lost access", async () => {
    const fake = new FakeClientManager();
    fake.onChangePassword = () => ({ ok: true, value: { confirmed: false, cutOff: [], remainingGrants: [], tokenRenewed: true } });
    const { user } = await openDialog(fake);
    await fill(user, "old-password", "A-much-better-passphrase", "A-much-better-passphrase");
    const done = await screen.findByRole("dialog", { name: "Password changed" });
    expect(done.textContent).toContain("Warden couldn't check what lost access");
    expect(within(done).queryByRole("region", { name: /lost access/ })).toBeNull();
  });

  it("with app tokens left, Done is still the default and removing their access is a choice", async () => {
    const grants = [makeClient({ id: "g1", kind: "access", authMethods: ["token"], userAgent: { software: "Movim" } })];
    const fake = new FakeClientManager({ clients: [...grants] });
    fake.onChangePassword = () => ({ ok: true, value: { confirmed: true, cutOff: [], remainingGrants: grants, tokenRenewed: true } });
    const { user, opener } = await openDialog(fake);
    await fill(user, "old-password", "A-much-better-passphrase", "A-much-better-passphrase");
    const done = await screen.findByRole("dialog", { name: "Password changed" });
    expect(within(done).getByRole("button", { name: "Remove access from the app token" })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(done).getByRole("button", { name: "Done" })));
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fake.callsOf("revokeClient")).toEqual([]);
    // Focus back on the button that opened the dialog.
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });
});
