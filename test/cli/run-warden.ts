// Runs the real `warden` command (bin/warden.js) as a user or a script would, with its own install:
// a settings folder and a keychain service name of its own in the session's Secret Service.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/warden.js", import.meta.url));

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliInstall {
  settingsDir: string;
  keychainService: string;
  /** `warden ARGS…`, with `input` on its standard input (a pipe, so not a terminal). */
  run(args: readonly string[], input?: string, env?: NodeJS.ProcessEnv): Promise<Ran>;
  remove(): Promise<void>;
}

export async function newInstall(): Promise<CliInstall> {
  const settingsDir = await mkdtemp(join(tmpdir(), "warden-cli-settings-"));
  const keychainService = `warden-cli-test-${randomUUID()}`;
  return {
    settingsDir,
    keychainService,
    run: (args, input = "", env = {}) =>
      new Promise((resolve, reject) => {
        // NODE_EXTRA_CA_CERTS (the test CA, from the global setup) is inherited, as the integration tests' workers inherit it.
        const child = spawn(process.execPath, [BIN, ...args], {
          env: { ...process.env, WARDEN_SETTINGS_DIR: settingsDir, WARDEN_KEYCHAIN_SERVICE: keychainService, ...env },
          stdio: ["pipe", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
        child.stdin.on("error", () => {}); // a command that exits before reading its input
        child.stdin.end(input);
      }),
    remove: () => rm(settingsDir, { recursive: true, force: true }),
  };
}
