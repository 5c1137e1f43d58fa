/**
 * Smoke test of the training pipeline on a few made-up images: PyTorch trains one epoch of a
 * tiny network, the exporter writes the TF.js layers files, TF.js loads them and reproduces
 * PyTorch's outputs, and the report writes its confusion-matrix SVG. (The full training is
 * `npm run train:classifier`; CI never runs it.)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLASSES, INPUT_SIZE, loadClassifier, seededRandom } from "../../classifier/node.ts";
import { ROOT, writeDataset, type DatasetEntry } from "./dataset.ts";
import { writeReport } from "./report.ts";

const PYTHON = "/usr/bin/python3";
const hasTorch = spawnSync(PYTHON, ["-c", "import torch"], { encoding: "utf8" }).status === 0;
const dir = mkdtempSync(join(tmpdir(), "classifier-train-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tinyDataset(): void {
  const random = seededRandom(5);
  const entries: DatasetEntry[] = [];
  const pixels: Uint8Array[] = [];
  for (let n = 0; n < 48; n++) {
    const label = n % CLASSES.length;
    const image = new Uint8Array(INPUT_SIZE * INPUT_SIZE * 3);
    for (let p = 0; p < INPUT_SIZE * INPUT_SIZE; p++) {
      image[p * 3] = (label * 40 + random() * 60) | 0;
      image[p * 3 + 1] = (255 - label * 40 - random() * 60) | 0;
      image[p * 3 + 2] = (random() * 255) | 0;
    }
    pixels.push(image);
    entries.push({ id: `tiny-${n}`, label, split: n < 36 ? "train" : n < 42 ? "val" : "test" });
  }
  writeDataset(
    "tiny",
    {
      size: INPUT_SIZE,
      count: entries.length,
      entries,
      splitRule: "n < 36 train, < 42 val, rest test",
    },
    pixels,
    dir,
  );
}

// python3-torch is a Debian package listed in .ci/apt-packages.txt; on a machine without it
// this test cannot run at all, so it is skipped there rather than failing for the wrong reason.
describe.skipIf(!hasTorch)("training pipeline (smoke)", () => {
  it("trains, exports to TF.js layers format, and TF.js matches PyTorch", async () => {
    tinyDataset();
    const out = join(dir, "model");
    const run = spawnSync(
      PYTHON,
      [
        join(ROOT, "tools/classifier/train.py"),
        "--data",
        dir,
        "--datasets",
        "tiny",
        "--out",
        out,
        "--epochs",
        "1",
        // Every kind of block the exporter knows: stride-2 and plain convolutions, pooling,
        // depthwise-separable blocks with and without stride.
        "--arch",
        "c4s2,p,c6,d8s2,d8",
        "--batch",
        "16",
        "--threads",
        "1",
      ],
      { encoding: "utf8", timeout: 240_000 },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, "model.json"), "utf8")) as {
      robotyc: { featureSize: number };
    };
    expect(doc.robotyc.featureSize).toBe(8);

    const classifier = await loadClassifier(out);
    const parity = JSON.parse(readFileSync(join(out, "parity.json"), "utf8")) as {
      images: string[];
      probabilities: number[][];
    };
    parity.images.forEach((b64, i) => {
      const result = classifier.classify({
        width: INPUT_SIZE,
        height: INPUT_SIZE,
        data: new Uint8Array(Buffer.from(b64, "base64")),
        channels: 3,
      });
      CLASSES.forEach((c, j) =>
        expect(result.scores[c]).toBeCloseTo(parity.probabilities[i]![j]!, 4),
      );
    });
    classifier.dispose();

    const report = JSON.parse(readFileSync(join(out, "train-report.json"), "utf8")) as {
      results: { tiny: { test: { count: number } } };
    };
    expect(report.results.tiny.test.count).toBe(6);
    const written = writeReport(join(out, "train-report.json"), join(dir, "report"));
    const svg = readFileSync(
      written.find((f) => f.endsWith("confusion-tiny.svg"))!,
      "utf8",
    );
    expect(svg).toMatch(/^<svg/);
    expect(svg.match(/<rect x=/g)).toHaveLength(36);
    expect(existsSync(join(dir, "report", "REPORT.md"))).toBe(true);
  });
});
