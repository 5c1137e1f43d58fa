import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  errorSummary,
  mean,
  spreadsheetCsv,
  toCsv,
  writeResults,
  type CsvValue,
  type GradeRow,
} from "./output.ts";

const rows: GradeRow[] = [
  { program: "Élise.ts", scores: [56.25, 20], mean: 38.13, errors: [] },
  {
    program: 'bob; "le, bricoleur".ts',
    scores: [0, 5],
    mean: 2.5,
    errors: [
      // A message names its position itself; the table does not add it again.
      { seed: 1, message: "Ligne 3 : x n'est pas défini", line: 3 },
      { seed: 2, message: "trop long" },
    ],
  },
];

/**
 * Opens CSV bytes the way a spreadsheet set to a language does: UTF-8 only when the file starts
 * with the byte-order mark (Latin-1 otherwise), split on that language's separator with RFC 4180
 * quotes, and a cell written like a number in that language read as a number.
 */
function openAsSpreadsheet(bytes: Buffer, separator: string, decimal: string): CsvValue[][] {
  const utf8 = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = utf8 ? bytes.subarray(3).toString("utf8") : bytes.toString("latin1");
  const table: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      table.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  expect(cell + row.join("")).toBe(""); // the file ends with a line end
  const number = new RegExp(`^-?\\d+(\\${decimal}\\d+)?$`);
  return table.map((cells) =>
    cells.map((c): CsvValue => (number.test(c) ? Number(c.replace(decimal, ".")) : c)),
  );
}

describe("grade result files", () => {
  it("opens in French Excel: UTF-8 mark, one column per field, decimal commas, accents kept", () => {
    const dir = mkdtempSync(join(tmpdir(), "grade-"));
    const out = join(dir, "notes.csv");
    writeResults(out, rows, [1, 2], "fr");
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("56,25;20;38,13");
    expect(openAsSpreadsheet(bytes, ";", ",")).toEqual([
      ["programme", "graine 1", "graine 2", "moyenne", "erreurs"],
      ["Élise.ts", 56.25, 20, 38.13, ""],
      [
        'bob; "le, bricoleur".ts',
        0,
        5,
        2.5,
        "graine 1 : Ligne 3 : x n'est pas défini; graine 2 : trop long",
      ],
    ]);
  });

  it("opens in English Excel: commas between fields, decimal dots", () => {
    const dir = mkdtempSync(join(tmpdir(), "grade-"));
    const out = join(dir, "marks.csv");
    writeResults(out, rows, [1, 2], "en");
    expect(openAsSpreadsheet(readFileSync(out), ",", ".")).toEqual([
      ["program", "seed 1", "seed 2", "mean", "errors"],
      ["Élise.ts", 56.25, 20, 38.13, ""],
      [
        'bob; "le, bricoleur".ts',
        0,
        5,
        2.5,
        "seed 1: Ligne 3 : x n'est pas défini; seed 2: trop long",
      ],
    ]);
  });

  it("writes any table the same way, for other exports, and prints plain lines on a terminal", () => {
    const table = {
      header: ["élève", "score"],
      rows: [
        ["Zoé", 7.5],
        ["=HYPERLINK()", null],
      ],
    };
    expect(spreadsheetCsv(table, "fr")).toBe("\uFEFFélève;score\r\nZoé;7,5\r\n'=HYPERLINK();\r\n");
    expect(spreadsheetCsv(table, "en", { terminal: true })).toBe(
      "élève,score\nZoé,7.5\n'=HYPERLINK(),\n",
    );
    expect(toCsv(rows, [1], "fr", { terminal: true }).startsWith("programme;graine 1;")).toBe(true);
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

describe("what went wrong, once per program", () => {
  it("says an error of every seed once, and names the seeds of the others", () => {
    const errors = [
      { seed: 1, message: "Ligne 2 : « robot.avancer » n'existe pas", line: 2 },
      { seed: 2, message: "Ligne 2 : « robot.avancer » n'existe pas", line: 2 },
      { seed: 3, message: "Ligne 2 : « robot.avancer » n'existe pas", line: 2 },
    ];
    expect(errorSummary(errors, [1, 2, 3], "fr")).toBe("Ligne 2 : « robot.avancer » n'existe pas");
    expect(
      errorSummary(
        [
          { seed: 2, message: "tombé", line: 5 },
          { seed: 3, message: "tombé", line: 5 },
          { seed: 1, message: "trop long" },
        ],
        [1, 2, 3],
        "en",
      ),
    ).toBe("seeds 2, 3: tombé; seed 1: trop long");
  });
});
