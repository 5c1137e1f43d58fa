/**
 * `npm run bench`: runs every bench/*.bench.ts (each default-exports an async function returning
 * rows), prints one table and writes the same figures to bench/results.json.
 * `npm run bench -- runtime` runs only the files whose name contains "runtime".
 */
import { readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
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
  const mod = (await import(pathToFileURL(join(here, file)).href)) as {
    default: () => Promise<BenchRow[]>;
  };
  rows.push(...(await mod.default()));
}

function fmt(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return "";
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

writeFileSync(
  join(here, "results.json"),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, platform: process.platform },
      rows,
    },
    null,
    2,
  ) + "\n",
);
