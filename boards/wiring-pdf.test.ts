import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findBoard, findKit, renderWiringSheet, wiringSheetPdf } from "./index.ts";

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

function sheet(board = "mega2560") {
  return renderWiringSheet(findKit("2wd-kit")!, findBoard(board)!, "fr");
}

describe("the wiring sheet as a PDF", () => {
  it("is a well-formed one-page A4 PDF: every cross-reference points at its object", () => {
    const pdf = latin1(wiringSheetPdf(sheet(), "Câblage"));
    expect(pdf.startsWith("%PDF-1.4\n")).toBe(true);
    expect(pdf.endsWith("%%EOF\n")).toBe(true);
    expect(pdf).toContain("/MediaBox [0 0 595.28 841.89]");
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(1);
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(pdf)![1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe("xref");
    const entries = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) =>
      Number(m[1]),
    );
    expect(entries.length).toBeGreaterThan(5);
    entries.forEach((offset, i) => expect(pdf.startsWith(`${i + 1} 0 obj`, offset)).toBe(true));
    const length = Number(/\/Length (\d+) >>\nstream\n/.exec(pdf)![1]);
    const start = pdf.indexOf("stream\n") + "stream\n".length;
    expect(pdf.slice(start + length, start + length + 10)).toBe("\nendstream");
  });

  it("writes French in the standard fonts' encoding, one byte a letter", () => {
    const pdf = wiringSheetPdf(sheet());
    // « Câblage » : â is 0xE2 in WinAnsiEncoding; the apostrophe ’ is 0x92.
    expect(latin1(pdf)).toContain("(C\xe2blage : Kit 2 roues motrices sur Arduino Mega 2560)");
    expect(latin1(pdf)).toContain("n\x92y ont pas le m\xeame r\xf4le");
    expect(latin1(pdf)).toContain("/BaseFont /Courier");
  });

  // poppler-utils is in .ci/apt-packages.txt; a machine without it still runs the checks above.
  it.skipIf(!existsSync("/usr/bin/pdftotext"))(
    "reads back in a real PDF reader (poppler): the title, the pins, the wiring problems",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "robotyc-pdf-"));
      const file = join(dir, "cablage.pdf");
      writeFileSync(file, wiringSheetPdf(sheet(), "Câblage du kit"));
      const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
      expect(info).toMatch(/Pages:\s+1/);
      expect(info).toMatch(/Page size:\s+595.28 x 841.89 pts \(A4\)/);
      expect(info).toMatch(/Title:\s+Câblage du kit/);
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      expect(text).toContain("Câblage : Kit 2 roues motrices sur Arduino Mega 2560");
      expect(text).toContain("capteur à ultrasons");
      expect(text).toContain("doit aller sur la broche D20 de la carte Arduino Mega 2560");
    },
  );
});
