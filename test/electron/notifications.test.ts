import { describe, expect, it } from "vitest";
import { completionNotice } from "../../electron/notifications.js";
import { createDispatcher } from "../../src/core/dispatch.js";
import { CLIENT_MANAGER_METHODS, type ClientManagerApi } from "../../src/shared/api.js";
import { LANGUAGES } from "../../src/shared/requests.js";
import { revokeOutcomeSchema } from "../../src/shared/outcomes.js";

describe("completionNotice", () => {
  it("speaks only of removals and password changes", () => {
    for (const method of CLIENT_MANAGER_METHODS) {
      if (method === "revokeClient" || method === "changePassword") continue;
      expect(completionNotice(method, { ok: true, value: null }, "en")).toBeNull();
    }
    expect(completionNotice("revokeClient", undefined, "en")).toBeNull();
  });

  it("describes each outcome in the UI's words", () => {
    const title = (method: "revokeClient" | "changePassword", result: unknown) => completionNotice(method, result, "en")?.title;
    expect(title("revokeClient", { ok: true, value: { outcome: "gone", removed: ["session"] } })).toBe("Access removed");
    expect(title("revokeClient", { ok: true, value: { outcome: "already-gone" } })).toBe("Access removed");
    expect(title("revokeClient", { ok: true, value: { outcome: "knows-password", removed: ["session"] } })).toBe("Not locked out: it knows your password");
    expect(title("revokeClient", { ok: true, value: { outcome: "signed-in-again", with: "password" } })).toBe("Signed in again");
    expect(title("revokeClient", { ok: true, value: { outcome: "not-confirmed", connected: true } })).toBe("Removal not confirmed");
    expect(title("revokeClient", { ok: true, value: { outcome: "forbidden" } })).toBe("Access not removed");
    expect(title("revokeClient", { ok: false, error: { kind: "timeout" } })).toBe("Couldn't remove access");
    expect(title("changePassword", { ok: true, value: { remainingGrants: [], tokenRenewed: true } })).toBe("Password changed");
    expect(title("changePassword", { ok: false, error: { kind: "same-as-current" } })).toBe("Password not changed");
    // Changed on the server: never "not changed", even though this device could not sign in with it.
    expect(title("changePassword", { ok: false, error: { kind: "changed-but-sign-in-failed", detail: "timeout" } })).toBe("Password changed — sign in again");
  });

  it("speaks German and French", () => {
    const gone = { ok: true, value: { outcome: "gone", removed: ["session"] } };
    expect(completionNotice("revokeClient", gone, "de")).toEqual({ title: "Zugriff entzogen", body: "Der Client hat keinen Zugriff mehr auf dein Konto." });
    expect(completionNotice("revokeClient", gone, "fr")).toEqual({ title: "Accès retiré", body: "Le client n’a plus accès à votre compte." });
    expect(completionNotice("revokeClient", { ok: true, value: { outcome: "knows-password", removed: [] } }, "de")?.body).toBe(
      "Öffne Warden, um dein Passwort zu ändern.",
    );
    expect(completionNotice("changePassword", { ok: false, error: { kind: "wrong-current-password" } }, "fr")).toEqual({
      title: "Mot de passe non changé",
      body: "Ouvrez Warden pour voir pourquoi.",
    });
  });

  it("has a title and a body for every outcome the contract names, in every language", () => {
    const results: (readonly [method: "revokeClient" | "changePassword", result: unknown])[] = [
      ...revokeOutcomeSchema.options.map((option) => ["revokeClient", { ok: true, value: { outcome: option.shape.outcome.value } }] as const),
      ["revokeClient", { ok: false, error: { kind: "timeout" } }],
      ["changePassword", { ok: true, value: { confirmed: true, cutOff: [], remainingGrants: [], tokenRenewed: true } }],
      ["changePassword", { ok: false, error: { kind: "refused", condition: "not-acceptable" } }],
    ];
    for (const [method, result] of results) {
      const english = completionNotice(method, result, "en");
      for (const language of LANGUAGES) {
        const notice = completionNotice(method, result, language);
        const label = `${language} ${JSON.stringify(result)}`;
        expect(notice?.title, label).toEqual(expect.stringMatching(/\S/));
        expect(notice?.body, label).toEqual(expect.stringMatching(/\S/));
        // The UI's button says "Remove access": a notice never speaks of revoking.
        expect(JSON.stringify(notice), label).not.toMatch(/revok|widerruf|révoqu/i);
        // Never the English words under another language's flag.
        if (language !== "en") expect(notice?.title, label).not.toBe(english?.title);
      }
    }
  });

  it("is told the core's answer by the dispatcher, as main.ts wires it", async () => {
    // A stand-in core: a revoke that needs a server, answered as the real one would.
    const core = { revokeClient: async () => ({ ok: true, value: { outcome: "gone", removed: ["session"] } }) } as unknown as ClientManagerApi;
    const notices: unknown[] = [];
    const dispatch = createDispatcher(core, { onSettled: (method, result) => notices.push(completionNotice(method, result, "en")) });
    await dispatch("revokeClient", { jid: "alice@example.org", id: "client/x" });
    // A refused call never reached the core: nothing to notify.
    await dispatch("revokeClient", { jid: "alice@example.org", id: "" });
    expect(notices).toEqual([{ title: "Access removed", body: "The client no longer has access to your account." }]);
  });

  it("never repeats anything from the result (names, addresses, server text)", () => {
    const secretish = "alice@example.org hunter2 Conversations on Pixel";
    const results = [
      { ok: true, value: { outcome: "forbidden", text: secretish } },
      { ok: false, error: { kind: "internal", message: secretish } },
      { ok: true, value: { remainingGrants: [{ id: secretish, userAgent: { software: secretish } }], tokenRenewed: false } },
      { ok: false, error: { kind: "changed-but-sign-in-failed", detail: secretish } },
    ];
    for (const result of results) {
      for (const method of ["revokeClient", "changePassword"] as const) {
        for (const language of LANGUAGES) {
          const notice = completionNotice(method, result, language);
          expect(JSON.stringify(notice)).not.toMatch(/alice|hunter2|Pixel/);
        }
      }
    }
  });
});
