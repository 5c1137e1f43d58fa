/**
 * Grade results as a file: CSV or JSON by the file's extension, written whole or not at all
 * (a temporary file beside the target, then a rename).
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";

export interface GradeRow {
  /** The program's file name. */
  program: string;
  /** One score per seed, in the order of the seeds. */
  scores: number[];
  mean: number;
  /** What went wrong, one entry per failed seed. */
  errors: { seed: number; message: string; line?: number }[];
}

export type ResultFormat = "csv" | "json";

export function formatOf(path: string): ResultFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === ".csv" ? "csv" : ext === ".json" ? "json" : undefined;
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly GradeRow[], seeds: readonly number[]): string {
  const header = ["program", ...seeds.map((s) => `seed ${s}`), "mean", "errors"];
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) {
    const errors = row.errors
      .map((e) => `seed ${e.seed}: ${e.message}${e.line !== undefined ? ` (line ${e.line})` : ""}`)
      .join("; ");
    lines.push([row.program, ...row.scores, row.mean, errors].map(csvCell).join(","));
  }
  return lines.join("\n") + "\n";
}

export function toJson(rows: readonly GradeRow[]): string {
  return JSON.stringify(rows, null, 2) + "\n";
}

/** Writes the results atomically: readers see the old file or the whole new one, never a part. */
export function writeResults(
  path: string,
  rows: readonly GradeRow[],
  seeds: readonly number[],
): void {
  const format = formatOf(path);
  if (!format) throw new Error(`unknown result format: ${path}`);
  const text = format === "csv" ? toCsv(rows, seeds) : toJson(rows);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
}
