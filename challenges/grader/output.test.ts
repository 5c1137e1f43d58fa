import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mean, toCsv, writeResults, type GradeRow } from "./output.ts";

const rows: GradeRow[] = [
  { program: "alice.ts", scores: [10, 20], mean: 15, errors: [] },
  {
    program: 'bob, "the builder".ts',
    scores: [0, 5],
    mean: 2.5,
    errors: [{ seed: 1, message: "x is not defined", line: 3 }],
  },
];

describe("grade result files", () => {
  it("writes CSV with quoting and one row per program", () => {
    expect(toCsv(rows, [1, 2])).toBe(
      "program,seed 1,seed 2,mean,errors\n" +
        "alice.ts,10,20,15,\n" +
        '"bob, ""the builder"".ts",0,5,2.5,seed 1: x is not defined (line 3)\n',
    );
  });

  it("names the CSV's columns and errors in the teacher's language", () => {
    expect(toCsv(rows, [1, 2], "fr").split("\n").slice(0, 3)).toEqual([
      "programme,graine 1,graine 2,moyenne,erreurs",
      "alice.ts,10,20,15,",
      '"bob, ""the builder"".ts",0,5,2.5,graine 1 : x is not defined (ligne 3)',
    ]);
  });

  it("writes JSON by extension, whole, leaving no temporary file", () => {
    const dir = mkdtempSync(join(tmpdir(), "grade-"));
    const out = join(dir, "results.json");
    writeResults(out, rows, [1, 2]);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(rows);
    expect(readdirSync(dir)).toEqual(["results.json"]);
  });

  it("keeps the old file when the new one cannot be written", () => {
    const dir = mkdtempSync(join(tmpdir(), "grade-"));
    const out = join(dir, "results.csv");
    writeFileSync(out, "old\n");
    expect(() => writeResults(join(dir, "missing", "results.csv"), rows, [1, 2])).toThrow();
    expect(() => writeResults(join(dir, "results.txt"), rows, [1, 2])).toThrow();
    expect(readFileSync(out, "utf8")).toBe("old\n");
    expect(readdirSync(dir)).toEqual(["results.csv"]);
  });

  it("means are rounded to hundredths", () => {
    expect(mean([1, 2, 2])).toBe(1.67);
    expect(mean([])).toBe(0);
  });
});
