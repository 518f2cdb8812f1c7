// The settings file is its owner's alone (0600), on the real filesystem: new files, files an older
// version left world-readable, backups of invalid files, and conf's in-place write under Snap.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConfSettingsStore } from "../../../src/core/settings/conf-settings-store.js";
import { ensureClientId, upsertAccount } from "../../../src/core/settings/settings-store.js";

const KNOWN = "0b8e2f4a-5d6c-4e7f-8a9b-1c2d3e4f5a6b";

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "warden-settings-mode-"));
  file = join(dir, "config.json");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const modeOf = (path: string) => statSync(path).mode & 0o777;

// Windows has no owner/group/other bits to check.
describe.skipIf(process.platform === "win32")("the settings file's mode", () => {
  it("is 0600 when Warden creates the file", () => {
    const store = createConfSettingsStore({ cwd: dir });
    ensureClientId(store);
    expect(modeOf(file)).toBe(0o600);
    upsertAccount(store, "alice@example.org");
    expect(modeOf(file)).toBe(0o600);
  });

  it("becomes 0600 for a file an older version left 0644, and stays so after the next write", () => {
    writeFileSync(file, JSON.stringify({ clientId: KNOWN, accounts: [] }));
    chmodSync(file, 0o644);
    const store = createConfSettingsStore({ cwd: dir });
    expect(modeOf(file)).toBe(0o600);
    chmodSync(file, 0o644);
    upsertAccount(store, "alice@example.org");
    expect(modeOf(file)).toBe(0o600);
    expect(store.read()).toMatchObject({ clientId: KNOWN, accounts: [{ jid: "alice@example.org" }] });
  });

  it("is 0600 after a write even where conf writes in place (Snap)", () => {
    const snap = process.env.SNAP;
    process.env.SNAP = "/snap/node/current";
    try {
      const store = createConfSettingsStore({ cwd: dir });
      ensureClientId(store);
      expect(modeOf(file)).toBe(0o600);
      const inode = statSync(file).ino;
      chmodSync(file, 0o644);
      upsertAccount(store, "alice@example.org");
      // Same inode: conf rewrote the file in place, which alone would have kept 0644.
      expect(statSync(file).ino).toBe(inode);
      expect(modeOf(file)).toBe(0o600);
    } finally {
      if (snap === undefined) delete process.env.SNAP;
      else process.env.SNAP = snap;
    }
  });

  it("makes the backup of an invalid file 0600 too", () => {
    writeFileSync(file, `{"clientId": "${KNOWN}", "deviceName": `);
    chmodSync(file, 0o644);
    const store = createConfSettingsStore({ cwd: dir });
    store.update((s) => ({ ...s, deviceName: "Desk" }));
    const backups = readdirSync(dir).filter((name) => name.startsWith("config.json.invalid-"));
    expect(backups).toHaveLength(1);
    expect(modeOf(join(dir, backups[0] ?? ""))).toBe(0o600);
    expect(modeOf(file)).toBe(0o600);
  });
});
