// The GitHub Actions workflows. They cannot run here, so what can be checked is: GitHub's schema
// (with the validator `npm test` runs, shown to refuse broken copies), and what the pipeline promises
// — actions pinned by commit, every job time-limited, `npm test` as .ci/run runs it, the Electron
// suites on the three systems, installers signed only with secrets, and a draft release.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, yaml } from "./builder-config.js";

const WORKFLOWS_DIR = join(ROOT, ".github/workflows");
const require = createRequire(import.meta.url);
const validatorPackage = require.resolve("@action-validator/cli/package.json");
const validatorBin = (JSON.parse(readFileSync(validatorPackage, "utf8")) as { bin: Record<string, string> }).bin["action-validator"] ?? "";
const validatorCli = join(dirname(validatorPackage), validatorBin);

type Step = { name?: string; uses?: string; run?: string; if?: string; env?: Record<string, string>; with?: Record<string, unknown> };
type Job = {
  "runs-on"?: unknown;
  "timeout-minutes"?: unknown;
  container?: unknown;
  uses?: string;
  strategy?: { matrix?: { os?: string[] } };
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps?: Step[];
};
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; concurrency?: unknown; jobs: Record<string, Job> };

// Line endings as committed: git on Windows runners may check files out with CRLF.
const readText = (path: string): string => readFileSync(path, "utf8").replaceAll("\r\n", "\n");
const text = (file: string): string => readText(join(WORKFLOWS_DIR, file));
const parse = (file: string): Workflow => yaml.load(text(file)) as Workflow;
const ci = parse("ci.yml");
const release = parse("release.yml");

/** The validator's command line, as `npm test` runs it (node instead of npx: the same on Windows). */
function validate(path: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [validatorCli, path], { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const scratch = mkdtempSync(join(tmpdir(), "warden-workflows-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of ci.yml changed by `change`, written where the validator can read it. */
function brokenCi(name: string, change: (workflow: Workflow) => void): string {
  const copy = structuredClone(ci);
  change(copy);
  const path = join(scratch, `${name}.yml`);
  writeFileSync(path, yaml.dump(copy));
  return path;
}

function allSteps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
}

const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;

/** The actions a workflow uses by tag or branch rather than by full commit SHA. */
function unpinnedActions(workflow: Workflow): string[] {
  const used = [...Object.values(workflow.jobs).map((job) => job.uses), ...allSteps(workflow).map((step) => step.uses)];
  return used.filter((uses): uses is string => uses !== undefined && !uses.startsWith("./") && !PINNED.test(uses));
}

const runs = (job: Job | undefined): string[] => (job?.steps ?? []).flatMap((step) => (step.run === undefined ? [] : [step.run]));

describe("the workflows against GitHub's schema (action-validator, as `npm test` runs it)", () => {
  it("are ci.yml and release.yml", () => {
    expect(readdirSync(WORKFLOWS_DIR).sort()).toEqual(["ci.yml", "release.yml"]);
  });

  it.each(["ci.yml", "release.yml"])("accepts %s", (file) => {
    expect(validate(join(WORKFLOWS_DIR, file))).toMatchObject({ status: 0 });
  });

  // So that what the broken copies below are refused for is their one change.
  it("accepts ci.yml re-written unchanged", () => {
    expect(validate(brokenCi("unchanged", () => undefined))).toMatchObject({ status: 0 });
  });

  it("refuses a job without runs-on", () => {
    const result = validate(brokenCi("no-runs-on", (workflow) => delete workflow.jobs.test?.["runs-on"]));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("/jobs/test/runs-on");
  });

  it("refuses a job with a key GitHub does not know", () => {
    const result = validate(brokenCi("unknown-key", (workflow) => Object.assign(workflow.jobs.test ?? {}, { colour: "blue" })));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("Additional property 'colour' is not allowed");
  });
});

describe("what the workflows promise", () => {
  it("pin every action to a full commit SHA, with its version in a comment, one SHA per action", () => {
    expect(unpinnedActions(ci)).toEqual([]);
    expect(unpinnedActions(release)).toEqual([]);
    const lines = [...text("ci.yml").split("\n"), ...text("release.yml").split("\n")].filter((line) => /^\s*(-\s+)?uses:/.test(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/uses: \S+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    const shas = new Map<string, Set<string>>();
    for (const [action, sha] of lines.map((line) => /uses: (\S+)@(\S+)/.exec(line)?.slice(1) ?? [])) {
      if (action && sha) shas.set(action, (shas.get(action) ?? new Set()).add(sha));
    }
    for (const [action, set] of shas) expect([action, set.size]).toEqual([action, 1]);
  });

  it("catch an action used by tag (the check itself, on a broken copy)", () => {
    const copy = structuredClone(ci);
    const checkout = copy.jobs.test?.steps?.find((step) => step.uses?.startsWith("actions/checkout@"));
    if (checkout) checkout.uses = "actions/checkout@v4";
    expect(unpinnedActions(copy)).toEqual(["actions/checkout@v4"]);
  });

  it("limit every job's time", () => {
    for (const [name, job] of [...Object.entries(ci.jobs), ...Object.entries(release.jobs)]) {
      expect([name, typeof job["timeout-minutes"]]).toEqual([name, "number"]);
    }
  });

  it("CI: runs on pushes and pull requests, reads the repository only, cancels a pull request's stale run", () => {
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
    expect(ci.permissions).toEqual({ contents: "read" });
    expect(ci.concurrency).toBeDefined();
    for (const job of Object.values(ci.jobs)) expect(job.permissions).toBeUndefined();
  });

  it("CI: the test job is .ci/run's npm ci then npm test, on Debian 12 where Prosody 13 installs", () => {
    const ciRun = readText(join(ROOT, ".ci/run"));
    expect(ciRun).toMatch(/^npm ci\nnpm test\n/m);
    const test = ci.jobs.test;
    expect(test?.container).toBe("debian:bookworm");
    expect(runs(test).filter((run) => run.startsWith("npm "))).toEqual(["npm ci", "npm test"]);
    // No Electron binary and no display there: e2e-electron prints its skip line, as it does here.
    expect(test?.env?.ELECTRON_SKIP_BINARY_DOWNLOAD).toBe("1");
  });

  it("CI: the electron job runs the unit, renderer and e2e-electron projects on Linux, macOS and Windows with the real binary", () => {
    const electron = ci.jobs.electron;
    expect(electron?.strategy?.matrix?.os).toEqual(["ubuntu-latest", "macos-latest", "windows-latest"]);
    const steps = electron?.steps ?? [];
    expect(steps.map((step) => step.run)).toContain("npm ci");
    const suites = steps.filter((step) => step.run?.includes("npx vitest run"));
    // One step for Linux, one for the others: each system runs the suites exactly once.
    expect(suites.map((step) => step.if)).toEqual(["runner.os == 'Linux'", "runner.os != 'Linux'"]);
    for (const step of suites) expect(step.run).toContain("npx vitest run --project unit --project renderer --project e2e-electron");
    expect(suites[0]?.run).toMatch(/^xvfb-run -a dbus-run-session -- /);
    // The suite's one skip condition is a missing binary; npm ci downloads it unless told not to.
    expect(JSON.stringify(electron)).not.toContain("ELECTRON_SKIP_BINARY_DOWNLOAD");
  });

  it("Release: on a version tag, the installers built on the three systems without publishing", () => {
    expect(release.on).toEqual({ push: { tags: ["v*"] } });
    const build = release.jobs.build;
    expect(build?.strategy?.matrix?.os).toEqual(["ubuntu-latest", "macos-latest", "windows-latest"]);
    const builds = runs(build).filter((run) => run.includes("npm run dist"));
    expect(builds).toEqual(["npm run dist -- --publish never", "npm run dist -- --publish never"]);
    const upload = build?.steps?.find((step) => step.uses?.startsWith("actions/upload-artifact@"));
    expect(String(upload?.with?.path)).toMatch(/latest\*\.yml/);
    expect(String(upload?.with?.path)).toMatch(/\*\.blockmap/);
  });

  it("Release: signs with the repository's secrets when present, says so in one line when not", () => {
    const build = release.jobs.build;
    const signed = build?.steps?.find((step) => step.name === "Build signed installers");
    const secrets = ["CSC_LINK", "CSC_KEY_PASSWORD", "APPLE_ID", "APPLE_APP_SPECIFIC_PASSWORD", "APPLE_TEAM_ID", "WIN_CSC_LINK", "WIN_CSC_KEY_PASSWORD"];
    expect(signed?.env).toEqual(Object.fromEntries(secrets.map((name) => [name, `\${{ secrets.${name} }}`])));
    // The unsigned build gets no secrets at all.
    const unsigned = build?.steps?.find((step) => step.name === "Build installers");
    expect(unsigned?.env).toBeUndefined();
    expect(runs(build).join("\n")).toContain('echo "signing skipped: no certificate in the repository\'s secrets"');
    expect(runs(build).join("\n")).toContain("CSC_IDENTITY_AUTO_DISCOVERY=false");
  });

  it("Release: a draft release with the installers, SHA256SUMS and the update metadata; only that job may write", () => {
    expect(release.permissions).toEqual({ contents: "read" });
    expect(release.jobs.build?.permissions).toBeUndefined();
    const draft = release.jobs.release;
    expect(draft?.permissions).toEqual({ contents: "write" });
    const script = runs(draft).join("\n");
    expect(script).toContain("for file in latest.yml latest-mac.yml latest-linux.yml");
    expect(script).toContain("sha256sum -- * > SHA256SUMS");
    expect(script).toMatch(/gh release create "\$GITHUB_REF_NAME" .*--draft/);
  });
});
