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
      expect(within(dialog).getByRole("alert").textContent).toBe(
        "Warden couldn't check your current password (the server didn't answer in time). Nothing was changed.",
      ),
    );
  });

  it("after a change, leaves the list to the core and offers to revoke the app tokens that remain", async () => {
    const grants = [
      makeClient({ id: "g1", kind: "access", authMethods: ["token"], userAgent: { software: "Movim", device: "Browser" } }),
      makeClient({ id: "g2", kind: "access", authMethods: ["token"], userAgent: { software: "Cheogram", device: "Phone" } }),
    ];
    const fake = new FakeClientManager({ clients: [...grants] });
    fake.onChangePassword = () => ({ ok: true, value: { remainingGrants: grants, tokenRenewed: true } });
    const { user } = await openDialog(fake);
    const listCalls = fake.callsOf("listClients").length;
    await fill(user, "old-password", "A-much-better-passphrase", "A-much-better-passphrase");
    const done = await screen.findByRole("dialog", { name: "Password changed" });
    expect(fake.callsOf("listClients").length).toBe(listCalls);
    expect(done.textContent).toContain("2 app tokens still have access");
    expect(done.textContent).toContain("only this device keeps access");
    expect(done.textContent).toContain("Movim on Browser");
    await user.click(within(done).getByRole("button", { name: "Revoke all 2 app tokens" }));
    await waitFor(() => expect(done.textContent).toContain("Revoked 2 app tokens. Only this device keeps access."));
    expect(fake.callsOf("revokeClient")).toEqual([{ jid: "alice@example.org", id: "g1" }, { jid: "alice@example.org", id: "g2" }]);
  });

  it("counts a grant as revoked only when the server confirmed it gone, and names the rest", async () => {
    const grants = [
      makeClient({ id: "g1", kind: "access", authMethods: ["token"], userAgent: { software: "Movim", device: "Browser" } }),
      makeClient({ id: "g2", kind: "access", authMethods: ["token"], userAgent: { software: "Cheogram", device: "Phone" } }),
      makeClient({ id: "g3", kind: "access", authMethods: ["token"], userAgent: { software: "Dino", device: "Desktop" } }),
    ];
    const fake = new FakeClientManager({ clients: [...grants] });
    fake.onChangePassword = () => ({ ok: true, value: { remainingGrants: grants, tokenRenewed: true } });
    fake.onRevoke = (request) =>
      request.id === "g1"
        ? { ok: true, value: { outcome: "already-gone" } }
        : request.id === "g2"
          ? { ok: true, value: { outcome: "not-confirmed", connected: false } }
          : { ok: true, value: { outcome: "failed", condition: "internal-server-error", retryLater: true } };
    const { user } = await openDialog(fake);
    await fill(user, "old-password", "A-much-better-passphrase", "A-much-better-passphrase");
    const done = await screen.findByRole("dialog", { name: "Password changed" });
    await user.click(within(done).getByRole("button", { name: "Revoke all 3 app tokens" }));
    await waitFor(() => expect(done.textContent).toContain("Warden couldn't confirm that every app token was revoked:"));
    const failures = within(done).getAllByRole("listitem").slice(3).map((item) => item.textContent);
    expect(failures).toEqual([
      `Warden asked the server to sign Cheogram on Phone out, but couldn't confirm it within ${REVOKE_DEADLINE_MS / 1000} seconds. When Warden last checked, it was not connected, and it may still have access. Try again.`,
      "The server couldn't revoke Dino on Desktop. The server asked to try again later.",
    ]);
    expect(done.textContent).not.toContain("Only this device keeps access.");
  });

  it("when no grants remain (Prosody 13), just confirms", async () => {
    const fake = new FakeClientManager();
    const { user } = await openDialog(fake);
    await fill(user, "old-password", "A-much-better-passphrase", "A-much-better-passphrase");
    const done = await screen.findByRole("dialog", { name: "Password changed" });
    expect(done.textContent).toContain("Your password was changed.");
    expect(within(done).queryByRole("button", { name: /Revoke/ })).toBeNull();
    await user.click(within(done).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });
});
