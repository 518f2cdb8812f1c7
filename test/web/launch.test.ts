// `tsx web/main.ts` as a user runs it, with a stand-in for the desktop's opener (there is no desktop
// here) that records the arguments it was given: the launch link is on no command line, the page
// that carries it is private, and it is gone once used, or when Warden stops.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFixture, rawRequest, type Fixture } from "./helpers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Resolves once `check()` holds, re-checking whenever something in `dir` changes. */
function whenInDir(dir: string, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(dir, () => {
      if (check()) {
        watcher.close();
        resolve();
      }
    });
    if (check()) {
      watcher.close();
      resolve();
    }
  });
}

type Run = { child: ChildProcess; url: string; exited: Promise<number | null> };

let fixture: Fixture;
let work: string;
let temp: string;
let record: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  fixture = createFixture();
  work = mkdtempSync(join(tmpdir(), "warden-launch-run-"));
  // Warden's temp dir (TMPDIR) and the stand-in opener's folder, put first on PATH.
  temp = join(work, "tmp");
  const bin = join(work, "bin");
  mkdirSync(temp);
  mkdirSync(bin);
  record = join(work, "opener-arguments");
  // Writes its arguments, one per line, then renames the record into place.
  const opener = join(bin, "xdg-open");
  writeFileSync(opener, `#!/bin/sh\nprintf '%s\\n' "$@" > "${record}.partial" && mv "${record}.partial" "${record}"\n`);
  chmodSync(opener, 0o755);
});

afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  await fixture.cleanup();
  rmSync(work, { recursive: true, force: true });
});

async function startWarden(): Promise<Run> {
  const child = spawn(
    TSX,
    [join(ROOT, "web", "main.ts"), "--static-dir", fixture.staticDir, "--settings-dir", join(fixture.dir, "settings"), "--keychain-service", `warden-test-${randomUUID()}`],
    { cwd: ROOT, env: { ...process.env, PATH: `${join(work, "bin")}:${process.env.PATH ?? ""}`, TMPDIR: temp }, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  if (child.stdout === null) throw new Error("no stdout");
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on("line", (line) => {
      const found = /^Warden is running at (\S+)$/.exec(line)?.[1];
      if (found !== undefined) resolve(found);
    });
    void exited.then((code) => reject(new Error(`web/main.ts exited (${code}) before printing its link: ${errors}`)));
  });
  return { child, url, exited };
}

/** Launch-page folders left in Warden's temp dir (tsx keeps its cache there too). */
function launchFolders(): string[] {
  return readdirSync(temp).filter((name) => name.startsWith("warden-launch-"));
}

async function openerArguments(): Promise<string[]> {
  await whenInDir(work, () => existsSync(record));
  return readFileSync(record, "utf8").split("\n").slice(0, -1);
}

describe.skipIf(process.platform !== "linux")("web/main.ts opening the browser", () => {
  it("hands the opener a private page's path, not the link, and deletes the page once the link is used", async () => {
    const run = await startWarden();
    const token = new URL(run.url).searchParams.get("token") ?? "";
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const args = await openerArguments();
    expect(args).toHaveLength(1);
    const [page = ""] = args;
    expect(args.join(" ")).not.toContain(token);
    expect(dirname(dirname(page))).toBe(temp);
    expect(modeOf(page)).toBe(0o600);
    expect(modeOf(dirname(page))).toBe(0o700);
    expect(readFileSync(page, "utf8")).toContain(`content="0;url=${run.url}"`);

    const link = new URL(run.url);
    const res = await rawRequest({ address: link.hostname, port: Number(link.port) }, `${link.pathname}${link.search}`);
    expect(res.status).toBe(303);
    await whenInDir(temp, () => !existsSync(dirname(page)));
    expect(launchFolders()).toEqual([]);

    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("deletes the page when Warden stops before the link was used", async () => {
    const run = await startWarden();
    const [page = ""] = await openerArguments();
    expect(existsSync(page)).toBe(true);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(launchFolders()).toEqual([]);
  });
});
