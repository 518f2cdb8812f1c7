import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SeenSnapshot } from "../../../src/core/records/account-records.js";
import { createSeenStore } from "../../../src/core/records/seen-store.js";
import { newSignIn } from "./activity-entries.js";

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "warden-seen-"));
  path = join(dir, "account.seen.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const alert = newSignIn("1");
const snapshot: SeenSnapshot = { clients: [alert.client, { id: "grant-1", kind: "access", authMethods: ["oauth2"] }], unseenAlerts: [alert] };
const writtenWith = (change: (file: Record<string, unknown>) => unknown) => {
  writeFileSync(path, JSON.stringify(change(JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>)));
};

describe("seen store", () => {
  it("has nothing before the first write (the first list is the baseline)", async () => {
    expect(await createSeenStore(path).read()).toBeUndefined();
  });

  it("reads back what was written, replacing the file whole and leaving no temp file", async () => {
    const store = createSeenStore(path);
    await store.write({ clients: [], unseenAlerts: [] });
    await store.write(snapshot);
    expect(await createSeenStore(path).read()).toEqual(snapshot);
    expect(readdirSync(dir)).toEqual(["account.seen.json"]);
  });

  it.each([
    ["empty", ""],
    ["not JSON", "{\"clients\": ["],
    ["another shape", "[1, 2, 3]"],
    ["an unknown version", JSON.stringify({ ...snapshot, version: 99 })],
  ])("starts over from a baseline when the file is %s", async (_, text) => {
    writeFileSync(path, text);
    expect(await createSeenStore(path).read()).toBeUndefined();
  });

  it("starts over from a baseline when a client is unreadable, rather than calling it new next time", async () => {
    await createSeenStore(path).write(snapshot);
    writtenWith((file) => ({ ...file, clients: [alert.client, { id: 7 }] }));
    expect(await createSeenStore(path).read()).toBeUndefined();
  });

  it("drops only an unreadable alert, and anything that is not an alert", async () => {
    await createSeenStore(path).write(snapshot);
    const gone = { id: "g", at: Date.now(), kind: "gone", client: alert.client };
    writtenWith((file) => ({ ...file, unseenAlerts: [{ id: "x" }, alert, gone, "text"] }));
    expect(await createSeenStore(path).read()).toEqual(snapshot);
  });

  it("remove deletes the file", async () => {
    const store = createSeenStore(path);
    await store.write(snapshot);
    await store.remove();
    await store.remove();
    expect(readdirSync(dir)).toEqual([]);
    expect(await store.read()).toBeUndefined();
  });
});
