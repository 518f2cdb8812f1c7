// `npm test`: installs what the tests need, then type-check, lint and every Vitest project inside a
// D-Bus session with an unlocked gnome-keyring, and ends with one line: N passed, N failed, N skipped.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const run = (command, args, options = {}) =>
  spawnSync(command, args, { cwd: root, stdio: "inherit", ...options }).status ?? 1;

if (run("bash", ["scripts/ensure-test-deps.sh"]) !== 0) process.exit(1);

const totals = { passed: 0, failed: 0, skipped: 0 };
const check = (name, status) => {
  console.log(`${status === 0 ? "✓" : "✗"} ${name}`);
  totals[status === 0 ? "passed" : "failed"] += 1;
};

check("type-check", run("npx", ["tsc", "-p", "tsconfig.json"]));
check("type-check renderer", run("npx", ["tsc", "-p", "renderer/tsconfig.json"]));
check("type-check electron", run("npx", ["tsc", "-p", "electron/tsconfig.json"]));
check("lint", run("npx", ["eslint", "."]));
check("electronegativity", run("npx", ["tsx", "scripts/electronegativity.mjs"]));
// The GitHub Actions workflows against GitHub's schema: what GitHub would refuse to run, refused here.
for (const file of readdirSync(join(root, ".github/workflows")).filter((name) => /\.ya?ml$/.test(name)).sort()) {
  check(`workflow ${file}`, run("npx", ["action-validator", join(".github/workflows", file)]));
}

const out = mkdtempSync(join(tmpdir(), "warden-test-"));
const report = join(out, "vitest.json");
const vitest = `npx vitest run --reporter=default --reporter=json --outputFile.json=${report}`;
// A keyring of the run's own (XDG_DATA_HOME): the tests never write into the user's login keyring,
// and no other keyring daemon on the machine shares its file. The whole run gets it: a test that
// starts a keyring daemon again must find the same folder.
const keyringHome = join(out, "data");
mkdirSync(keyringHome);
const keyring = 'printf "\\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null';
run("dbus-run-session", ["--", "bash", "-c", `${keyring}; exec ${vitest}`], { env: { ...process.env, XDG_DATA_HOME: keyringHome } });

try {
  const r = JSON.parse(readFileSync(report, "utf8"));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  // A file that fails to load has no tests to count, but it is a failure.
  totals.failed += r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
} catch {
  console.log("✗ vitest wrote no report");
  totals.failed += 1;
}
rmSync(out, { recursive: true, force: true });

console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
