// Activity survives the app being killed at any moment: a real child process writing it is SIGKILLed.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createActivityLog } from "../../../src/core/records/activity-log.js";
import { createFileRecords } from "../../../src/core/records/file-records.js";
import { ACTIVITY_MAX_ENTRIES } from "../../../src/shared/activity.js";
import { newSignIn } from "./activity-entries.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const TSX_LOADER = pathToFileURL(createRequire(join(ROOT, "package.json")).resolve("tsx")).href;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "warden-killed-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a child script; `kill` SIGKILLs it. Resolves with every stdout line it printed, once it was killed. */
function runChild(script: string, env: Record<string, string>, onLine: (lines: string[], kill: () => void) => void = () => {}) {
  const child = spawn(process.execPath, ["--import", TSX_LOADER, join(import.meta.dirname, script)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const kill = () => child.kill("SIGKILL");
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    onLine(lines, kill);
  });
  const killed = new Promise<string[]>((done, fail) => {
    child.on("error", fail);
    child.on("close", (code, signal) => {
      if (signal === "SIGKILL") done(lines);
      else fail(new Error(`the child ended on its own (code ${code})`));
    });
  });
  return { kill, killed };
}

it("keeps every entry whose append had resolved when the app was killed, and appends afterwards", async () => {
  // Killed between two of its writes or in the middle of one: wherever it is once 300 appends have resolved.
  const printed = await runChild("append-until-killed.child.ts", { RECORDS_DIR: dir }, (lines, kill) => {
    if (lines.length === 300) kill();
  }).killed;
  expect(printed.length).toBeGreaterThanOrEqual(300);

  const account = createFileRecords(dir).forAccount("alice@example.org");
  const kept = (await account.readActivity()).map((entry) => entry.id);
  // The child may have finished one more append without getting to print it.
  expect(kept.slice(0, printed.length)).toEqual(printed);
  expect(kept.length - printed.length).toBeLessThanOrEqual(1);

  await account.appendActivity(newSignIn("after"));
  const afterwards = (await createFileRecords(dir).forAccount("alice@example.org").readActivity()).map((entry) => entry.id);
  expect(afterwards).toEqual([...kept, "after"]);
}, 30_000);

it("a kill while compacting leaves the old file or the new one, never part of one", async () => {
  const path = join(dir, "account.activity.jsonl");
  const original = join(dir, "original.jsonl");
  // Entries to keep, then as many unreadable lines: reading it always compacts. Long lines make the write take a while.
  const device = "d".repeat(2_048);
  const entries = Array.from({ length: ACTIVITY_MAX_ENTRIES }, (_, i) => `${JSON.stringify(newSignIn(String(i), { device }))}\n`);
  writeFileSync(original, entries.join("") + "unreadable\n".repeat(ACTIVITY_MAX_ENTRIES));
  const before = readFileSync(original, "utf8");
  // What one compaction makes of it, done here where nothing is killed.
  copyFileSync(original, path);
  await createActivityLog(path).read();
  const after = readFileSync(path, "utf8");
  expect(after.length).toBeLessThan(before.length);

  // Killed as soon as the compaction's temp file appears; the kill may still land after the rename, so try a few times.
  let killedMidCompaction = false;
  for (let attempt = 1; attempt <= 5 && !killedMidCompaction; attempt++) {
    // Bounded: should no temp file ever appear, the child is stopped after a few compactions.
    const child = runChild("compact-until-killed.child.ts", { ACTIVITY_FILE: path, ORIGINAL_FILE: original }, (lines, kill) => {
      if (lines.length === 20) kill();
    });
    const watcher = watch(dir, (_event, name) => {
      if (name === `${basename(path)}.tmp`) child.kill();
    });
    await child.killed.finally(() => watcher.close());
    const text = readFileSync(path, "utf8");
    expect(text === before || text === after).toBe(true);
    killedMidCompaction = text === before && existsSync(`${path}.tmp`);

    const log = createActivityLog(path);
    expect(await log.read()).toHaveLength(ACTIVITY_MAX_ENTRIES);
    await log.append(newSignIn("after"));
    expect((await createActivityLog(path).read()).at(-1)?.id).toBe("after");
  }
  expect(killedMidCompaction).toBe(true);
}, 60_000);
