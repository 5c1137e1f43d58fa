import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ClassifierError,
  INPUT_SIZE,
  bankCamera,
  WasteClassifier,
  createImageBank,
  isWasteClass,
  loadClassifier,
  loadImageBankDir,
  type ImageBank,
} from "./node.ts";

let bank: ImageBank;
let classifier: WasteClassifier;
beforeAll(async () => {
  bank = await loadImageBankDir();
  classifier = await loadClassifier();
});
afterAll(() => classifier?.dispose());

describe("image bank", () => {
  it("holds several RGB renders of the model's input size per catalogue item", () => {
    expect(bank.ids().length).toBeGreaterThanOrEqual(12);
    for (const id of bank.ids()) {
      const images = bank.imagesOf(id);
      expect(images.length).toBeGreaterThanOrEqual(3);
      for (const image of images) {
        expect([image.width, image.height, image.channels, image.data.length]).toEqual([
          INPUT_SIZE,
          INPUT_SIZE,
          3,
          INPUT_SIZE * INPUT_SIZE * 3,
        ]);
      }
    }
    const kinds = new Set(Object.values(bank.index.kinds).filter(isWasteClass));
    expect(kinds.size).toBe(6);
  });

  it("picks deterministically by item and seed, and spreads over seeds", () => {
    const id = bank.ids()[0]!;
    expect(bank.pickImage(id, 42)).toBe(bank.pickImage(id, 42));
    const distinct = new Set(Array.from({ length: 40 }, (_, seed) => bank.pickImage(id, seed)));
    expect(distinct.size).toBe(bank.imagesOf(id).length);
    expect(bank.pickImage("no-such-item", 1)).toBeUndefined();
    expect(bank.imagesOf("no-such-item")).toEqual([]);
  });

  it("refuses an index from another version or an atlas too small", () => {
    const atlas = {
      width: INPUT_SIZE,
      height: INPUT_SIZE,
      data: new Uint8Array(INPUT_SIZE * INPUT_SIZE * 4),
    };
    const index = { ...bank.index };
    expect(() => createImageBank(atlas, { ...index, formatVersion: 9 })).toThrow(ClassifierError);
    expect(() => createImageBank(atlas, index)).toThrow(ClassifierError);
  });

  it("its renders are real input for the model (every answer is a class or none)", () => {
    for (const id of bank.ids()) {
      for (const result of classifier.classifyBatch(bank.imagesOf(id))) {
        expect(result.kind === "none" || isWasteClass(result.kind)).toBe(true);
        expect(result.confidence).toBeGreaterThan(0);
      }
    }
  });
});

describe("the shipped model on the bank (held-out renders, as in a headless challenge)", () => {
  it("names the waste kind of nearly every waste item's render", () => {
    let total = 0;
    let right = 0;
    for (const id of bank.ids()) {
      const kind = bank.index.kinds[id]!;
      if (!isWasteClass(kind)) continue;
      for (const result of classifier.classifyBatch(bank.imagesOf(id))) {
        total++;
        if (result.kind === kind) right++;
      }
    }
    expect(total).toBeGreaterThanOrEqual(48);
    // Measured 58 of 60 with the shipped model; the bar leaves room for a retrained one.
    expect(right / total).toBeGreaterThanOrEqual(0.85);
  });
});

describe("bank camera for the headless simulator", () => {
  it("shows the held item's render (reproducibly), and an empty frame that classifies as none", () => {
    const camera = bankCamera(bank);
    const sequence = (seed: number) => {
      let state = seed;
      return { next: () => (state = (state * 16807) % 2147483647) / 2147483647 };
    };
    const id = bank.ids()[0]!;
    const a = camera.imageOf({ id }, sequence(3));
    const b = camera.imageOf({ id }, sequence(3));
    expect(a.data).toBe(b.data);
    expect(bank.imagesOf(id).some((image) => image.data === a.data)).toBe(true);
    // The camera's pictures are RGB without a `channels` field: recognised by their length.
    expect(classifier.classify(a).scores).toEqual(
      classifier.classify({ ...a, channels: 3 }).scores,
    );
    const nothing = camera.imageOf(null, sequence(3));
    expect(classifier.classify(nothing).kind).toBe("none");
    const unknown = camera.imageOf({ id: "not-in-bank" }, sequence(3));
    expect(classifier.classify(unknown).kind).toBe("none");
  });
});
