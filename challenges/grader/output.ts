/**
 * Grade results as a file: CSV or JSON by the file's extension, written whole or not at all
 * (a temporary file beside the target, then a rename).
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { format, type Locale, type Localized } from "../../runtime/engine.ts";

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

/** The CSV's column names and error notes, in the teacher's language (JSON keeps identifiers). */
const CSV_WORDS = {
  program: { fr: "programme", en: "program" },
  seed: { fr: "graine {seed}", en: "seed {seed}" },
  mean: { fr: "moyenne", en: "mean" },
  errors: { fr: "erreurs", en: "errors" },
  error: { fr: "graine {seed} : {message}", en: "seed {seed}: {message}" },
  errorAt: {
    fr: "graine {seed} : {message} (ligne {line})",
    en: "seed {seed}: {message} (line {line})",
  },
} satisfies Record<string, Localized>;

export function toCsv(
  rows: readonly GradeRow[],
  seeds: readonly number[],
  locale: Locale = "en",
): string {
  const w = (key: keyof typeof CSV_WORDS, params: Record<string, string | number> = {}) =>
    format(CSV_WORDS[key], locale, params);
  const header = [
    w("program"),
    ...seeds.map((seed) => w("seed", { seed })),
    w("mean"),
    w("errors"),
  ];
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) {
    const errors = row.errors
      .map((e) =>
        e.line !== undefined
          ? w("errorAt", { seed: e.seed, message: e.message, line: e.line })
          : w("error", { seed: e.seed, message: e.message }),
      )
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
  locale: Locale = "en",
): void {
  const kind = formatOf(path);
  if (!kind) throw new Error(`unknown result format: ${path}`);
  const text = kind === "csv" ? toCsv(rows, seeds, locale) : toJson(rows);
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
