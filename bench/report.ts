// Writes docs/benchmarks.md from the tables the benchmark parts left in $BENCH_RESULTS_DIR.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import type { ResultSection } from "./common.js";

const dir = process.env.BENCH_RESULTS_DIR;
if (!dir) throw new Error("BENCH_RESULTS_DIR is not set: run through `npm run bench`");
const out = new URL("../docs/benchmarks.md", import.meta.url);

const sections = new Map<string, ResultSection>();
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
  sections.set(file.slice(0, -5), JSON.parse(readFileSync(join(dir, file), "utf8")) as ResultSection);
}

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? "Linux";
  } catch {
    return "Linux";
  }
}

function prosodyVersion(): string {
  // `prosody --version` prints nothing useful through a pipe when run as root: ask the package.
  const run = spawnSync("dpkg-query", ["-W", "-f=${Version}", "prosody"], { encoding: "utf8", timeout: 5_000 });
  return run.status === 0 && run.stdout.trim() ? `${run.stdout.trim()} (Debian package)` : "?";
}

const cpu = cpus();
const chromium = sections.get("chromium")?.method[0] ?? "not run";
const cell = (s: string): string => s.replace(/\|/g, "\\|");
const date = new Date();

const lines: string[] = [
  "# Benchmarks",
  "",
  "Written by `npm run bench` (bench/run.mjs); do not edit by hand — run it again. Every figure is a median over repeated runs, measured side by side with its baseline in the same run, and given as a ratio; absolute times are only meaningful on the machine below.",
  "",
  "## Machine",
  "",
  `- Date: ${date.toISOString().replace(/\.\d+Z$/, "Z")}`,
  `- CPU: ${cpu[0]?.model.trim() ?? "?"}, ${cpu.length} cores`,
  `- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  `- OS: ${osName()}`,
  `- Node.js: ${process.version}`,
  `- Chromium: ${chromium} (headless, --disable-gpu)`,
  `- Prosody: ${prosodyVersion()} (the test server of test/server, on loopback)`,
  "",
];

const missing: string[] = [];
const expected: [string, string][] = [["codec", "Codec"], ["time-to-online", "Time to online"], ["time-to-list", "Time to list"], ["rendering", "Rendering"], ["memory", "Memory"], ["revoke", "Revoke"], ["watch", "Watch tick"]];
for (const [id, name] of expected) if (!sections.has(id)) missing.push(name);
if (missing.length > 0) lines.push(`**Not measured in this run** (the part failed; see its output): ${missing.join(", ")}.`, "");

const ordered = [...sections.entries()].filter(([id]) => id !== "chromium").sort((a, b) => a[1].order - b[1].order);
for (const [, section] of ordered) {
  lines.push(`## ${section.title}`, "");
  for (const m of section.method) lines.push(`- ${m}`);
  lines.push(`- Runs: ${section.runs}.`, "");
  lines.push("| Figure | Warden | Baseline | Ratio | Target | Met? |", "|---|---|---|---|---|---|");
  for (const r of section.rows) lines.push(`| ${[r.figure, r.warden, r.baseline, r.ratio, r.target, r.met].map(cell).join(" | ")} |`);
  lines.push("");
  for (const note of section.notes) lines.push(note, "");
}

lines.push(
  "## Reading these numbers",
  "",
  "- Ratios are the result; milliseconds and bytes are this machine's, on this day. The machine is a small shared VM (other jobs may run beside the bench), so compare ratios between runs, not absolute times.",
  "- Each ratio compares medians taken in the same process and the same run, with Warden and its baseline alternating, so slow phases of the machine hit both sides. Run-to-run spread is still several percent (more for the few 100,000-client and rendering runs): a ratio within ~10 % of its target is not a clear pass or miss.",
  "- \"Faster\" for time to online is bare / Warden (higher is better); everything else is Warden / baseline (lower is better).",
  "- Time to list and rendering go through real sockets, a real Prosody, the real core, host and UI, in a headless Chromium without GPU: frame times are software-rendered and the frame rate is Chromium's headless default, so they are an upper bound for a desktop with a GPU.",
  "- The time-to-list baseline is not another client: it is time to online in the same run, so the ratio shows how much the list request, the WebSocket bridge and the UI add. The rendering baseline is the same UI with 100 clients.",
  "- The memory figure is the heap the core keeps per listed client; nothing here measures Chromium's or Prosody's memory.",
  "- The revoke figure is bounded below by the server's close timeout, a server setting: the ratio to it shows what Warden's polling and verification add.",
  "",
);

writeFileSync(out, lines.join("\n"));
console.log(`report: wrote docs/benchmarks.md (${ordered.length} sections${missing.length > 0 ? `, missing: ${missing.join(", ")}` : ""})`);
