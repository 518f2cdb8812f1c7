// The environment every benchmark that talks to the test server needs, set up before its process
// starts (shared by `npm run bench` and `npm run bench:login`):
//
// - A throwaway test CA, trusted through NODE_EXTRA_CA_CERTS (Node reads it only at process start,
//   hence a launcher) and shared with the test servers through WARDEN_TEST_CA_DIR. Warden then
//   verifies the server's certificate against the system trust store exactly as it does for a real
//   server with a public CA: no fingerprint pinning, no special case in the measured path. The bare
//   @xmpp/client needs the same trust anyway.
// - A D-Bus session with an unlocked gnome-keyring, so Warden's real OS keychain (Secret Service)
//   is part of what is measured — the same recipe as scripts/test.mjs — but with its own keyring
//   directory (XDG_DATA_HOME): gnome-keyring daemons of concurrent `npm test` runs otherwise share
//   ~/.local/share/keyrings/login.keyring, and one daemon rewriting that file can drop an entry
//   another just stored (seen here: a stored FAST token vanished mid-bench).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tsImport } from "tsx/esm/api";

export const root = new URL("..", import.meta.url).pathname;

/**
 * Runs `command` (a bash command line; "$@" are `args`) inside a D-Bus session with an unlocked
 * keyring and the test CA trusted. Resolves with its exit status; everything temporary is removed.
 */
export async function runInBenchSession(command, args = [], extraEnv = {}) {
  const { createCertificateAuthority } = await tsImport("../test/server/certificates.ts", import.meta.url);
  const caDir = mkdtempSync(join(tmpdir(), "warden-bench-ca-"));
  const keyringHome = mkdtempSync(join(tmpdir(), "warden-bench-keyring-"));
  try {
    const ca = await createCertificateAuthority(caDir);
    const keyring = 'printf "\\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null';
    const result = spawnSync("dbus-run-session", ["--", "bash", "-c", `${keyring}; ${command}`, "bash", ...args], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ...extraEnv, NODE_EXTRA_CA_CERTS: ca.certFile, WARDEN_TEST_CA_DIR: caDir, XDG_DATA_HOME: keyringHome },
    });
    return result.status ?? 1;
  } finally {
    rmSync(caDir, { recursive: true, force: true });
    rmSync(keyringHome, { recursive: true, force: true });
  }
}
