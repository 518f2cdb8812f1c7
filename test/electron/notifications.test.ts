import { describe, expect, it } from "vitest";
import { completionNotice } from "../../electron/notifications.js";
import { createDispatcher } from "../../src/core/dispatch.js";
import { CLIENT_MANAGER_METHODS, type ClientManagerApi } from "../../src/shared/api.js";
import { revokeOutcomeSchema } from "../../src/shared/outcomes.js";

describe("completionNotice", () => {
  it("speaks only of revokes and password changes", () => {
    for (const method of CLIENT_MANAGER_METHODS) {
      if (method === "revokeClient" || method === "changePassword") continue;
      expect(completionNotice(method, { ok: true, value: null })).toBeNull();
    }
    expect(completionNotice("revokeClient", undefined)).toBeNull();
  });

  it("describes each outcome", () => {
    expect(completionNotice("revokeClient", { ok: true, value: { outcome: "gone", removed: ["session"] } })?.title).toBe("Access revoked");
    expect(completionNotice("revokeClient", { ok: true, value: { outcome: "knows-password", removed: ["session"] } })?.title).toMatch(/change your password/);
    expect(completionNotice("revokeClient", { ok: true, value: { outcome: "not-confirmed", connected: true } })?.title).toBe("Revoke not confirmed");
    expect(completionNotice("revokeClient", { ok: true, value: { outcome: "forbidden" } })?.title).toBe("Not revoked");
    expect(completionNotice("revokeClient", { ok: false, error: { kind: "timeout" } })?.title).toBe("Revoke failed");
    expect(completionNotice("changePassword", { ok: true, value: { remainingGrants: [], tokenRenewed: true } })?.title).toBe("Password changed");
    expect(completionNotice("changePassword", { ok: false, error: { kind: "same-as-current" } })?.title).toBe("Password not changed");
  });

  it("has a title and a body for every revoke outcome the contract names", () => {
    const outcomes = revokeOutcomeSchema.options.map((option) => option.shape.outcome.value);
    for (const outcome of outcomes) {
      const notice = completionNotice("revokeClient", { ok: true, value: { outcome } });
      expect(notice?.title, outcome).toEqual(expect.stringMatching(/\S/));
      expect(notice?.body, outcome).toEqual(expect.stringMatching(/\S/));
    }
  });

  it("is told the core's answer by the dispatcher, as main.ts wires it", async () => {
    // A stand-in core: a revoke that needs a server, answered as the real one would.
    const core = { revokeClient: async () => ({ ok: true, value: { outcome: "gone", removed: ["session"] } }) } as unknown as ClientManagerApi;
    const notices: unknown[] = [];
    const dispatch = createDispatcher(core, { onSettled: (method, result) => notices.push(completionNotice(method, result)) });
    await dispatch("revokeClient", { jid: "alice@example.org", id: "client/x" });
    // A refused call never reached the core: nothing to notify.
    await dispatch("revokeClient", { jid: "alice@example.org", id: "" });
    expect(notices).toEqual([{ title: "Access revoked", body: "The client can no longer use your account." }]);
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
        const notice = completionNotice(method, result);
        expect(JSON.stringify(notice)).not.toMatch(/alice|hunter2|Pixel/);
      }
    }
  });
});
