// What every RecordsStore does, the files and the in-memory double alike.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RecordsStore } from "../../../src/core/records/account-records.js";
import { createFileRecords } from "../../../src/core/records/file-records.js";
import { ACTIVITY_MAX_AGE_DAYS, ACTIVITY_MAX_ENTRIES } from "../../../src/shared/activity.js";
import { createMemoryRecords } from "../../doubles/memory-records.js";
import { daysAgo, newSignIn } from "./activity-entries.js";

const root = mkdtempSync(join(tmpdir(), "warden-records-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let stores = 0;

describe.each<[string, () => RecordsStore]>([
  ["file records", () => createFileRecords(join(root, String(++stores)))],
  ["memory records (test double)", createMemoryRecords],
])("%s", (_, createStore) => {
  const alert = newSignIn("1");
  const snapshot = { clients: [alert.client], unseenAlerts: [alert] };

  it("keeps Activity oldest first and the snapshot per account, until the account is removed", async () => {
    const store = createStore();
    const alice = store.forAccount("alice@example.org");
    expect(await alice.readActivity()).toEqual([]);
    expect(await alice.readSeen()).toBeUndefined();
    await alice.appendActivity(alert);
    await alice.appendActivity(newSignIn("2"));
    await alice.writeSeen(snapshot);
    await store.forAccount("bob@example.org").appendActivity(newSignIn("3"));

    expect((await store.forAccount("Alice@Example.org").readActivity()).map((entry) => entry.id)).toEqual(["1", "2"]);
    expect(await alice.readSeen()).toEqual(snapshot);

    await alice.clearActivity();
    expect(await alice.readActivity()).toEqual([]);
    expect(await alice.readSeen()).toEqual(snapshot);

    await store.removeAccount("alice@example.org");
    expect(await alice.readSeen()).toBeUndefined();
    expect((await store.forAccount("bob@example.org").readActivity()).map((entry) => entry.id)).toEqual(["3"]);
  });

  it(`keeps no more than ${ACTIVITY_MAX_ENTRIES} entries, none older than ${ACTIVITY_MAX_AGE_DAYS} days`, async () => {
    const account = createStore().forAccount("alice@example.org");
    await account.appendActivity(newSignIn("old", { at: daysAgo(ACTIVITY_MAX_AGE_DAYS + 1) }));
    for (let i = 0; i <= ACTIVITY_MAX_ENTRIES; i++) await account.appendActivity(newSignIn(String(i)));
    const ids = (await account.readActivity()).map((entry) => entry.id);
    expect(ids).toHaveLength(ACTIVITY_MAX_ENTRIES);
    expect(ids[0]).toBe("1");
  });

  it("hands out copies: changing what was read changes nothing kept", async () => {
    const account = createStore().forAccount("alice@example.org");
    await account.writeSeen(snapshot);
    (await account.readSeen())?.clients.pop();
    expect(await account.readSeen()).toEqual(snapshot);
  });
});
