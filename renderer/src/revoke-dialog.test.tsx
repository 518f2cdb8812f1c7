import "./test/setup.js";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { REVOKE_DEADLINE_MS, type RevokeResult } from "../../src/shared/index.js";
import { deferred, FakeClientManager, makeClient } from "./test/fake-client-manager.js";
import { renderApp } from "./test/render-app.js";

const phone = () => makeClient({ id: "phone", connected: true, userAgent: { software: "Conversations", softwareVersion: "2.15", device: "Pixel 8" } });
const self = () => makeClient({ id: "self", isCurrent: true, connected: true, authMethods: ["fast"], userAgent: { software: "Warden", device: "My laptop" } });

/** Expands every row (the action sits in a row's details) and presses the named action. */
async function openRevoke(fake: FakeClientManager, name: RegExp) {
  const view = renderApp(fake);
  await screen.findAllByRole("article");
  for (const row of screen.getAllByRole("button", { expanded: false })) await view.user.click(row);
  const button = await screen.findByRole("button", { name });
  await view.user.click(button);
  const dialog = await screen.findByRole("alertdialog");
  return { ...view, button, dialog };
}

describe("revoke dialog", () => {
  it("names the software and device and says what will happen", async () => {
    const { dialog } = await openRevoke(new FakeClientManager({ clients: [phone()] }), /Remove access from Conversations on Pixel 8/);
    expect(within(dialog).getByRole("heading", { name: "Remove access from Conversations?" })).toBeTruthy();
    expect(dialog.textContent).toContain("Conversations 2.15");
    expect(dialog.textContent).toContain("Pixel 8");
    expect(dialog.textContent).toContain("It will be disconnected and its sign-in tokens removed.");
    // The safe choice has focus.
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
  });

  it("revokes, reports what the server confirmed, and the entry leaves the list", async () => {
    const fake = new FakeClientManager({ clients: [phone(), self()] });
    const { user, dialog } = await openRevoke(fake, /Remove access from Conversations on Pixel 8/);
    await user.click(within(dialog).getByRole("button", { name: "Remove access" }));
    const status = within(dialog).getByRole("status");
    await waitFor(() => expect(status.textContent).toBe("Conversations on Pixel 8 no longer has access to your account. It was signed out."));
    expect(within(dialog).getByRole("heading", { name: "Access removed" })).toBeTruthy();
    expect(fake.callsOf("revokeClient")).toEqual([{ jid: "alice@example.org", id: "phone" }]);
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("heading", { name: /Conversations/ })).toBeNull());
  });

  it("while it runs, says it is signing the client out and for how long, keeps focus, and sends one request", async () => {
    const fake = new FakeClientManager({ clients: [phone()] });
    const pending = deferred<RevokeResult>();
    fake.onRevoke = () => pending.promise;
    const { user, dialog } = await openRevoke(fake, /Remove access from Conversations/);
    const revoke = within(dialog).getByRole("button", { name: "Remove access" });
    await user.click(revoke);
    const status = within(dialog).getByRole("status");
    expect(status.getAttribute("aria-live")).toBe("polite");
    await waitFor(() =>
      expect(status.textContent).toBe(`Removing access from Conversations on Pixel 8… This can take up to ${REVOKE_DEADLINE_MS / 1000} seconds.`),
    );
    const busy = within(dialog).getByRole("button", { name: "Removing access…" });
    expect(busy.getAttribute("aria-disabled")).toBe("true");
    expect(document.activeElement).toBe(busy);
    expect((within(dialog).getByRole("button", { name: "Cancel" }) as HTMLButtonElement).disabled).toBe(true);
    // Neither a second click, Enter nor Escape does anything while it runs.
    await user.click(busy);
    await user.keyboard("{Enter}");
    await user.keyboard("{Escape}");
    expect(screen.getByRole("alertdialog")).toBe(dialog);
    expect(fake.callsOf("revokeClient")).toEqual([{ jid: "alice@example.org", id: "phone" }]);
    pending.resolve({ ok: true, value: { outcome: "gone", removed: ["session", "fast-tokens"] } });
    await waitFor(() =>
      expect(status.textContent).toBe(
        "Conversations on Pixel 8 no longer has access to your account. It was signed out and its sign-in tokens were removed.",
      ),
    );
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Done" }));
  });

  it("warns that revoking this device signs out, and sends confirmSignOut", async () => {
    const fake = new FakeClientManager({ clients: [self()] });
    fake.onRevoke = () => {
      fake.setState("alice@example.org", { status: "signed-out" });
      return { ok: true, value: { outcome: "signed-out-self" } };
    };
    const { user, dialog } = await openRevoke(fake, /Sign out Warden on My laptop \(this device\)/);
    expect(within(dialog).getByRole("heading", { name: "Sign out this device?" })).toBeTruthy();
    expect(dialog.textContent).toContain("you will be signed out");
    await user.click(within(dialog).getByRole("button", { name: "Sign out" }));
    expect(fake.callsOf("revokeClient")).toEqual([{ jid: "alice@example.org", id: "self", confirmSignOut: true }]);
    expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
    const notice = screen.getByText(/You signed this device out/);
    // The server closes this session before it answers: nothing confirms its token went.
    expect(notice.textContent).not.toMatch(/token/);
  });

  it("says a client that knows the password is signed out, not locked out, keeps it listed and offers the password change", async () => {
    const fake = new FakeClientManager({ clients: [phone()] });
    fake.onRevoke = () => ({ ok: true, value: { outcome: "knows-password", removed: ["session", "fast-tokens"] } });
    const { user, dialog } = await openRevoke(fake, /Remove access from Conversations/);
    const listCalls = fake.callsOf("listClients").length;
    await user.click(within(dialog).getByRole("button", { name: "Remove access" }));
    await waitFor(() =>
      expect(within(dialog).getByRole("status").textContent).toBe(
        "Signed out and its sign-in tokens removed — but it still knows your password. To lock it out, change your password.",
      ),
    );
    expect(within(dialog).getByRole("heading", { name: "Not locked out: it knows your password" })).toBeTruthy();
    expect(fake.callsOf("listClients").length).toBe(listCalls);
    expect(screen.getByRole("article", { name: /Conversations/, hidden: true })).toBeTruthy();
    // Done is the default; the password change is one Tab away.
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Done" }));
    await user.click(within(dialog).getByRole("button", { name: "Change password…" }));
    expect(await screen.findByRole("dialog", { name: "Change password" })).toBeTruthy();
  });

  it("mentions no tokens for a client that knows the password when none were confirmed removed", async () => {
    const fake = new FakeClientManager({ clients: [phone()] });
    fake.onRevoke = () => ({ ok: true, value: { outcome: "knows-password", removed: ["session"] } });
    const { user, dialog } = await openRevoke(fake, /Remove access from Conversations/);
    await user.click(within(dialog).getByRole("button", { name: "Remove access" }));
    const status = within(dialog).getByRole("status");
    await waitFor(() => expect(status.textContent).toBe("Signed out — but it still knows your password. To lock it out, change your password."));
    expect(dialog.querySelector(".modal-body")!.textContent).not.toMatch(/tokens? (were )?removed/);
  });

  type Case = { result: RevokeResult; title: string; words: string; buttons: string[]; detail?: string };
  it.each<[string, Case]>([
    [
      "already-gone",
      {
        result: { ok: true, value: { outcome: "already-gone" } },
        title: "Already without access",
        words: "Conversations on Pixel 8 already had no access. The list has been refreshed.",
        buttons: ["Done"],
      },
    ],
    [
      "signed-in-again with the password",
      {
        result: { ok: true, value: { outcome: "signed-in-again", with: "password" } },
        title: "Signed in again",
        words: "Conversations on Pixel 8 was signed out, but it signed in again with your password. To lock it out, change your password.",
        buttons: ["Change password…", "Done"],
        detail: "signed in with the password",
      },
    ],
    [
      "signed-in-again with a token",
      {
        result: { ok: true, value: { outcome: "signed-in-again", with: "token" } },
        title: "Signed in again",
        words: "Conversations on Pixel 8 was signed out, but it signed in again with a sign-in token the server kept. Try again to remove it.",
        buttons: ["Try again", "Done"],
        detail: "FAST token",
      },
    ],
    [
      "not-confirmed while connected",
      {
        result: { ok: true, value: { outcome: "not-confirmed", connected: true } },
        title: "Not confirmed",
        words: `Warden asked the server to remove access from Conversations on Pixel 8, but couldn't confirm it within ${REVOKE_DEADLINE_MS / 1000} seconds. When Warden last checked, it was still connected, and it may still have access. Try again.`,
        buttons: ["Try again", "Done"],
        detail: "connected",
      },
    ],
    [
      "forbidden",
      {
        result: { ok: true, value: { outcome: "forbidden", text: "Admins only" } },
        title: "Access not removed",
        words: "The server didn't allow removing access from Conversations on Pixel 8: “Admins only”",
        buttons: ["Done"],
        detail: "“forbidden”",
      },
    ],
    [
      "failed, try later",
      {
        result: { ok: true, value: { outcome: "failed", condition: "internal-server-error", text: "Unable to revoke client access", retryLater: true } },
        title: "Couldn't remove access",
        words: "The server couldn't remove access from Conversations on Pixel 8. The server said: “Unable to revoke client access” The server asked to try again later.",
        buttons: ["Try again", "Done"],
        detail: "“internal-server-error”, error type “wait”",
      },
    ],
    [
      "timeout",
      {
        result: { ok: false, error: { kind: "timeout" } },
        title: "Couldn't remove access",
        words:
          "Warden couldn't finish removing access from Conversations on Pixel 8, so it may still have access. The server didn't answer in time. Check your connection and try again.",
        buttons: ["Try again", "Done"],
      },
    ],
  ])("reports %s in words", async (_name, expected) => {
    const fake = new FakeClientManager({ clients: [phone()] });
    fake.onRevoke = () => expected.result;
    const { user, dialog } = await openRevoke(fake, /Remove access from Conversations/);
    const listCalls = fake.callsOf("listClients").length;
    await user.click(within(dialog).getByRole("button", { name: "Remove access" }));
    await waitFor(() => expect(within(dialog).getByRole("status").textContent).toBe(expected.words));
    expect(within(dialog).getByRole("heading", { name: expected.title })).toBeTruthy();
    expect(within(dialog).getAllByRole("button").map((b) => b.textContent)).toEqual(["×", ...expected.buttons]);
    // The core lists by itself after a revoke: the page asks for nothing.
    expect(fake.callsOf("listClients").length).toBe(listCalls);
    // The technical names are behind "Details", closed.
    const details = within(dialog).queryByText("Details")?.closest("details") ?? null;
    if (expected.detail) {
      expect(details?.open).toBe(false);
      expect(details?.textContent).toContain(expected.detail);
    } else {
      expect(details).toBeNull();
    }
    // The entry stays listed behind the dialog: nothing confirmed it gone.
    await waitFor(() => expect(screen.getByRole("article", { name: /Conversations/, hidden: true })).toBeTruthy());
  });

  it("tries again from the outcome, with focus on the running revoke", async () => {
    const fake = new FakeClientManager({ clients: [phone()] });
    const results: RevokeResult[] = [
      { ok: true, value: { outcome: "not-confirmed", connected: true } },
      { ok: true, value: { outcome: "gone", removed: ["fast-tokens"] } },
    ];
    const second = deferred<RevokeResult>();
    fake.onRevoke = () => (fake.callsOf("revokeClient").length === 1 ? results[0]! : second.promise);
    const { user, dialog } = await openRevoke(fake, /Remove access from Conversations/);
    await user.click(within(dialog).getByRole("button", { name: "Remove access" }));
    await user.click(await within(dialog).findByRole("button", { name: "Try again" }));
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Removing access…" })));
    second.resolve(results[1]!);
    await waitFor(() =>
      expect(within(dialog).getByRole("status").textContent).toBe(
        "Conversations on Pixel 8 no longer has access to your account. Its sign-in tokens were removed.",
      ),
    );
    expect(fake.callsOf("revokeClient")).toEqual([{ jid: "alice@example.org", id: "phone" }, { jid: "alice@example.org", id: "phone" }]);
  });

  it("closes with Escape and gives focus back to the Remove access button", async () => {
    const fake = new FakeClientManager({ clients: [phone()] });
    const { user, button } = await openRevoke(fake, /Remove access from Conversations/);
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(button));
    expect(fake.callsOf("revokeClient")).toEqual([]);
  });

  it("while Warden reconnects, the confirm button is off and says why", async () => {
    const fake = new FakeClientManager({ clients: [phone()] });
    const { user, dialog } = await openRevoke(fake, /Remove access from Conversations/);
    fake.setState("alice@example.org", { status: "reconnecting", jid: "alice@example.org", attempt: 1 });
    const confirm = await within(dialog).findByRole("button", { name: "Remove access" });
    await waitFor(() => expect((confirm as HTMLButtonElement).disabled).toBe(true));
    expect(confirm.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(confirm.getAttribute("aria-describedby")!)?.textContent).toBe(
      "Warden is reconnecting — this needs the server. Try again once it's back.",
    );
    await user.click(confirm);
    expect(fake.callsOf("revokeClient")).toEqual([]);
  });
});
