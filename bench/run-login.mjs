// `npm run bench:login`: the environment bench/login.ts needs, set up before its process starts.
//
// - A throwaway test CA, trusted through NODE_EXTRA_CA_CERTS (Node reads it only at process start,
//   hence this launcher) and shared with the test servers through WARDEN_TEST_CA_DIR. Warden then
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

const root = new URL("..", import.meta.url).pathname;
const { createCertificateAuthority } = await tsImport("../test/server/certificates.ts", import.meta.url);

const caDir = mkdtempSync(join(tmpdir(), "warden-bench-ca-"));
const keyringHome = mkdtempSync(join(tmpdir(), "warden-bench-keyring-"));
let status = 1;
try {
  const ca = await createCertificateAuthority(caDir);
  const keyring = 'printf "\\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null';
  const result = spawnSync("dbus-run-session", ["--", "bash", "-c", `${keyring}; exec npx tsx bench/login.ts "$@"`, "bash", ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: ca.certFile, WARDEN_TEST_CA_DIR: caDir, XDG_DATA_HOME: keyringHome },
  });
  status = result.status ?? 1;
} finally {
  rmSync(caDir, { recursive: true, force: true });
  rmSync(keyringHome, { recursive: true, force: true });
}
process.exit(status);
