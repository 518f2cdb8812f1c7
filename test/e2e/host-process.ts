// Browser mode as its own process (web/main.ts, as `npm run web` starts it), so that a test can
// kill it without a goodbye (SIGKILL) and relaunch Warden on the same install.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Install } from "./browser-mode.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const START_TIMEOUT_MS = 20_000;

/** Every host still running from this process, so that a crashed test cannot leak one. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export type HostProcess = {
  /** The one-time launch URL it printed. */
  url: string;
  /** Ends the process with `signal` and resolves once it has exited. */
  kill(signal: "SIGTERM" | "SIGKILL"): Promise<void>;
  /** What it wrote to stderr (kept off the test output). */
  stderr(): string;
};

/** Starts `web/main.ts` on `install` (one node process: tsx as a loader, not as a wrapper process). */
export async function startHostProcess(install: Install, staticDir: string): Promise<HostProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "web/main.ts", "--no-open", "--settings-dir", install.settingsDir, "--keychain-service", install.keychainService, "--static-dir", staticDir],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  running.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      running.delete(child);
      resolve();
    }),
  );
  const kill = async (signal: "SIGTERM" | "SIGKILL") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  try {
    const url = await launchUrlOf(child);
    return { url, kill, stderr: () => stderr };
  } catch (error) {
    await kill("SIGKILL");
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderr}`);
  }
}

function launchUrlOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("web/main.ts printed no launch URL in time")), START_TIMEOUT_MS);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const url = /^Warden is running at (http:\/\/\S+)$/.exec(line)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve(url);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`web/main.ts exited (${code ?? signal ?? "?"}) before printing its launch URL`));
    });
  });
}
