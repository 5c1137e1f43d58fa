/**
 * Grade results as a file: CSV or JSON by the file's extension, written whole or not at all
 * (a temporary file beside the target, then a rename).
 *
 * The CSV is written for the spreadsheet a teacher opens it with: a UTF-8 byte-order mark (without
 * it Excel reads UTF-8 as ANSI and « Élise » turns to « Ã‰lise »), and the list separator and
 * decimal mark of the teacher's language (French Excel splits on `;` and reads `56,25`; with `,`
 * every row lands in column A). `spreadsheetCsv` writes any table that way, for other exports.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import {
  DECIMAL_MARK,
  format,
  formatNumber,
  type Locale,
  type Localized,
} from "../../runtime/engine.ts";

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

/** A cell: text stays text, a number is written with the language's decimal mark. */
export type CsvValue = string | number | null | undefined;

export interface CsvTable {
  header: readonly string[];
  rows: readonly (readonly CsvValue[])[];
}

/** The byte-order mark that tells a spreadsheet the file is UTF-8. */
export const CSV_BOM = "\uFEFF";
/** The media type of `spreadsheetCsv`'s text, for an HTTP download. */
export const CSV_MEDIA_TYPE = "text/csv; charset=utf-8";

/** The list separator a spreadsheet expects in a language: `;` where numbers use a decimal comma. */
export function csvSeparator(locale: Locale): "," | ";" {
  return DECIMAL_MARK[locale] === "," ? ";" : ",";
}

function csvCell(value: CsvValue, locale: Locale, separator: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return formatNumber(value, locale);
  // A pupil's file name or error message starting like a formula must not run as one.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return text.includes(separator) || /["\n\r]/.test(text)
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

export interface CsvOptions {
  /** Text for a terminal or a pipe: no byte-order mark, `\n` line ends. */
  terminal?: boolean;
}

/**
 * A table as the CSV a spreadsheet in `locale` opens as columns: RFC 4180 quoting and CRLF line
 * ends, the language's separator and decimal mark, the UTF-8 mark first.
 */
export function spreadsheetCsv(
  table: CsvTable,
  locale: Locale,
  { terminal = false }: CsvOptions = {},
): string {
  const separator = csvSeparator(locale);
  const line = (cells: readonly CsvValue[]) =>
    cells.map((cell) => csvCell(cell, locale, separator)).join(separator);
  const eol = terminal ? "\n" : "\r\n";
  return (terminal ? "" : CSV_BOM) + [table.header, ...table.rows].map(line).join(eol) + eol;
}

/** The CSV's column names and error notes, in the teacher's language (JSON keeps identifiers). */
const CSV_WORDS = {
  program: { fr: "programme", en: "program" },
  seed: { fr: "graine {seed}", en: "seed {seed}" },
  mean: { fr: "moyenne", en: "mean" },
  errors: { fr: "erreurs", en: "errors" },
  error: { fr: "graine {seeds} : {message}", en: "seed {seeds}: {message}" },
  errorSeeds: { fr: "graines {seeds} : {message}", en: "seeds {seeds}: {message}" },
} satisfies Record<string, Localized>;

/**
 * What went wrong with a program, each error once: a compiler error fails every seed with the
 * same message, which is said once without seeds; an error on some seeds names them.
 */
export function errorSummary(
  errors: GradeRow["errors"],
  seeds: readonly number[],
  locale: Locale,
): string {
  const groups = new Map<string, { message: string; seeds: number[] }>();
  // Each message names its line and column itself.
  for (const { message, seed } of errors) {
    const group = groups.get(message) ?? { message, seeds: [] };
    group.seeds.push(seed);
    groups.set(message, group);
  }
  return [...groups.values()]
    .map(({ message, seeds: failed }) => {
      if (failed.length === seeds.length && seeds.length > 1) return message;
      const key = failed.length === 1 ? "error" : "errorSeeds";
      return format(CSV_WORDS[key], locale, { seeds: failed.join(", "), message });
    })
    .join("; ");
}

/** Grade rows as a table: one column per seed, the mean, and what went wrong. */
export function gradeTable(
  rows: readonly GradeRow[],
  seeds: readonly number[],
  locale: Locale,
): CsvTable {
  const w = (key: keyof typeof CSV_WORDS, params: Record<string, string | number> = {}) =>
    format(CSV_WORDS[key], locale, params);
  return {
    header: [w("program"), ...seeds.map((seed) => w("seed", { seed })), w("mean"), w("errors")],
    rows: rows.map((row) => [
      row.program,
      ...row.scores,
      row.mean,
      errorSummary(row.errors, seeds, locale),
    ]),
  };
}

export function toCsv(
  rows: readonly GradeRow[],
  seeds: readonly number[],
  locale: Locale = "en",
  options: CsvOptions = {},
): string {
  return spreadsheetCsv(gradeTable(rows, seeds, locale), locale, options);
}

export function toJson(rows: readonly GradeRow[]): string {
  return JSON.stringify(rows, null, 2) + "\n";
}

/** Writes a text file atomically: readers see the old file or the whole new one, never a part. */
export function writeFileWhole(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    // The temporary file is ours: what the person asked for is `path`.
    const e = error as NodeJS.ErrnoException;
    if (e.path === temp) e.path = path;
    if (typeof e.message === "string") e.message = e.message.split(temp).join(path);
    throw error;
  }
}

/** Writes the results, CSV or JSON by the file's extension, atomically. */
export function writeResults(
  path: string,
  rows: readonly GradeRow[],
  seeds: readonly number[],
  locale: Locale = "en",
): void {
  const kind = formatOf(path);
  if (!kind) throw new Error(`unknown result format: ${path}`);
  writeFileWhole(path, kind === "csv" ? toCsv(rows, seeds, locale) : toJson(rows));
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
}
