import { describe, expect, it } from "vitest";
import { defaultSettings, normalizeFingerprint, parseSettings } from "../../../src/core/settings/settings-schema.js";
import { NICKNAME_MAX_LENGTH } from "../../../src/shared/preferences.js";
import type { OnlyThisDeviceProgress } from "../../../src/shared/only-this-device.js";
import { EXPECTED_ACCOUNT_DEFAULTS } from "./expected-account-defaults.js";

const FP_A = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, "0").toUpperCase()).join(":");
const FP_B = Array.from({ length: 32 }, () => "AB").join(":");
const UUID = "6f1c1e8e-3c1b-4d7a-9c55-0e5b1f4f2a10";

/** "Only this device keeps access" stopped after revoking one other entry. */
const PROGRESS: OnlyThisDeviceProgress = {
  startedAt: 1_700_000_000_000,
  done: ["check-password", "change-password", "sign-in-again"],
  revoked: [
    {
      client: { id: "old-phone", kind: "access", software: "Conversations", authMethods: ["ht-sha-256-none"], firstSeen: 1_600_000_000_000 },
      result: { ok: true, value: { outcome: "gone", removed: ["grant"] } },
    },
  ],
  stopped: { step: "remove-others", reason: "The connection to the server was lost." },
};

/** The first account `raw` parses to (which must exist). */
function parseAccount(raw: Record<string, unknown>) {
  const account = parseSettings({ accounts: [{ jid: "alice@example.org", ...raw }] }).accounts[0];
  if (account === undefined) throw new Error("the account was dropped");
  return account;
}

describe("settings schema", () => {
  it("gives the defaults for an empty file or a non-object", () => {
    expect(parseSettings({})).toEqual(defaultSettings());
    expect(defaultSettings()).toEqual({ accounts: [], inactiveAfterDays: 30, startAtLogin: false, autoUpdate: true });
    for (const raw of [undefined, null, [1, 2], "text"]) expect(parseSettings(raw)).toEqual(defaultSettings());
  });

  it("fills account defaults", () => {
    const settings = parseSettings({ accounts: [{ jid: "alice@example.org" }] });
    expect(settings.accounts).toEqual([{ jid: "alice@example.org", ...EXPECTED_ACCOUNT_DEFAULTS }]);
  });

  it("keeps every valid field of a full file", () => {
    const file = {
      clientId: UUID,
      deviceName: "Laptop",
      accounts: [
        {
          jid: "alice@example.org",
          server: { host: "xmpp.example.org", port: 5223, tls: "direct" },
          allowInsecureLoopback: true,
          pinnedFingerprints: [FP_A],
          protections: ["ca-verified-certificate", "scram", "channel-binding"],
          protocol: "xep-0494",
          remember: false,
          passwordInKeychain: true,
          storedSignIn: true,
          nicknames: { "old-phone": "Grandma's tablet" },
          nicknameSync: true,
          cleanupAfterDays: 90,
          onlyThisDevice: PROGRESS,
        },
      ],
      language: "fr",
      inactiveAfterDays: 60,
      keepWatchingWhenClosed: false,
      startAtLogin: true,
      autoUpdate: false,
    };
    expect(parseSettings(file)).toEqual(file);
  });

  it("drops invalid fields one by one, keeping the rest", () => {
    const settings = parseSettings({
      clientId: "not-a-uuid",
      deviceName: 42,
      accounts: [
        {
          jid: "alice@example.org",
          server: { host: "", port: 99999, tls: "none" },
          allowInsecureLoopback: "yes",
          pinnedFingerprints: ["nope", FP_A, 7],
          protections: ["scram", "not-a-protection", 3, "ca-verified-certificate", "scram"],
          protocol: "xep-9999",
          remember: "no",
          passwordInKeychain: null,
          nicknames: "none",
          nicknameSync: "on",
          cleanupAfterDays: -1,
          onlyThisDevice: "half done",
        },
        { jid: "no-at-sign" },
        "garbage",
        { server: { host: "x", port: 1, tls: "direct" } },
      ],
      activeAccount: 5,
      inactiveAfterDays: "soon",
      keepWatchingWhenClosed: "ask",
      startAtLogin: 1,
      autoUpdate: "sometimes",
    });
    expect(settings).toEqual({
      ...defaultSettings(),
      accounts: [{ jid: "alice@example.org", ...EXPECTED_ACCOUNT_DEFAULTS, pinnedFingerprints: [FP_A], protections: ["ca-verified-certificate", "scram"] }],
    });
    expect(settings.clientId).toBeUndefined();
    expect(settings.accounts[0]?.server).toBeUndefined();
  });

  it("keeps the clientId when every other field is corrupt", () => {
    const settings = parseSettings({ clientId: UUID, deviceName: {}, accounts: "lots", activeAccount: [], inactiveAfterDays: null, startAtLogin: "yes" });
    expect(settings).toEqual({ ...defaultSettings(), clientId: UUID });
  });

  it("treats accounts that isn't a list as none", () => {
    expect(parseSettings({ accounts: { jid: "a@b.c" } }).accounts).toEqual([]);
  });

  it("normalizes JIDs and keeps one account per JID", () => {
    const settings = parseSettings({
      accounts: [{ jid: "Alice@Example.ORG/laptop", remember: false }, { jid: "alice@example.org", remember: true }],
    });
    expect(settings.accounts).toHaveLength(1);
    expect(settings.accounts[0]).toMatchObject({ jid: "alice@example.org", remember: false });
  });

  it("de-duplicates and normalizes pinned fingerprints", () => {
    const lower = FP_A.toLowerCase();
    const bare = FP_A.replace(/:/g, "");
    const settings = parseSettings({ accounts: [{ jid: "a@b.c", pinnedFingerprints: [FP_A, lower, bare, FP_B, FP_A] }] });
    expect(settings.accounts[0]?.pinnedFingerprints).toEqual([FP_A, FP_B]);
    expect(normalizeFingerprint("AA:BB")).toBeNull();
    expect(normalizeFingerprint(bare)).toBe(FP_A);
  });

  it("drops the activeAccount an older Warden wrote (every account is shown now)", () => {
    expect(parseSettings({ accounts: [{ jid: "a@b.c" }], activeAccount: "a@b.c" })).not.toHaveProperty("activeAccount");
  });

  it("trims deviceName and rejects an empty or over-long one", () => {
    expect(parseSettings({ deviceName: "  Desk  " }).deviceName).toBe("Desk");
    expect(parseSettings({ deviceName: "   " }).deviceName).toBeUndefined();
    expect(parseSettings({ deviceName: "x".repeat(129) }).deviceName).toBeUndefined();
  });

  it("keeps an inactivity threshold of whole days from 1 to 3650, else falls back to 30", () => {
    for (const days of [1, 7, 3650]) expect(parseSettings({ inactiveAfterDays: days }).inactiveAfterDays).toBe(days);
    for (const bad of [0, -5, 3651, "x", "30", 1.5, null, Number.NaN]) {
      expect(parseSettings({ inactiveAfterDays: bad, deviceName: "Desk" })).toEqual({ ...defaultSettings(), deviceName: "Desk" });
    }
  });

  it("keeps the desktop choices only when they are yes or no", () => {
    expect(parseSettings({ keepWatchingWhenClosed: true, startAtLogin: true })).toMatchObject({ keepWatchingWhenClosed: true, startAtLogin: true });
    expect(parseSettings({ keepWatchingWhenClosed: false })).toMatchObject({ keepWatchingWhenClosed: false, startAtLogin: false, autoUpdate: true });
    expect(parseSettings({ autoUpdate: false })).toMatchObject({ autoUpdate: false });
    for (const bad of ["yes", 1, null, {}]) {
      // An unreadable update choice falls back to updating: the safer of the two.
      const settings = parseSettings({ keepWatchingWhenClosed: bad, startAtLogin: bad, autoUpdate: bad });
      // Not decided yet: the app asks again on the first close.
      expect(settings).not.toHaveProperty("keepWatchingWhenClosed");
      expect(settings).toEqual(defaultSettings());
    }
  });

  it("drops a bad nickname alone, trims the others and cuts them to the longest allowed", () => {
    const long = "L".repeat(NICKNAME_MAX_LENGTH + 10);
    const account = parseAccount({
      remember: false,
      nicknames: { a: "  Work laptop  ", b: 7, c: "   ", d: "", e: null, f: { name: "x" }, g: `  ${long}`, h: "Phone" },
    });
    expect(account.nicknames).toEqual({ a: "Work laptop", g: "L".repeat(NICKNAME_MAX_LENGTH), h: "Phone" });
    expect(account.remember).toBe(false);
    expect(parseAccount({ nicknames: ["Phone"] }).nicknames).toEqual({});
    expect(parseAccount({ nicknames: null }).nicknames).toEqual({});
  });

  it("keeps nickname sync only when it is yes or no", () => {
    expect(parseAccount({ nicknameSync: true }).nicknameSync).toBe(true);
    expect(parseAccount({ nicknameSync: "true" }).nicknameSync).toBe(false);
  });

  it("turns the cleanup rule off when its threshold isn't a whole number of days from 1 to 3650", () => {
    for (const days of [1, 30, 3650]) expect(parseAccount({ cleanupAfterDays: days }).cleanupAfterDays).toBe(days);
    for (const bad of [0, 3651, "30", 2.5, -1, true, null, undefined]) {
      const account = parseAccount({ cleanupAfterDays: bad, nicknameSync: true });
      expect(account.cleanupAfterDays).toBeNull();
      expect(account.nicknameSync).toBe(true);
    }
  });

  it("keeps a valid 'Only this device' progress, and drops a damaged one while keeping the rest of the account", () => {
    expect(parseAccount({ onlyThisDevice: PROGRESS }).onlyThisDevice).toEqual(PROGRESS);
    const damaged: unknown[] = [
      { ...PROGRESS, startedAt: "yesterday" },
      { ...PROGRESS, done: ["check-password", "make-coffee"] },
      { ...PROGRESS, revoked: [{ client: { id: "x" }, result: { ok: true } }] },
      { ...PROGRESS, stopped: { step: "verify" } },
      { startedAt: PROGRESS.startedAt },
      [],
      42,
    ];
    for (const onlyThisDevice of damaged) {
      const account = parseAccount({ onlyThisDevice, remember: false, nicknames: { a: "Desk" }, cleanupAfterDays: 14, pinnedFingerprints: [FP_A] });
      expect(account).toEqual({
        jid: "alice@example.org",
        ...EXPECTED_ACCOUNT_DEFAULTS,
        remember: false,
        nicknames: { a: "Desk" },
        cleanupAfterDays: 14,
        pinnedFingerprints: [FP_A],
      });
      expect(account.onlyThisDevice).toBeUndefined();
    }
  });

  it("is idempotent", () => {
    const once = parseSettings({
      clientId: UUID,
      accounts: [
        {
          jid: "A@b.c",
          pinnedFingerprints: [FP_A.toLowerCase()],
          // A cut that lands on a space must not leave one at the end.
          nicknames: { a: " Bob ", b: `${"x".repeat(NICKNAME_MAX_LENGTH - 1)}  tail`, c: 3 },
          cleanupAfterDays: 0,
          onlyThisDevice: PROGRESS,
        },
      ],
      activeAccount: "a@b.c",
      inactiveAfterDays: 1.5,
      keepWatchingWhenClosed: "no",
    });
    expect(parseSettings(once)).toEqual(once);
  });
});
