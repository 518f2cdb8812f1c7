// `npm run bench`: every benchmark, one after the other, then docs/benchmarks.md.
//
// 1. Builds the renderer into a temp dir (never dist/renderer: other runs in this tree rebuild
//    that with emptyOutDir).
// 2. In the environment of bench/env.mjs (test CA trusted, private D-Bus + gnome-keyring), runs
//    bench/codec.ts, bench/memory.ts (--expose-gc), bench/login.ts, bench/browser.ts,
//    bench/revoke.ts and bench/watch.ts; each prints
//    a line per figure and leaves its table in a temp results dir.
// 3. bench/report.ts writes docs/benchmarks.md from those tables.
//
// Env: BENCH_RUNS (time to online, default 11 here), BENCH_LIST_RUNS (7), BENCH_RENDER_RUNS (3),
// BENCH_MEMORY_RUNS (5), BENCH_CODEC_RUNS_1K/10K/100K (41/11/3), BENCH_REVOKE_RUNS (5), BENCH_WATCH_RUNS (41),
// BENCH_VERBOSE=1.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, runInBenchSession } from "./env.mjs";

const started = Date.now();
const staticDir = mkdtempSync(join(tmpdir(), "warden-bench-renderer-"));
const resultsDir = mkdtempSync(join(tmpdir(), "warden-bench-results-"));
let status = 1;
try {
  const vite = join(root, "node_modules", ".bin", "vite");
  const build = spawnSync(vite, ["build", "--config", "renderer/vite.config.ts", "--outDir", staticDir, "--emptyOutDir", "--logLevel", "warn"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (build.status !== 0 || !existsSync(join(staticDir, "index.html"))) throw new Error("vite build of the renderer failed");

  const tsx = join(root, "node_modules", ".bin", "tsx");
  const parts = [
    ["codec", `${tsx} bench/codec.ts`],
    ["memory", `${tsx} --expose-gc bench/memory.ts`],
    ["time to online", `${tsx} bench/login.ts`],
    ["browser mode", `${tsx} bench/browser.ts`],
    ["revoke", `${tsx} bench/revoke.ts`],
    ["watch", `${tsx} bench/watch.ts`],
  ];
  // Each part runs even if one before it failed; the report says which are missing.
  const script = [
    "status=0",
    ...parts.map(([name, command]) => `${command} || { echo "bench: ${name} failed" >&2; status=1; }`),
    `${tsx} bench/report.ts || status=1`,
    "exit $status",
  ].join("\n");
  status = await runInBenchSession(script, [], {
    BENCH_STATIC_DIR: staticDir,
    BENCH_RESULTS_DIR: resultsDir,
    BENCH_RUNS: process.env.BENCH_RUNS ?? "11",
  });
  console.log(`bench: done in ${Math.round((Date.now() - started) / 1000)} s${status === 0 ? "" : " (with failures)"}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(staticDir, { recursive: true, force: true });
  rmSync(resultsDir, { recursive: true, force: true });
}
process.exit(status);
