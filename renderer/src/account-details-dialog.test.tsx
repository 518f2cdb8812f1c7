import "./test/setup.js";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PROTECTIONS } from "../../src/shared/index.js";
import { deferred, FakeClientManager } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const JID = "alice@example.org";
const pin = (byte: string) => Array.from({ length: 32 }, () => byte).join(":");
const PIN_A = pin("AA");
const PIN_B = pin("BB");

async function openDetails(fake: FakeClientManager) {
  const view = renderApp(fake);
  const opener = await screen.findByRole("button", { name: "Account details…" });
  await view.user.click(opener);
  const dialog = await screen.findByRole("dialog", { name: "Account details" });
  return { ...view, dialog, opener };
}

describe("account details", () => {
  it("shows, in words, every protection Warden remembers for the server", async () => {
    const fake = new FakeClientManager();
    fake.security.set(JID, { protections: [...PROTECTIONS], pinnedFingerprints: [] });
    const { dialog } = await openDetails(fake);
    const list = await within(dialog).findByRole("list");
    expect(within(list).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Certificate signed by a trusted authority",
      "Password never sent (SCRAM)",
      "Bound to this connection (channel binding)",
      "Reconnect token bound to the connection",
      "Sign-in methods protected against tampering (XEP-0474)",
    ]);
    expect(dialog.textContent).toContain("example.org");
    expect(within(dialog).getByRole("region", { name: "Certificates you trusted" }).textContent).toContain("None.");
    expect(fake.callsOf("getAccountSecurity")).toEqual([{ jid: JID }]);
  });

  it("says when nothing is remembered yet", async () => {
    const { dialog } = await openDetails(new FakeClientManager());
    expect(await within(dialog).findByText(/Nothing yet/)).toBeTruthy();
  });

  it("lists the trusted certificates and removes the one chosen", async () => {
    const fake = new FakeClientManager();
    fake.security.set(JID, { protections: ["scram"], pinnedFingerprints: [PIN_A, PIN_B] });
    const { user, dialog } = await openDetails(fake);
    const pins = await within(dialog).findByRole("list", { name: "Certificates you trusted" });
    const items = within(pins).getAllByRole("listitem");
    expect(items.map((item) => item.querySelector("code")?.textContent)).toEqual([PIN_A, PIN_B]);

    await user.click(within(items[1]!).getByRole("button", { name: "Remove" }));
    expect(fake.callsOf("removePinnedCertificate")).toEqual([{ jid: JID, fingerprint256: PIN_B }]);
    await waitFor(() => expect(within(pins).getAllByRole("listitem")).toHaveLength(1));
    expect(pins.textContent).toContain(PIN_A);
    expect(pins.textContent).not.toContain(PIN_B);
    expect(within(dialog).getByRole("status").textContent).toContain("Certificate removed");
    // Focus stays in the section whose button went away.
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole("heading", { name: "Certificates you trusted" })));
  });

  it("says when a certificate could not be removed, and keeps it listed", async () => {
    const fake = new FakeClientManager();
    fake.security.set(JID, { protections: [], pinnedFingerprints: [PIN_A] });
    fake.onRemovePinnedCertificate = () => ({ ok: false, error: { kind: "internal", message: "settings locked" } });
    const { user, dialog } = await openDetails(fake);
    await user.click(await within(dialog).findByRole("button", { name: "Remove" }));
    await waitFor(() => expect(within(dialog).getByRole("status").textContent).toContain("Couldn't remove the certificate."));
    expect(within(dialog).getByRole("list", { name: "Certificates you trusted" }).textContent).toContain(PIN_A);
  });

  it("forgets the server only after a confirmation that says it signs out and asks for the password", async () => {
    const fake = new FakeClientManager();
    fake.security.set(JID, { protections: ["ca-verified-certificate"], pinnedFingerprints: [PIN_A] });
    const { user, dialog } = await openDetails(fake);
    const forget = await within(dialog).findByRole("button", { name: "Forget what Warden knows about this server…" });
    await user.click(forget);

    let confirm = await screen.findByRole("alertdialog", { name: "Forget what Warden knows about this server?" });
    expect(confirm.textContent).toContain(`signs ${JID} out on this device`);
    expect(confirm.textContent).toContain("the next sign-in asks for your password");
    await waitFor(() => expect(document.activeElement).toBe(within(confirm).getByRole("button", { name: "Cancel" })));
    // Cancel goes back to the details, with focus on the button that asked.
    await user.click(within(confirm).getByRole("button", { name: "Cancel" }));
    const back = await screen.findByRole("dialog", { name: "Account details" });
    await waitFor(() => expect(document.activeElement).toBe(within(back).getByRole("button", { name: "Forget what Warden knows about this server…" })));
    expect(fake.callsOf("forgetServer")).toEqual([]);

    await user.click(within(back).getByRole("button", { name: "Forget what Warden knows about this server…" }));
    confirm = await screen.findByRole("alertdialog", { name: "Forget what Warden knows about this server?" });
    await user.click(within(confirm).getByRole("button", { name: "Forget and sign out" }));
    expect(fake.callsOf("forgetServer")).toEqual([{ jid: JID }]);
    expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
    expect(screen.getByText(/forgot what it knew about example\.org and signed you out/)).toBeTruthy();
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  it("keeps the confirmation open and says so when forgetting fails", async () => {
    const fake = new FakeClientManager();
    const answer = deferred<{ ok: false; error: { kind: "timeout" } }>();
    fake.onForgetServer = () => answer.promise;
    const { user, dialog } = await openDetails(fake);
    await user.click(await within(dialog).findByRole("button", { name: "Forget what Warden knows about this server…" }));
    const confirm = await screen.findByRole("alertdialog");
    await user.click(within(confirm).getByRole("button", { name: "Forget and sign out" }));
    expect(within(confirm).getByRole("button", { name: "Forgetting…" })).toHaveProperty("disabled", true);
    answer.resolve({ ok: false, error: { kind: "timeout" } });
    await waitFor(() => expect(within(confirm).getByRole("alert").textContent).toContain("Nothing was forgotten."));
    expect(screen.getByRole("heading", { name: new RegExp(JID) })).toBeTruthy();
  });

  it("says when what Warden remembers could not be loaded, and tries again", async () => {
    const fake = new FakeClientManager();
    let calls = 0;
    fake.onGetAccountSecurity = (request) => {
      calls += 1;
      return calls === 1 ? { ok: false, error: { kind: "internal", message: "settings unreadable" } } : { ok: true, value: fake.securityOf(request.jid) };
    };
    const { user, dialog } = await openDetails(fake);
    await waitFor(() => expect(within(dialog).getByRole("alert").textContent).toContain("Couldn't load what Warden remembers"));
    await user.click(within(dialog).getByRole("button", { name: "Try again" }));
    expect(await within(dialog).findByText(/Nothing yet/)).toBeTruthy();
  });

  it("closes with Escape and gives focus back to the button that opened it", async () => {
    const { user, opener } = await openDetails(new FakeClientManager());
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });
});
