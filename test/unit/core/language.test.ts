// The UI's language is chosen once per install and comes back with the state, on every host.
import { describe, expect, it } from "vitest";
import { createMemoryClientManager } from "../../doubles/memory-client-manager.js";

describe("the UI's language", () => {
  it("follows the system until chosen, is kept in settings once chosen, and follows the system again when cleared", async () => {
    const { core, settings } = createMemoryClientManager();
    expect(await core.getState()).toEqual({ ok: true, value: { accounts: [], preferences: { inactiveAfterDays: 30 } } });

    expect(await core.setLanguage({ language: "de" })).toEqual({ ok: true, value: null });
    expect(await core.getState()).toEqual({ ok: true, value: { accounts: [], language: "de", preferences: { inactiveAfterDays: 30 } } });
    expect(settings.read().language).toBe("de");

    expect(await core.setLanguage({ language: null })).toEqual({ ok: true, value: null });
    expect(await core.getState()).toEqual({ ok: true, value: { accounts: [], preferences: { inactiveAfterDays: 30 } } });
    expect(settings.read()).not.toHaveProperty("language");
  });

  it("refuses a language Warden does not ship, and keeps the one chosen", async () => {
    const { core } = createMemoryClientManager();
    await core.setLanguage({ language: "fr" });
    expect(await core.setLanguage({ language: "xx" } as never)).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
    expect(await core.getState()).toMatchObject({ ok: true, value: { language: "fr" } });
  });
});
