import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scoringSchema, sortingSchema } from "../format/schema.ts";
import {
  breakdownLine,
  localizeBreakdown,
  score,
  type RunFacts,
  type ScoringLabels,
} from "./score.ts";

const goldenDir = join(import.meta.dirname, "golden");

describe("scoring golden files", () => {
  const files = readdirSync(goldenDir).filter((f) => f.endsWith(".json"));
  it("has golden files", () => expect(files.length).toBeGreaterThanOrEqual(5));
  for (const file of files) {
    it(file, () => {
      const golden = JSON.parse(readFileSync(join(goldenDir, file), "utf8"));
      const rules = scoringSchema.parse(golden.rules);
      const sorting = sortingSchema.parse(golden.sorting);
      const result = score(
        rules,
        sorting,
        golden.facts as RunFacts,
        golden.labels as ScoringLabels,
      );
      expect(result).toEqual(golden.expected);
    });
  }
});

describe("breakdown for a pupil", () => {
  it("reads like '+10 bouteille en plastique → bac jaune'", () => {
    const rules = scoringSchema.parse({ correctBin: 10, wrongBin: -5 });
    const labels: ScoringLabels = {
      items: { bottle: { fr: "bouteille en plastique", en: "plastic bottle" } },
      bins: { y: { fr: "bac jaune", en: "yellow bin" }, b: { fr: "bac bleu", en: "blue bin" } },
      zones: {},
      obstacles: {},
    };
    const facts: RunFacts = {
      outcome: "finished",
      simTime: 3,
      items: [
        { id: "a", catalogueId: "bottle", kind: "plastic", binId: "y", onTable: true },
        { id: "b", catalogueId: "bottle", kind: "plastic", binId: "b", onTable: true },
      ],
      robot: { onTable: true, zones: [] },
      contacts: [],
    };
    const lines = localizeBreakdown(score(rules, { plastic: "y" }, facts, labels).breakdown, "fr");
    expect(lines.map(breakdownLine)).toEqual([
      "+10 bouteille en plastique → bac jaune",
      "−5 bouteille en plastique → bac bleu (mauvais bac ; bon bac : bac jaune)",
    ]);
  });
});
