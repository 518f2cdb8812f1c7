import "./test/setup.js";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { RevokeResult } from "../../src/shared/index.js";
import { FakeClientManager, makeClient } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const phone = () => makeClient({ id: "phone", connected: true, userAgent: { software: "Conversations", softwareVersion: "2.15", device: "Pixel 8" } });
const self = () => makeClient({ id: "self", isCurrent: true, connected: true, authMethods: ["fast"], userAgent: { software: "Warden", device: "My laptop" } });

async function openRevoke(fake: FakeClientManager, name: RegExp) {
  const view = renderApp(fake);
  const button = await screen.findByRole("button", { name });
  await view.user.click(button);
  const dialog = await screen.findByRole("alertdialog");
  return { ...view, button, dialog };
}

describe("revoke dialog", () => {
  it("names the software and device and says what will happen", async () => {
    const { dialog } = await openRevoke(new FakeClientManager({ clients: [phone()] }), /Revoke Conversations on Pixel 8/);
    expect(within(dialog).getByRole("heading", { name: "Revoke Conversations?" })).toBeTruthy();
    expect(dialog.textContent).toContain("Conversations 2.15");
    expect(dialog.textContent).toContain("Pixel 8");
    expect(dialog.textContent).toContain("disconnected right away");
    // The safe choice has focus.
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
  });

  it("revokes, reports it, and the entry leaves the list", async () => {
    const fake = new FakeClientManager({ clients: [phone(), self()] });
    const { user, dialog } = await openRevoke(fake, /Revoke Conversations on Pixel 8/);
    await user.click(within(dialog).getByRole("button", { name: "Revoke" }));
    await waitFor(() => expect(dialog.textContent).toContain("Conversations on Pixel 8 no longer has access to your account."));
    expect(fake.callsOf("revokeClient")).toEqual([{ id: "phone" }]);
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("heading", { name: /Conversations/ })).toBeNull());
  });

  it("warns that revoking this device signs out, and sends confirmSignOut", async () => {
    const fake = new FakeClientManager({ clients: [self()] });
    fake.onRevoke = () => {
      fake.setState({ status: "signed-out" });
      return { ok: true, value: { outcome: "revoked", signedOut: true } };
    };
    const { user, dialog } = await openRevoke(fake, /Revoke Warden on My laptop \(this device\)/);
    expect(within(dialog).getByRole("heading", { name: "Revoke this device?" })).toBeTruthy();
    expect(dialog.textContent).toContain("you will be signed out");
    await user.click(within(dialog).getByRole("button", { name: "Revoke and sign out" }));
    expect(fake.callsOf("revokeClient")).toEqual([{ id: "self", confirmSignOut: true }]);
    expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
    expect(screen.getByText(/You revoked this device's access and were signed out/)).toBeTruthy();
  });

  it("explains password-reset-required and offers to change the password right there", async () => {
    const fake = new FakeClientManager({ clients: [phone()] });
    fake.onRevoke = () => ({ ok: true, value: { outcome: "password-reset-required", removed: ["session", "fast-tokens"] } });
    const { user, dialog } = await openRevoke(fake, /Revoke Conversations/);
    await user.click(within(dialog).getByRole("button", { name: "Revoke" }));
    await waitFor(() =>
      expect(dialog.textContent).toContain(
        "It was signed out and its tokens removed, but it knows your password. To lock it out, change your password.",
      ),
    );
    const change = within(dialog).getByRole("button", { name: "Change password…" });
    expect(document.activeElement).toBe(change);
    await user.click(change);
    expect(await screen.findByRole("dialog", { name: "Change password" })).toBeTruthy();
  });

  it.each<[string, RevokeResult, string, boolean]>([
    ["not-found", { ok: true, value: { outcome: "not-found" } }, "was already gone", true],
    ["forbidden", { ok: true, value: { outcome: "forbidden", text: "Admins only" } }, "didn't allow revoking Conversations on Pixel 8: “Admins only” Nothing was changed.", false],
    ["failed", { ok: true, value: { outcome: "failed", condition: "internal-server-error" } }, "couldn't revoke Conversations on Pixel 8: internal-server-error. Nothing was changed.", false],
    ["timeout", { ok: false, error: { kind: "timeout" } }, "didn't answer in time", false],
  ])("reports %s in words", async (_name, result, words, refreshes) => {
    const fake = new FakeClientManager({ clients: [phone()] });
    fake.onRevoke = () => result;
    const { user, dialog } = await openRevoke(fake, /Revoke Conversations/);
    const listCalls = fake.callsOf("listClients").length;
    await user.click(within(dialog).getByRole("button", { name: "Revoke" }));
    await waitFor(() => expect(dialog.textContent).toContain(words));
    await waitFor(() => expect(fake.callsOf("listClients").length > listCalls).toBe(refreshes));
    if (!refreshes) {
      // The list is unchanged behind the dialog.
      expect(screen.getByRole("heading", { name: "Conversations 2.15", hidden: true })).toBeTruthy();
    }
  });

  it("closes with Escape and gives focus back to the Revoke button", async () => {
    const fake = new FakeClientManager({ clients: [phone()] });
    const { user, button } = await openRevoke(fake, /Revoke Conversations/);
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(button));
    expect(fake.callsOf("revokeClient")).toEqual([]);
  });
});
