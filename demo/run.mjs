// `npm run demo`: the launcher of demo/main.ts. Before Node starts the demo it must:
//
// - have Prosody and the Secret Service installed (scripts/ensure-test-deps.sh installs them on
//   Debian 12 as root, or says what to install and fails);
// - make a throwaway test CA and trust it through NODE_EXTRA_CA_CERTS, which Node reads only at
//   start (as bench/env.mjs does): the demo's Prosody has a certificate from it, and Warden checks
//   it exactly as it checks a real server's;
// - give it a D-Bus session with an unlocked gnome-keyring whose keyring folder (XDG_DATA_HOME) is
//   the demo's own, so nothing is written into the user's real keyring, even when one is running.
//
// The demo runs in a process group of its own, so that Ctrl-C reaches only this launcher, which
// passes it on to demo/main.ts alone: the session bus and keyring stay up while it signs out and
// stops Prosody, and are torn down by dbus-run-session once it has exited.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tsImport } from "tsx/esm/api";

const root = new URL("..", import.meta.url).pathname;

const deps = spawnSync("bash", ["scripts/ensure-test-deps.sh", "prosody", "gnome-keyring", "dbus", "openssl"], { cwd: root, stdio: "inherit" });
if (deps.status !== 0) process.exit(1);

const { createCertificateAuthority } = await tsImport("../test/server/certificates.ts", import.meta.url);
const caDir = mkdtempSync(join(tmpdir(), "warden-demo-ca-"));
const keyringHome = mkdtempSync(join(tmpdir(), "warden-demo-keyring-"));
const removeTempDirs = () => {
  rmSync(caDir, { recursive: true, force: true });
  rmSync(keyringHome, { recursive: true, force: true });
};
process.once("exit", removeTempDirs);
const ca = await createCertificateAuthority(caDir);

const keyring = 'printf "\\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null';
// The shell tells its pid on fd 3 and then becomes the demo, so the launcher knows whom to signal.
const script = `${keyring}; echo $$ >&3; exec 3>&-; exec node --import tsx demo/main.ts "$@"`;
const child = spawn("dbus-run-session", ["--", "bash", "-c", script, "bash", ...process.argv.slice(2)], {
  cwd: root,
  stdio: ["inherit", "inherit", "inherit", "pipe"],
  detached: true,
  env: { ...process.env, NODE_EXTRA_CA_CERTS: ca.certFile, WARDEN_TEST_CA_DIR: caDir, XDG_DATA_HOME: keyringHome },
});

let demoPid;
let pidText = "";
child.stdio[3].on("data", (chunk) => {
  pidText += chunk.toString();
  const pid = Number.parseInt(pidText, 10);
  if (pidText.includes("\n") && Number.isInteger(pid)) demoPid = pid;
});

const forward = (signal) => {
  try {
    // Before the demo has started, the whole group: there is nothing to stop cleanly yet.
    if (demoPid === undefined) process.kill(-child.pid, signal);
    else process.kill(demoPid, signal);
  } catch {
    // Already gone.
  }
};
process.on("SIGINT", forward);
process.on("SIGTERM", forward);

child.on("exit", (code, signal) => {
  removeTempDirs();
  process.exit(code ?? (signal ? 1 : 0));
});
