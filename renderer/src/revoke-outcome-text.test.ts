import { createIntl } from "react-intl";
import { describe, expect, it } from "vitest";
import { REVOKE_DEADLINE_MS, type RemovedAccess, type RevokeOutcome } from "../../src/shared/index.js";
import { describeRevokeResult, revokedForGood, revokeProgressText } from "./revoke-outcome-text.js";
import { makeClient } from "./test/fake-client-manager.js";

const intl = createIntl({ locale: "en" });

const phone = makeClient({ userAgent: { software: "Conversations", device: "Pixel 8" } });
const words = (outcome: RevokeOutcome) => describeRevokeResult(intl, phone, { ok: true, value: outcome });

/** Every subset of what a revoke can take away. */
const ALL_REMOVED: RemovedAccess[][] = [[]];
for (const access of ["session", "fast-tokens", "grant"] as const) ALL_REMOVED.push(...ALL_REMOVED.map((set) => [...set, access]));

describe("revoke outcome words", () => {
  it("says what a confirmed-gone revoke took, in plain words", () => {
    const gone = (removed: RemovedAccess[]) => words({ outcome: "gone", removed }).text;
    expect(gone([])).toBe("Conversations on Pixel 8 no longer has access to your account.");
    expect(gone(["session"])).toBe("Conversations on Pixel 8 no longer has access to your account. It was signed out.");
    expect(gone(["session", "fast-tokens"])).toBe(
      "Conversations on Pixel 8 no longer has access to your account. It was signed out and its sign-in tokens were removed.",
    );
    expect(gone(["fast-tokens"])).toBe("Conversations on Pixel 8 no longer has access to your account. Its sign-in tokens were removed.");
    expect(gone(["grant"])).toBe("Conversations on Pixel 8 no longer has access to your account. Its app token was removed.");
    expect(gone(["session", "fast-tokens", "grant"])).toBe(
      "Conversations on Pixel 8 no longer has access to your account. It was signed out and its sign-in tokens and its app token were removed.",
    );
    expect(words({ outcome: "gone", removed: [] }).title).toBe("Access removed");
  });

  it("says a client that knows the password is signed out, not locked out, and offers the password change", () => {
    const outcome = words({ outcome: "knows-password", removed: ["session", "fast-tokens"] });
    expect(outcome.text).toBe("Signed out and its sign-in tokens removed — but it still knows your password. To lock it out, change your password.");
    expect(outcome).toMatchObject({ tone: "warning", title: "Not locked out: it knows your password", changePassword: true });
    expect(words({ outcome: "knows-password", removed: ["session"] }).text).toBe(
      "Signed out — but it still knows your password. To lock it out, change your password.",
    );
    // An offline client was not signed out by the revoke: the words don't say it was.
    expect(words({ outcome: "knows-password", removed: [] }).text).toBe(
      "Not connected — but it still knows your password. To lock it out, change your password.",
    );
    expect(words({ outcome: "knows-password", removed: ["fast-tokens"] }).text).toBe(
      "Not connected and its sign-in tokens removed — but it still knows your password. To lock it out, change your password.",
    );
  });

  it("never says tokens were removed unless the server's list confirmed it", () => {
    for (const removed of ALL_REMOVED) {
      for (const outcome of [words({ outcome: "gone", removed }), words({ outcome: "knows-password", removed })]) {
        const text = `${outcome.text} ${outcome.detail ?? ""}`;
        if (removed.includes("fast-tokens")) expect(text, removed.join()).toMatch(/its sign-in tokens/i);
        else expect(text, removed.join()).not.toMatch(/tokens/);
      }
    }
    // Outcomes that carry no `removed` say nothing was removed at all.
    const others: RevokeOutcome[] = [
      { outcome: "already-gone" },
      { outcome: "signed-in-again", with: "password" },
      { outcome: "signed-in-again", with: "token" },
      { outcome: "signed-out-self" },
      { outcome: "not-confirmed", connected: true },
      { outcome: "not-confirmed", connected: false },
      { outcome: "forbidden" },
      { outcome: "failed", condition: "internal-server-error", retryLater: true },
    ];
    for (const outcome of others) expect(words(outcome).text, outcome.outcome).not.toMatch(/removed/);
  });

  it("says a client that came back signed in again, and how, with the way out", () => {
    expect(words({ outcome: "signed-in-again", with: "password" })).toMatchObject({
      tone: "warning",
      title: "Signed in again",
      text: "Conversations on Pixel 8 was signed out, but it signed in again with your password. To lock it out, change your password.",
      changePassword: true,
    });
    const token = words({ outcome: "signed-in-again", with: "token" });
    expect(token).toMatchObject({
      text: "Conversations on Pixel 8 was signed out, but it signed in again with a sign-in token the server kept. Try again to remove it.",
      retry: true,
    });
    expect(token.detail).toContain("FAST token");
  });

  it("says a revoke it could not confirm may have left access, and whether the client was still connected", () => {
    const seconds = REVOKE_DEADLINE_MS / 1000;
    const connected = words({ outcome: "not-confirmed", connected: true });
    expect(connected).toMatchObject({ tone: "warning", title: "Not confirmed", retry: true });
    expect(connected.text).toBe(
      `Warden asked the server to remove access from Conversations on Pixel 8, but couldn't confirm it within ${seconds} seconds. When Warden last checked, it was still connected, and it may still have access. Try again.`,
    );
    expect(words({ outcome: "not-confirmed", connected: false }).text).toContain("When Warden last checked, it was not connected, and it may still have access.");
    expect(connected.text).not.toMatch(/no longer has access|revoked/);
  });

  it("keeps technical names behind Details", () => {
    const failed = words({ outcome: "failed", condition: "internal-server-error", text: "Unable to revoke client access", retryLater: true });
    expect(failed.text).toBe(
      "The server couldn't remove access from Conversations on Pixel 8. The server said: “Unable to revoke client access” The server asked to try again later.",
    );
    expect(failed.detail).toBe("The server answered “internal-server-error”, error type “wait”.");
    const plain = words({ outcome: "failed", condition: "undefined-condition", retryLater: false });
    expect(plain.text).toBe("The server couldn't remove access from Conversations on Pixel 8.");
    expect(plain.detail).toBe("The server answered “undefined-condition”.");
    expect(words({ outcome: "forbidden" }).detail).toBe("The server answered “forbidden”.");
  });

  it("says a client already without access had none, and the self-revoke signed out here", () => {
    expect(words({ outcome: "already-gone" }).text).toBe("Conversations on Pixel 8 already had no access. The list has been refreshed.");
    expect(words({ outcome: "signed-out-self" }).text).toBe("The server closed this device's session and Warden signed you out here.");
  });

  it("counts only confirmed-gone entries as revoked for good", () => {
    expect(revokedForGood({ outcome: "gone", removed: ["grant"] })).toBe(true);
    expect(revokedForGood({ outcome: "already-gone" })).toBe(true);
    expect(revokedForGood({ outcome: "knows-password", removed: ["grant"] })).toBe(false);
    expect(revokedForGood({ outcome: "not-confirmed", connected: false })).toBe(false);
    expect(revokedForGood({ outcome: "signed-in-again", with: "token" })).toBe(false);
  });

  it("names the client in the progress text as it may be shown, with the time it can take", () => {
    const rogue = makeClient({ userAgent: { software: "Conver\u202Esations", device: "Pixel\u200B 8" } });
    expect(revokeProgressText(intl, rogue)).toBe(`Removing access from Conversations on Pixel 8… This can take up to ${REVOKE_DEADLINE_MS / 1000} seconds.`);
  });
});
