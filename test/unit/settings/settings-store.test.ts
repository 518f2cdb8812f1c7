import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConfSettingsStore } from "../../../src/core/settings/conf-settings-store.js";
import { createMemorySettingsStore } from "../../doubles/memory-settings-store.js";
import { defaultSettings } from "../../../src/core/settings/settings-schema.js";
import { ensureClientId, getAccount, pinFingerprint, removeAccount, upsertAccount } from "../../../src/core/settings/settings-store.js";
import type { OnlyThisDeviceProgress } from "../../../src/shared/only-this-device.js";
import { EXPECTED_ACCOUNT_DEFAULTS } from "./expected-account-defaults.js";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const FP = Array.from({ length: 32 }, () => "C0").join(":");
const FP2 = Array.from({ length: 32 }, () => "0D").join(":");
const KNOWN = "0b8e2f4a-5d6c-4e7f-8a9b-1c2d3e4f5a6b";
/** "Only this device keeps access" after its first step. */
const PROGRESS: OnlyThisDeviceProgress = { startedAt: 1_700_000_000_000, done: ["check-password"], revoked: [] };

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "warden-settings-"));
  file = join(dir, "config.json");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const fileJson = () => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
const backups = () => readdirSync(dir).filter((name) => name.startsWith("config.json.invalid-"));

describe("conf settings store", () => {
  it("lives in <cwd>/config.json and reads defaults when there is no file", () => {
    const store = createConfSettingsStore({ cwd: dir });
    expect(store.location).toBe(file);
    expect(store.read()).toEqual(defaultSettings());
    expect(existsSync(file)).toBe(false);
  });

  it("creates the clientId once and keeps it across store re-creation", () => {
    const id = ensureClientId(createConfSettingsStore({ cwd: dir }));
    expect(id).toMatch(UUID_RE);
    expect(fileJson().clientId).toBe(id);
    expect(ensureClientId(createConfSettingsStore({ cwd: dir }))).toBe(id);
    const again = createConfSettingsStore({ cwd: dir });
    expect(again.read().clientId).toBe(id);
    expect(ensureClientId(again)).toBe(id);
  });

  it("never regenerates the clientId when other fields are corrupt", () => {
    writeFileSync(file, JSON.stringify({ clientId: KNOWN, deviceName: 7, accounts: "broken", activeAccount: {} }));
    const store = createConfSettingsStore({ cwd: dir });
    expect(ensureClientId(store)).toBe(KNOWN);
    upsertAccount(store, "alice@example.org");
    expect(ensureClientId(createConfSettingsStore({ cwd: dir }))).toBe(KNOWN);
    expect(fileJson().clientId).toBe(KNOWN);
  });

  it("recovers the clientId from a file that isn't JSON any more", () => {
    writeFileSync(file, `{\n\t"clientId": "${KNOWN}",\n\t"accounts": [{"jid": "alice@exa`);
    const store = createConfSettingsStore({ cwd: dir });
    expect(store.read()).toEqual({ ...defaultSettings(), clientId: KNOWN });
    expect(ensureClientId(store)).toBe(KNOWN);
  });

  it("does not write on read, even for an invalid file", () => {
    const broken = "{ this is not json";
    writeFileSync(file, broken);
    const store = createConfSettingsStore({ cwd: dir });
    expect(store.read()).toEqual(defaultSettings());
    store.read();
    expect(readFileSync(file, "utf8")).toBe(broken);
    const partlyInvalid = JSON.stringify({ clientId: KNOWN, accounts: [{ jid: "a@b.c", server: { host: "" } }] });
    writeFileSync(file, partlyInvalid);
    createConfSettingsStore({ cwd: dir }).read();
    expect(readFileSync(file, "utf8")).toBe(partlyInvalid);
    expect(backups()).toEqual([]);
  });

  it("backs up an invalid file before the first write that would drop something", () => {
    const broken = `{"clientId": "${KNOWN}", "deviceName": `;
    writeFileSync(file, broken);
    const store = createConfSettingsStore({ cwd: dir });
    store.update((s) => ({ ...s, deviceName: "Desk" }));
    expect(fileJson()).toEqual({ ...defaultSettings(), clientId: KNOWN, deviceName: "Desk" });
    const saved = backups();
    expect(saved).toHaveLength(1);
    expect(readFileSync(join(dir, saved[0] ?? ""), "utf8")).toBe(broken);
    store.update((s) => ({ ...s, deviceName: "Desk 2" }));
    expect(backups()).toHaveLength(1);
  });

  it("writes a valid file without a backup", () => {
    const store = createConfSettingsStore({ cwd: dir });
    ensureClientId(store);
    upsertAccount(store, "alice@example.org", { remember: false });
    expect(backups()).toEqual([]);
  });

  it("keeps top-level keys it doesn't know", () => {
    writeFileSync(file, JSON.stringify({ clientId: KNOWN, accounts: [], futureFeature: { on: true } }));
    const store = createConfSettingsStore({ cwd: dir });
    store.update((s) => ({ ...s, deviceName: "Desk" }));
    expect(fileJson()).toEqual({ ...defaultSettings(), clientId: KNOWN, deviceName: "Desk", futureFeature: { on: true } });
  });

  it("loads a file whose top level isn't an object", () => {
    writeFileSync(file, "[1, 2, 3]");
    expect(createConfSettingsStore({ cwd: dir }).read()).toEqual(defaultSettings());
    writeFileSync(file, "null");
    expect(createConfSettingsStore({ cwd: dir }).read()).toEqual(defaultSettings());
  });

  it("normalizes what update() is given", () => {
    const store = createConfSettingsStore({ cwd: dir });
    const result = store.update((s) => ({
      ...s,
      accounts: [{ ...EXPECTED_ACCOUNT_DEFAULTS, jid: "Bob@Example.org/x", pinnedFingerprints: [FP, FP.toLowerCase()], protections: ["scram", "ca-verified-certificate", "scram"], nicknames: { a: " Desk ", b: " " } }],
      inactiveAfterDays: 0,
    }));
    expect(result).toEqual({
      ...defaultSettings(),
      accounts: [{ ...EXPECTED_ACCOUNT_DEFAULTS, jid: "bob@example.org", pinnedFingerprints: [FP], protections: ["ca-verified-certificate", "scram"], nicknames: { a: "Desk" } }],
    });
    expect(fileJson().accounts).toEqual(result.accounts);
  });

  it("reads a file an older Warden wrote with the new defaults, and rewrites it without a backup", () => {
    const older = { clientId: KNOWN, accounts: [{ jid: "alice@example.org", allowInsecureLoopback: false, pinnedFingerprints: [FP], protections: [], remember: false, passwordInKeychain: false, storedSignIn: true }] };
    writeFileSync(file, JSON.stringify(older));
    const store = createConfSettingsStore({ cwd: dir });
    const expected = { ...defaultSettings(), clientId: KNOWN, accounts: [{ ...EXPECTED_ACCOUNT_DEFAULTS, ...older.accounts[0] }] };
    expect(store.read()).toEqual(expected);
    upsertAccount(store, "alice@example.org", { nicknameSync: true });
    expect(backups()).toEqual([]);
    expect(fileJson()).toEqual({ ...expected, accounts: [{ ...expected.accounts[0], nicknameSync: true }] });
  });

  it("keeps the install-wide choices across re-creation, normalized", () => {
    const store = createConfSettingsStore({ cwd: dir });
    store.update((s) => ({ ...s, inactiveAfterDays: 90, keepWatchingWhenClosed: false, startAtLogin: true }));
    expect(createConfSettingsStore({ cwd: dir }).read()).toEqual({ ...defaultSettings(), inactiveAfterDays: 90, keepWatchingWhenClosed: false, startAtLogin: true });
    store.update((s) => ({ ...s, inactiveAfterDays: 3651 }));
    expect(fileJson().inactiveAfterDays).toBe(30);
  });

  it("reads damaged new fields as their defaults, and backs the file up before a write drops them", () => {
    const damaged = JSON.stringify({
      clientId: KNOWN,
      inactiveAfterDays: 1.5,
      keepWatchingWhenClosed: "yes",
      accounts: [{ jid: "alice@example.org", remember: false, nicknames: { a: "Desk", b: 7 }, cleanupAfterDays: 0, onlyThisDevice: { startedAt: "x" } }],
    });
    writeFileSync(file, damaged);
    const store = createConfSettingsStore({ cwd: dir });
    const expected = { ...defaultSettings(), clientId: KNOWN, accounts: [{ jid: "alice@example.org", ...EXPECTED_ACCOUNT_DEFAULTS, remember: false, nicknames: { a: "Desk" } }] };
    expect(store.read()).toEqual(expected);
    expect(store.read()).not.toHaveProperty("keepWatchingWhenClosed");
    expect(readFileSync(file, "utf8")).toBe(damaged);
    store.update((s) => ({ ...s, deviceName: "Desk" }));
    expect(fileJson()).toEqual({ ...expected, deviceName: "Desk" });
    const saved = backups();
    expect(saved).toHaveLength(1);
    expect(readFileSync(join(dir, saved[0] ?? ""), "utf8")).toBe(damaged);
  });
});

describe("account helpers", () => {
  it("upserts: creates with defaults, then merges patches", () => {
    const store = createConfSettingsStore({ cwd: dir });
    const created = upsertAccount(store, "Alice@Example.org/phone");
    expect(created).toEqual({ jid: "alice@example.org", ...EXPECTED_ACCOUNT_DEFAULTS });
    const server = { host: "127.0.0.1", port: 5222, tls: "starttls" as const };
    upsertAccount(store, "alice@example.org", { server, allowInsecureLoopback: true, protocol: "prosody" });
    upsertAccount(store, "alice@example.org", { passwordInKeychain: true });
    const reopened = createConfSettingsStore({ cwd: dir });
    expect(getAccount(reopened, "ALICE@example.org")).toEqual({
      jid: "alice@example.org",
      ...EXPECTED_ACCOUNT_DEFAULTS,
      server,
      allowInsecureLoopback: true,
      protocol: "prosody",
      passwordInKeychain: true,
    });
    expect(reopened.read().accounts).toHaveLength(1);
    upsertAccount(reopened, "alice@example.org", { server: undefined });
    expect(getAccount(reopened, "alice@example.org")?.server).toBeUndefined();
  });

  it("keeps nicknames, the cleanup rule and 'Only this device' progress across re-creation, and clears them", () => {
    const store = createConfSettingsStore({ cwd: dir });
    upsertAccount(store, "alice@example.org", { nicknames: { a: "  Desk  ", b: "  " }, nicknameSync: true, cleanupAfterDays: 14, onlyThisDevice: PROGRESS });
    expect(getAccount(createConfSettingsStore({ cwd: dir }), "alice@example.org")).toEqual({
      jid: "alice@example.org",
      ...EXPECTED_ACCOUNT_DEFAULTS,
      nicknames: { a: "Desk" },
      nicknameSync: true,
      cleanupAfterDays: 14,
      onlyThisDevice: PROGRESS,
    });
    upsertAccount(store, "alice@example.org", { cleanupAfterDays: null, onlyThisDevice: undefined });
    expect(getAccount(createConfSettingsStore({ cwd: dir }), "alice@example.org")).toEqual({ jid: "alice@example.org", ...EXPECTED_ACCOUNT_DEFAULTS, nicknames: { a: "Desk" }, nicknameSync: true });
    expect(fileJson().accounts).toEqual([{ jid: "alice@example.org", ...EXPECTED_ACCOUNT_DEFAULTS, nicknames: { a: "Desk" }, nicknameSync: true }]);
  });

  it("keeps several accounts in order", () => {
    const store = createMemorySettingsStore();
    upsertAccount(store, "a@x.org");
    upsertAccount(store, "b@x.org");
    upsertAccount(store, "a@x.org", { remember: false });
    expect(store.read().accounts.map((a) => a.jid)).toEqual(["a@x.org", "b@x.org"]);
  });

  it("refuses a JID that isn't one, writing nothing", () => {
    const store = createConfSettingsStore({ cwd: dir });
    expect(upsertAccount(store, "not a jid")).toBeUndefined();
    expect(getAccount(store, "not a jid")).toBeUndefined();
    expect(removeAccount(store, "not a jid")).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it("removes an account, leaving nothing of it in the file", () => {
    const store = createConfSettingsStore({ cwd: dir });
    upsertAccount(store, "a@x.org");
    upsertAccount(store, "b@x.org");
    expect(removeAccount(store, "A@x.org")).toBe(true);
    expect(removeAccount(store, "a@x.org")).toBe(false);
    expect(store.read()).toEqual({ ...defaultSettings(), accounts: [expect.objectContaining({ jid: "b@x.org" })] });
    expect(JSON.stringify(fileJson())).not.toContain("a@x.org");
  });

  it("de-duplicates pinned fingerprints", () => {
    const store = createConfSettingsStore({ cwd: dir });
    upsertAccount(store, "a@x.org", { pinnedFingerprints: [FP, FP, FP.toLowerCase()] });
    expect(getAccount(store, "a@x.org")?.pinnedFingerprints).toEqual([FP]);
    expect(pinFingerprint(store, "a@x.org", FP)).toBe(true);
    expect(pinFingerprint(store, "a@x.org", FP2.replace(/:/g, ""))).toBe(true);
    expect(pinFingerprint(store, "a@x.org", "bogus")).toBe(false);
    expect(getAccount(createConfSettingsStore({ cwd: dir }), "a@x.org")?.pinnedFingerprints).toEqual([FP, FP2]);
  });

  it("ensureClientId on a memory store creates one id", () => {
    const store = createMemorySettingsStore({ deviceName: "x" });
    const id = ensureClientId(store);
    expect(id).toMatch(UUID_RE);
    expect(ensureClientId(store)).toBe(id);
    expect(store.read()).toEqual({ ...defaultSettings(), clientId: id, deviceName: "x" });
  });
});

describe("writes", () => {
  it("leaves the file alone when an update changes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "warden-settings-"));
    try {
      const store = createConfSettingsStore({ cwd: dir });
      upsertAccount(store, "alice@example.org", { remember: true });
      const file = join(dir, "config.json");
      const before = statSync(file).mtimeMs;
      const inode = statSync(file).ino;
      upsertAccount(store, "alice@example.org", { remember: true });
      expect(statSync(file).ino).toBe(inode);
      expect(statSync(file).mtimeMs).toBe(before);
      expect(store.read()).toMatchObject({ accounts: [{ jid: "alice@example.org", remember: true }] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
