import { describe, expect, it } from "vitest";
import { defaultSettings, normalizeFingerprint, parseSettings } from "../../../src/core/settings/settings-schema.js";

const FP_A = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, "0").toUpperCase()).join(":");
const FP_B = Array.from({ length: 32 }, () => "AB").join(":");
const UUID = "6f1c1e8e-3c1b-4d7a-9c55-0e5b1f4f2a10";

describe("settings schema", () => {
  it("gives the defaults for an empty file or a non-object", () => {
    expect(parseSettings({})).toEqual(defaultSettings());
    expect(parseSettings(undefined)).toEqual({ accounts: [] });
    expect(parseSettings(null)).toEqual({ accounts: [] });
    expect(parseSettings([1, 2])).toEqual({ accounts: [] });
    expect(parseSettings("text")).toEqual({ accounts: [] });
  });

  it("fills account defaults", () => {
    const settings = parseSettings({ accounts: [{ jid: "alice@example.org" }] });
    expect(settings.accounts).toEqual([
      { jid: "alice@example.org", allowInsecureLoopback: false, pinnedFingerprints: [], protections: [], remember: true, passwordInKeychain: false, storedSignIn: false },
    ]);
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
        },
      ],
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
        },
        { jid: "no-at-sign" },
        "garbage",
        { server: { host: "x", port: 1, tls: "direct" } },
      ],
      activeAccount: 5,
    });
    expect(settings).toEqual({
      accounts: [
        {
          jid: "alice@example.org",
          allowInsecureLoopback: false,
          pinnedFingerprints: [FP_A],
          protections: ["ca-verified-certificate", "scram"],
          remember: true,
          passwordInKeychain: false,
          storedSignIn: false,
        },
      ],
    });
    expect(settings.clientId).toBeUndefined();
    expect(settings.accounts[0]?.server).toBeUndefined();
  });

  it("keeps the clientId when every other field is corrupt", () => {
    const settings = parseSettings({ clientId: UUID, deviceName: {}, accounts: "lots", activeAccount: [] });
    expect(settings).toEqual({ clientId: UUID, accounts: [] });
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

  it("is idempotent", () => {
    const once = parseSettings({ clientId: UUID, accounts: [{ jid: "A@b.c", pinnedFingerprints: [FP_A.toLowerCase()] }], activeAccount: "a@b.c" });
    expect(parseSettings(once)).toEqual(once);
  });
});
