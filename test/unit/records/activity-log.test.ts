import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createActivityLog } from "../../../src/core/records/activity-log.js";
import { ACTIVITY_MAX_AGE_DAYS, ACTIVITY_MAX_ENTRIES } from "../../../src/shared/activity.js";
import { daysAgo, newSignIn } from "./activity-entries.js";

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "warden-activity-"));
  path = join(dir, "account.activity.jsonl");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ids = (entries: readonly { id: string }[]) => entries.map((entry) => entry.id);
const lineCount = () => readFileSync(path, "utf8").split("\n").filter((line) => line !== "").length;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => String(from + i));

describe("activity log", () => {
  it("reads nothing before the first append, then every entry oldest first, one line each", async () => {
    const log = createActivityLog(path);
    expect(await log.read()).toEqual([]);
    const appended = [newSignIn("a"), newSignIn("b", { device: "Line\nbreak \"quoted\" ✓" })];
    for (const entry of appended) await log.append(entry);
    expect(await log.read()).toEqual(appended);
    expect(await createActivityLog(path).read()).toEqual(appended);
    expect(lineCount()).toBe(2);
  });

  it("clear empties it, and appending afterwards starts afresh", async () => {
    const log = createActivityLog(path);
    await log.append(newSignIn("a"));
    await log.clear();
    expect(await log.read()).toEqual([]);
    expect(await createActivityLog(path).read()).toEqual([]);
    await log.clear();
    await log.append(newSignIn("b"));
    expect(ids(await createActivityLog(path).read())).toEqual(["b"]);
  });

  it("keeps the newest ACTIVITY_MAX_ENTRIES", async () => {
    writeFileSync(path, range(0, ACTIVITY_MAX_ENTRIES + 10).map((id) => `${JSON.stringify(newSignIn(id))}\n`).join(""));
    const log = createActivityLog(path);
    expect(ids(await log.read())).toEqual(range(10, ACTIVITY_MAX_ENTRIES + 10));
    await log.append(newSignIn("last"));
    const read = ids(await log.read());
    expect(read).toHaveLength(ACTIVITY_MAX_ENTRIES);
    expect(read.at(-1)).toBe("last");
    expect(read[0]).toBe("11");
  });

  it(`drops entries older than ${ACTIVITY_MAX_AGE_DAYS} days`, async () => {
    const log = createActivityLog(path);
    await log.append(newSignIn("old", { at: daysAgo(ACTIVITY_MAX_AGE_DAYS + 1) }));
    await log.append(newSignIn("recent", { at: daysAgo(ACTIVITY_MAX_AGE_DAYS - 1) }));
    await log.append(newSignIn("now"));
    expect(ids(await log.read())).toEqual(["recent", "now"]);
  });

  it("rewrites the file once appends make it hold far more than it keeps, and leaves no temp file", async () => {
    const full = ACTIVITY_MAX_ENTRIES * 1.5;
    writeFileSync(path, range(0, full - 1).map((id) => `${JSON.stringify(newSignIn(id))}\n`).join(""));
    const log = createActivityLog(path);
    await log.append(newSignIn(String(full - 1)));
    expect(lineCount()).toBe(full);
    await log.append(newSignIn(String(full)));
    expect(lineCount()).toBe(ACTIVITY_MAX_ENTRIES);
    expect(ids(await createActivityLog(path).read())).toEqual(range(full + 1 - ACTIVITY_MAX_ENTRIES, full + 1));
    expect(readdirSync(dir)).toEqual(["account.activity.jsonl"]);
  });

  it("compacts a file of aged-out entries when read", async () => {
    writeFileSync(path, range(0, ACTIVITY_MAX_ENTRIES).map((id) => `${JSON.stringify(newSignIn(id, { at: daysAgo(365) }))}\n`).join(""));
    const log = createActivityLog(path);
    expect(await log.read()).toEqual([]);
    expect(readFileSync(path, "utf8")).toBe("");
  });

  it("skips a torn last line, and the next append is a line of its own", async () => {
    const log = createActivityLog(path);
    await log.append(newSignIn("a"));
    appendFileSync(path, JSON.stringify(newSignIn("torn")).slice(0, 40));
    const fresh = createActivityLog(path);
    expect(ids(await fresh.read())).toEqual(["a"]);
    await fresh.append(newSignIn("b"));
    expect(ids(await createActivityLog(path).read())).toEqual(["a", "b"]);
  });

  it("appends after a torn last line even without reading first", async () => {
    writeFileSync(path, `${JSON.stringify(newSignIn("a"))}\n{"id":"torn","at":`);
    await createActivityLog(path).append(newSignIn("b"));
    expect(ids(await createActivityLog(path).read())).toEqual(["a", "b"]);
  });

  it("skips unreadable lines anywhere and keeps the rest", async () => {
    const good = (id: string) => JSON.stringify(newSignIn(id));
    writeFileSync(
      path,
      [
        good("a"),
        "not json",
        JSON.stringify({ ...newSignIn("wrong-kind"), kind: "made-up" }),
        JSON.stringify({ id: "no-time", kind: "gone" }),
        "",
        "   ",
        "null",
        "[]",
        good("b"),
        "\u0000\u0000\u0000",
        good("c"),
      ].join("\n") + "\n",
    );
    expect(ids(await createActivityLog(path).read())).toEqual(["a", "b", "c"]);
  });

  it("a failed append rejects (here: its folder is gone) and the log works again afterwards", async () => {
    const log = createActivityLog(path);
    rmSync(dir, { recursive: true, force: true });
    await expect(log.append(newSignIn("a"))).rejects.toThrow();
    mkdirSync(dir);
    await log.append(newSignIn("b"));
    expect(ids(await createActivityLog(path).read())).toEqual(["b"]);
  });
});
