import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileRecords, createFileRecordsBeside } from "../../../src/core/records/file-records.js";
import { newSignIn } from "./activity-entries.js";

let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "warden-records-"));
  dir = join(root, "records");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const JID = "alice@example.org";
const modeOf = (path: string) => statSync(path).mode & 0o777;
const alert = newSignIn("1");
const snapshot = { clients: [alert.client], unseenAlerts: [alert] };

describe("file records", () => {
  it("keeps each account's Activity and snapshot in files readable by the user alone, named without the JID", async () => {
    const records = createFileRecords(dir);
    expect(records.location).toBe(dir);
    await records.forAccount(JID).appendActivity(alert);
    await records.forAccount(JID).writeSeen(snapshot);
    await records.forAccount("bob@example.org").appendActivity(newSignIn("2"));

    expect(modeOf(dir)).toBe(0o700);
    const names = readdirSync(dir);
    expect(names).toHaveLength(3);
    for (const name of names) {
      expect(name).not.toMatch(/alice|bob|example/);
      expect(modeOf(join(dir, name))).toBe(0o600);
    }

    const reopened = createFileRecords(dir);
    expect(await reopened.forAccount(JID).readActivity()).toEqual([alert]);
    expect(await reopened.forAccount(JID).readSeen()).toEqual(snapshot);
    expect((await reopened.forAccount("bob@example.org").readActivity()).map((entry) => entry.id)).toEqual(["2"]);
  });

  it("makes an existing folder 0700", async () => {
    mkdirSync(dir, { mode: 0o755 });
    await createFileRecords(dir).forAccount(JID).appendActivity(alert);
    expect(modeOf(dir)).toBe(0o700);
  });

  it("finds an account's records whichever way its bare JID is written", async () => {
    const records = createFileRecords(dir);
    await records.forAccount("Alice@Example.org").appendActivity(alert);
    expect(await createFileRecords(dir).forAccount(JID).readActivity()).toEqual([alert]);
  });

  it("lands appends in call order, with none lost, when they are not awaited one by one", async () => {
    const account = createFileRecords(dir).forAccount(JID);
    const ids = Array.from({ length: 50 }, (_, i) => String(i));
    await Promise.all([...ids.map((id) => account.appendActivity(newSignIn(id))), account.writeSeen(snapshot)]);
    expect((await createFileRecords(dir).forAccount(JID).readActivity()).map((entry) => entry.id)).toEqual(ids);
  });

  it("a clear requested after an append wins, and a read after both sees nothing", async () => {
    const account = createFileRecords(dir).forAccount(JID);
    const pending = [account.appendActivity(alert), account.clearActivity()];
    expect(await account.readActivity()).toEqual([]);
    await Promise.all(pending);
  });

  it("removeAccount deletes both files (and any temp file a crash left), and only that account's", async () => {
    const records = createFileRecords(dir);
    await records.forAccount(JID).appendActivity(alert);
    await records.forAccount(JID).writeSeen(snapshot);
    await records.forAccount("bob@example.org").writeSeen(snapshot);
    const aliceActivity = readdirSync(dir).find((name) => name.endsWith(".activity.jsonl"));
    writeFileSync(join(dir, `${aliceActivity}.tmp`), "left by a crash");
    expect(readdirSync(dir)).toHaveLength(4);

    await records.removeAccount(JID);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(await records.forAccount(JID).readActivity()).toEqual([]);
    expect(await records.forAccount(JID).readSeen()).toBeUndefined();
    expect(await records.forAccount("bob@example.org").readSeen()).toEqual(snapshot);
  });

  it("an install with a settings file keeps its records in a folder beside it", () => {
    expect(createFileRecordsBeside(join(root, "config.json")).location).toBe(join(root, "records"));
  });

  it("a write that fails rejects (here: a file stands where the folder should be)", async () => {
    writeFileSync(dir, "");
    const account = createFileRecords(dir).forAccount(JID);
    await expect(account.appendActivity(alert)).rejects.toThrow();
    await expect(account.writeSeen(snapshot)).rejects.toThrow();
    rmSync(dir);
    await account.appendActivity(alert);
    expect(await account.readActivity()).toEqual([alert]);
  });
});
