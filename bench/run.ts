/**
 * `npm run bench`: runs every bench/*.bench.ts (each default-exports an async function returning
 * rows), prints one table and writes the same figures to bench/results.json.
 * `npm run bench -- runtime` runs only the files whose name contains "runtime".
 * Each file runs in a process of its own, so memory figures belong to one suite alone.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import type { BenchRow } from "./harness.ts";

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filter.length === 0 || filter.some((word) => f.includes(word)))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const stdout = execFileSync(
    process.execPath,
    ["--import", "tsx", join(here, "run-one.ts"), join(here, file)],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 },
  );
  const last = stdout.trimEnd().split("\n").pop() ?? "[]";
  rows.push(...(JSON.parse(last) as BenchRow[]));
}

/** A figure for the table; a missing one (NaN arrives as null through JSON) prints blank. */
function fmt(n: number | null | undefined): string {
  if (n === undefined || n === null || Number.isNaN(n)) return "";
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}

const header = ["suite", "benchmark", "median", "unit", "ratio", "target", "ok"];
const table = rows.map((r) => [
  r.suite,
  r.name,
  fmt(r.median),
  r.unit,
  fmt(r.ratio),
  r.target ?? "",
  r.ok === undefined ? "" : r.ok ? "yes" : "NO",
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of table) console.log(line(row));

const resultsPath = join(here, "results.json");
const ranSuites = new Set(rows.map((r) => r.suite));
const kept: BenchRow[] =
  filter.length > 0 && existsSync(resultsPath)
    ? (JSON.parse(readFileSync(resultsPath, "utf8")) as { rows: BenchRow[] }).rows.filter(
        (r) => !ranSuites.has(r.suite),
      )
    : [];
writeFileSync(
  resultsPath,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, platform: process.platform },
      rows: [...kept, ...rows].sort((a, b) => a.suite.localeCompare(b.suite)),
    },
    null,
    2,
  ) + "\n",
);
