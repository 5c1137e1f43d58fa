import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLASSES,
  ClassTrainer,
  ClassifierError,
  WasteClassifier,
  checkClassModel,
  seededRandom,
  useClassModel,
  type PixelImage,
  type WasteClass,
  loadClassifier,
} from "./node.ts";

/** A made-up "object" per class: a blob of the class's colour on a random light background. */
const COLORS: Record<WasteClass, [number, number, number]> = {
  plastic: [40, 90, 220],
  paper: [200, 160, 100],
  glass: [60, 160, 70],
  metal: [210, 40, 40],
  organic: [230, 200, 40],
  residual: [30, 30, 30],
};
function example(kind: WasteClass, seed: number): PixelImage {
  const random = seededRandom(seed);
  const size = 48;
  const data = new Uint8Array(size * size * 3);
  const bg = 170 + random() * 80;
  const cx = size * (0.35 + random() * 0.3);
  const cy = size * (0.35 + random() * 0.3);
  const r = size * (0.18 + random() * 0.12);
  const [cr, cg, cb] = COLORS[kind];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = (x - cx) ** 2 + (y - cy) ** 2 < r * r;
      const noise = (random() - 0.5) * 30;
      const p = (y * size + x) * 3;
      data[p] = inside ? cr + noise : bg + noise;
      data[p + 1] = inside ? cg + noise : bg + noise;
      data[p + 2] = inside ? cb + noise : bg - 10 + noise;
    }
  }
  return { width: size, height: size, data, channels: 3 };
}

let base: WasteClassifier;
beforeAll(async () => {
  base = await loadClassifier();
});
afterAll(() => base?.dispose());

describe("in-app learning", () => {
  it("trains a head on 6 classes x 20 examples, reports held-out accuracy and a confusion matrix", async () => {
    const trainer = new ClassTrainer(base);
    CLASSES.forEach((kind, k) => {
      trainer.addExamples(
        Array.from({ length: 20 }, (_, i) => example(kind, k * 1000 + i)),
        kind,
      );
    });
    expect(trainer.counts()).toEqual(Object.fromEntries(CLASSES.map((c) => [c, 20])));
    const report = await trainer.train({ seed: 3 });
    expect(report.labels).toEqual([...CLASSES]);
    expect(report.heldOutCount).toBe(24);
    expect(report.trainCount).toBe(96);
    const total = report.confusion.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(24);
    const diagonal = report.confusion.reduce((n, row, i) => n + row[i]!, 0);
    expect(report.heldOutAccuracy).toBeCloseTo(diagonal / 24, 10);
    // Chance is 1/6; these made-up pictures are far from what the base model was trained on.
    expect(report.heldOutAccuracy).toBeGreaterThanOrEqual(0.75);

    // Saved as JSON (as in a project file), loaded into a fresh classifier, it answers the same.
    const saved = JSON.parse(JSON.stringify(report.model)) as unknown;
    const other = await loadClassifier();
    useClassModel(other, saved);
    expect(other.usesCustomHead).toBe(true);
    let correct = 0;
    CLASSES.forEach((kind, k) => {
      for (let i = 100; i < 105; i++) {
        const result = other.classify(example(kind, k * 1000 + i));
        if (result.kind === kind) correct++;
        expect(Object.values(result.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      }
    });
    expect(correct).toBeGreaterThanOrEqual(24);
    other.setHead(undefined);
    expect(other.usesCustomHead).toBe(false);
    other.dispose();
  });

  it("learns with only some classes; unknown labels and a single class are refused", async () => {
    const trainer = new ClassTrainer(base);
    expect(() => trainer.addExample(example("glass", 1), "cat" as WasteClass)).toThrow(
      ClassifierError,
    );
    trainer.addExamples(
      [1, 2, 3, 4].map((i) => example("glass", i)),
      "glass",
    );
    await expect(trainer.train()).rejects.toThrow(ClassifierError);
    trainer.addExamples(
      [5, 6, 7, 8].map((i) => example("metal", i)),
      "metal",
    );
    const report = await trainer.train({ seed: 1 });
    expect(report.labels).toEqual(["glass", "metal"]);
    expect(report.model.kernel).toHaveLength(base.featureSize * 2);
    trainer.clear("metal");
    expect(trainer.counts()).toEqual({ glass: 4 });
  });

  it("refuses damaged class models and those from another version or base model", () => {
    const good = {
      type: "robotyc-class-model",
      formatVersion: 1,
      featureSize: base.featureSize,
      labels: ["glass", "metal"],
      kernel: new Array(base.featureSize * 2).fill(0),
      bias: [0, 0],
      examples: {},
      heldOutAccuracy: null,
    };
    expect(checkClassModel(good, base.featureSize).labels).toEqual(["glass", "metal"]);
    const cases: [unknown, RegExp][] = [
      [null, /illisible/],
      [{ ...good, formatVersion: 7 }, /autre version/],
      [{ ...good, featureSize: 3 }, /autre modèle de base/],
      [{ ...good, kernel: [1, 2] }, /illisible/],
      [{ ...good, labels: ["glass", "cat"] }, /illisible/],
      [{ ...good, bias: [0, Number.NaN] }, /illisible/],
    ];
    for (const [data, pattern] of cases) {
      try {
        useClassModel(base, data);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ClassifierError);
        expect((error as ClassifierError).localized("fr")).toMatch(pattern);
      }
    }
    expect(base.usesCustomHead).toBe(false);
  });
});
