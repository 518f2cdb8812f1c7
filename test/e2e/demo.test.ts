// `npm run demo` as a user runs it: the launcher starts its own Prosody and keyring, prints the
// launch link, the page opens signed in to the demo account with its clients, and Ctrl-C stops
// everything it started.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { STATIC_DIR_ENV } from "./build-renderer.js";
import { clientEntry, connectionBadge, launchChromium, textOf, thisDevice, UI_TIMEOUT_MS } from "./browser-mode.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const STOP_TIMEOUT_MS = 5_000;

/** Every process below `pid`, with its command line (from /proc). */
function descendants(pid: number): { pid: number; command: string }[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // Field 4 is the parent, after the parenthesised command name.
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const below = (parent: number): number[] => [...parents].filter(([, p]) => p === parent).flatMap(([child]) => [child, ...below(child)]);
  return below(pid).map((child) => {
    let command = "";
    try {
      command = readFileSync(`/proc/${child}/cmdline`, "utf8").replaceAll("\0", " ");
    } catch {
      // Gone meanwhile.
    }
    return { pid: child, command };
  });
}

/** Resolves with the first stdout line matching `pattern`; rejects if the process ends first. */
function lineMatching(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const match = pattern.exec(line);
      if (match) resolve(match);
    });
    child.once("exit", (code) => reject(new Error(`the demo exited (${code}) before printing ${pattern}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("npm run demo", () => {
  let demo: ChildProcess | undefined;
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null) {
      demo.kill("SIGINT");
      await exitOf(demo);
    }
  });

  it("opens signed in to the demo account with its clients, and Ctrl-C stops all of it", async () => {
    const staticDir = process.env[STATIC_DIR_ENV];
    if (!staticDir) throw new Error(`${STATIC_DIR_ENV} is not set: run with \`npx vitest run --project e2e\``);
    let stderr = "";
    demo = spawn("node", ["demo/run.mjs", "--no-open", "--static-dir", staticDir], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    demo.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    browser = await launchChromium();
    const [, url] = await lineMatching(demo, /^Warden is running at (http:\/\/\S+)$/);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(url!);

    // Signed in already: no form, the account online with this device on the list.
    await page.getByRole("heading", { name: "demo@localhost" }).waitFor();
    await connectionBadge(page, "online").waitFor();
    expect(await textOf(thisDevice(page))).toMatch(/connected/i);
    expect(await textOf(clientEntry(page, "Conversations Pixel 8"))).toMatch(/connected/i);
    await clientEntry(page, "Gajim Home desktop").waitFor();
    expect(await textOf(clientEntry(page, "Movim"))).toMatch(/app token/i);
    // The inactive ones, last seen weeks and months ago: past the 30-day threshold, each says for how long.
    expect(await textOf(clientEntry(page, "Dino Old laptop"))).toContain("Inactive for 40 days");
    expect(await textOf(clientEntry(page, "Monal iPad"))).toContain("Inactive for 120 days");
    expect(pageErrors).toEqual([]);

    const prosody = descendants(demo.pid!).filter((p) => p.command.includes("/usr/bin/prosody"));
    expect(prosody).toHaveLength(1);
    const prosodyDir = dirname(/--config (\S+)/.exec(prosody[0]!.command)![1]!);
    expect(existsSync(prosodyDir)).toBe(true);

    const started = Date.now();
    demo.kill("SIGINT");
    expect(await exitOf(demo), stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(STOP_TIMEOUT_MS);
    expect(existsSync(`/proc/${prosody[0]!.pid}`), "Prosody still running").toBe(false);
    expect(existsSync(prosodyDir), "Prosody's folder left behind").toBe(false);
  });
});
