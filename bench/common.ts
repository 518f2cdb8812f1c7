// Shared by the benchmark parts: statistics, the per-section results each part hands to
// bench/report.ts (as JSON in $BENCH_RESULTS_DIR), and number formatting.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

export function positiveInt(raw: string | undefined, fallback: number, zeroOk = false): number {
  const n = raw === undefined ? fallback : Number(raw);
  return Number.isInteger(n) && (n > 0 || (zeroOk && n === 0)) ? n : fallback;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile (0–100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function timedSync(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Milliseconds, with as many decimals as a reader needs. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value >= 100) return `${Math.round(value)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function times(ratio: number): string {
  if (!Number.isFinite(ratio)) return "n/a";
  return `${ratio.toFixed(ratio >= 10 ? 1 : 2)}×`;
}

/** One row of a section's table. `ratio` says which way it is taken, e.g. "1.20× (Warden / bare)". */
export interface ResultRow {
  figure: string;
  warden: string;
  baseline: string;
  ratio: string;
  target: string;
  /** "yes" / "no", or "—" when the issue sets no target for the row. */
  met: "yes" | "no" | "—";
}

export interface ResultSection {
  /** Orders the sections in docs/benchmarks.md. */
  order: number;
  title: string;
  /** What Warden's figure is, what the baseline is, and how they were run. */
  method: string[];
  runs: string;
  rows: ResultRow[];
  /** Anything a reader should know about these numbers (e.g. why a target is missed). */
  notes: string[];
}

export const met = (ok: boolean): "yes" | "no" => (ok ? "yes" : "no");

/** Hands a section to bench/report.ts when run by `npm run bench`; a no-op otherwise. */
export function saveSection(id: string, section: ResultSection): void {
  const dir = process.env.BENCH_RESULTS_DIR;
  if (!dir) return;
  writeFileSync(join(dir, `${id}.json`), `${JSON.stringify(section, null, 2)}\n`);
}

/** The core's log lines would interleave with the results: dropped. */
export const quiet = (): void => undefined;

/** Runs `a` and `b` alternately, swapping which goes first each round; warm-ups discarded. */
export async function alternate(
  rounds: number,
  warmup: number,
  a: () => Promise<number> | number,
  b: () => Promise<number> | number,
  onRound?: (i: number, ta: number, tb: number, warm: boolean) => void,
): Promise<{ a: number[]; b: number[] }> {
  const out = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < warmup + rounds; i += 1) {
    let ta: number;
    let tb: number;
    if (i % 2 === 0) {
      ta = await a();
      tb = await b();
    } else {
      tb = await b();
      ta = await a();
    }
    onRound?.(i, ta, tb, i < warmup);
    if (i < warmup) continue;
    out.a.push(ta);
    out.b.push(tb);
  }
  return out;
}

/** As `alternate`, for any number of contenders: round i starts with contender i mod k. */
export async function rotate(rounds: number, warmup: number, contenders: readonly (() => Promise<number> | number)[]): Promise<number[][]> {
  const out = contenders.map(() => [] as number[]);
  const k = contenders.length;
  for (let i = 0; i < warmup + rounds; i += 1) {
    const round: number[] = new Array<number>(k);
    for (let j = 0; j < k; j += 1) {
      const c = (i + j) % k;
      round[c] = await contenders[c]!();
    }
    if (i >= warmup) round.forEach((t, c) => out[c]!.push(t));
  }
  return out;
}
