/** Tools for benchmarks: timing with medians. Benchmarks live in bench/*.bench.ts. */

export interface BenchRow {
  /** The part or feature measured, e.g. "runtime". */
  suite: string;
  name: string;
  median: number;
  unit: string;
  /** Human-readable target, e.g. "≤ 10 µs". */
  target?: string;
  /** Whether the target is met; undefined when there is no target. */
  ok?: boolean;
  /** A ratio, where a comparison is meant (e.g. real-time factor, or A/B). */
  ratio?: number;
  samples?: number;
  note?: string;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `runs` times (after `warmup` runs) and returns each duration in milliseconds. */
export async function timeRuns(
  fn: () => unknown | Promise<unknown>,
  runs: number,
  warmup = 1,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}
