import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../i18n.ts";
import { goldenFile, goldenPrograms, pupilFeedback } from "./pupil-golden.ts";

describe("the golden set of pupil mistakes", () => {
  const programs = goldenPrograms();

  it("holds at least 30 mistakes", () => {
    expect(programs.length).toBeGreaterThanOrEqual(30);
  });

  for (const locale of LOCALES) {
    it.each(programs)(`%s gives exactly its golden words (${locale})`, async (program) => {
      const expected = readFileSync(goldenFile(program, locale), "utf8");
      const got = await pupilFeedback(program, locale);
      expect(got).toBe(expected);
      // Every program here is a mistake: it must be told something other than a clean run.
      expect(got).not.toBe("run: finished\n");
      for (const line of got.trimEnd().split("\n")) {
        // Short, no type dump, the position said once (by the prefix, or by the run's message).
        expect(line.length).toBeLessThan(260);
        expect(line).not.toMatch(/readonly|=> Promise|\.\.\. \d+ more/);
        expect(line.match(/\b(ligne|line) \d+, (colonne|column) \d+/gi)?.length ?? 0).toBeLessThan(
          2,
        );
      }
    });
  }
});
