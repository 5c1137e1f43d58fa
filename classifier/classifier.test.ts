import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLASSES,
  ClassifierError,
  INPUT_SIZE,
  WasteClassifier,
  loadClassifier,
  readModelDir,
  type PixelImage,
} from "./node.ts";

const parity = JSON.parse(
  readFileSync(new URL("./model/parity.json", import.meta.url), "utf8"),
) as { images: string[]; probabilities: number[][]; features: number[][] };

const S = INPUT_SIZE;
const parityImage = (i: number): PixelImage => ({
  width: S,
  height: S,
  data: new Uint8Array(Buffer.from(parity.images[i]!, "base64")),
  channels: 3,
});

let classifier: WasteClassifier;
beforeAll(async () => {
  classifier = await loadClassifier();
});
afterAll(() => classifier?.dispose());

describe("WasteClassifier (shipped model)", () => {
  it("runs on the wasm backend in Node when tfjs-node is absent", () => {
    expect(["wasm", "tensorflow"]).toContain(classifier.backend);
  });

  it("gives the same probabilities and features as PyTorch did at export", () => {
    for (let i = 0; i < parity.images.length; i++) {
      const result = classifier.classify(parityImage(i));
      CLASSES.forEach((c, j) =>
        expect(result.scores[c]).toBeCloseTo(parity.probabilities[i]![j]!, 4),
      );
      const features = classifier.features([parityImage(i)])[0]!;
      features.forEach((v, j) => expect(v).toBeCloseTo(parity.features[i]![j]!, 3));
    }
  });

  it("answers none for blank frames (grey, black, white) with zero confidence", () => {
    for (const value of [0, 128, 255]) {
      const image = { width: 40, height: 30, data: new Uint8Array(40 * 30 * 4).fill(value) };
      const result = classifier.classify(image);
      expect(result).toEqual({ kind: "none", confidence: 0, scores: expect.any(Object) });
    }
  });

  it("resizes any image size and accepts RGB or RGBA identically", () => {
    const rgb = parityImage(0);
    const rgba = new Uint8Array(S * S * 4);
    for (let p = 0; p < S * S; p++) {
      rgba.set(rgb.data.subarray(p * 3, p * 3 + 3), p * 4);
      rgba[p * 4 + 3] = 255;
    }
    const a = classifier.classify(rgb);
    const b = classifier.classify({ width: S, height: S, data: rgba });
    expect(b.scores).toEqual(a.scores);
    // Twice the size, each pixel doubled: area averaging gives back exactly the input.
    const big = new Uint8Array(4 * S * S * 3);
    for (let y = 0; y < 2 * S; y++)
      for (let x = 0; x < 2 * S; x++)
        big.set(
          rgb.data.subarray(((y >> 1) * S + (x >> 1)) * 3, ((y >> 1) * S + (x >> 1)) * 3 + 3),
          (y * 2 * S + x) * 3,
        );
    const c = classifier.classify({ width: 2 * S, height: 2 * S, data: big, channels: 3 });
    CLASSES.forEach((k) => expect(c.scores[k]).toBeCloseTo(a.scores[k], 4));
    const tiny = classifier.classify({
      width: 3,
      height: 2,
      data: new Uint8Array([0, 0, 0, 255, 255, 255, 9, 200, 30, 0, 0, 0, 255, 0, 0, 0, 0, 255]),
      channels: 3,
    });
    expect(tiny.confidence).toBeGreaterThanOrEqual(0);
  });

  it("batch and single classification agree; the winner is the highest score", () => {
    const images = [0, 1, 2].map(parityImage);
    const batch = classifier.classifyBatch(images);
    images.forEach((image, i) => {
      const single = classifier.classify(image);
      CLASSES.forEach((k) => expect(batch[i]!.scores[k]).toBeCloseTo(single.scores[k], 5));
      const best = Math.max(...Object.values(single.scores));
      expect(single.confidence).toBeCloseTo(best, 6);
      if (single.kind !== "none") expect(single.scores[single.kind]).toBe(best);
      else expect(best).toBeLessThan(classifier.minConfidence);
    });
  });

  it("rejects malformed images with a localized error", () => {
    const bad: PixelImage[] = [
      { width: 0, height: 10, data: new Uint8Array(0) },
      { width: 10, height: 10, data: new Uint8Array(10) },
      { width: 2.5, height: 10, data: new Uint8Array(400) },
      { width: 2, height: 2, data: new Uint8Array(16), channels: 2 as 3 },
    ];
    for (const image of bad) {
      let error: unknown;
      try {
        classifier.classify(image);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ClassifierError);
      expect((error as ClassifierError).localized("fr")).toMatch(/image/i);
      expect((error as ClassifierError).localized("en")).toMatch(/image/i);
    }
  });
});

describe("model files that do not fit", () => {
  async function loadError(
    mutate: (json: Record<string, unknown>, weights: Uint8Array) => [unknown, Uint8Array],
  ) {
    const files = await readModelDir();
    const json = JSON.parse(String(files.json)) as Record<string, unknown>;
    const weights = new Uint8Array((files.weights as Uint8Array[])[0]!);
    const [j, w] = mutate(json, weights);
    try {
      const c = await WasteClassifier.load({ json: j, weights: w });
      c.dispose();
    } catch (error) {
      return error;
    }
    return undefined;
  }

  it("names a model from another format version", async () => {
    const error = await loadError((json, w) => {
      (json.robotyc as Record<string, unknown>).formatVersion = 99;
      return [json, w];
    });
    expect(error).toBeInstanceOf(ClassifierError);
    expect((error as ClassifierError).localized("fr")).toContain("autre version");
  });

  it("names weights that do not match the layers (truncated file)", async () => {
    const error = await loadError((json, w) => [json, w.subarray(0, w.length - 40)]);
    expect((error as ClassifierError).localized("en")).toContain("do not match");
  });

  it("names wrong shapes (a layer with other filter counts, same byte count)", async () => {
    const error = await loadError((json, w) => {
      const manifest = json.weightsManifest as { weights: { shape: number[] }[] }[];
      const first = manifest[0]!.weights[0]!;
      first.shape = [3, 3, 1, first.shape[3]! * 3];
      return [json, w];
    });
    expect(error).toBeInstanceOf(ClassifierError);
    expect((error as ClassifierError).localized("en")).toMatch(/malformed/);
  });

  it("names a file that is not a model, or not JSON, or missing", async () => {
    expect(await loadError((_, w) => [{ hello: 1 }, w])).toBeInstanceOf(ClassifierError);
    expect(await loadError((_, w) => ["{not json", w])).toBeInstanceOf(ClassifierError);
    const missing = await loadClassifier("/nonexistent/model-dir").catch((e: unknown) => e);
    expect((missing as ClassifierError).localized("fr")).toContain("introuvable");
  });

  it("names a model for other classes", async () => {
    const error = await loadError((json, w) => {
      (json.robotyc as Record<string, unknown>).classes = ["cat", "dog"];
      return [json, w];
    });
    expect((error as ClassifierError).localized("en")).toContain("other classes");
  });
});
