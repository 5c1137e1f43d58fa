/**
 * Classifier benchmarks: top-1 accuracy of the shipped model (run by TF.js, as in the app) on
 * the held-out real photos and on held-out renders of unseen variants, latency per image at
 * batch 1 on wasm, model size, and in-app head training time (6 classes x 20 examples).
 * Needs the photos (shared/datasets/trashnet-128 beside the repository) and the renders in .cache/classifier
 * (`node --import tsx tools/classifier/render-cli.ts dataset`); rows say when they are missing.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CLASSES,
  ClassTrainer,
  INPUT_SIZE,
  decodeImage,
  loadClassifier,
  type PixelImage,
  type WasteClassifier,
} from "../classifier/node.ts";
import { PHOTO_DIR, TRASHNET_CLASSES } from "../tools/classifier/prepare-real.ts";
import { median, timeRuns, type BenchRow } from "./harness.ts";

const SUITE = "classifier";
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CACHE = join(ROOT, ".cache/classifier");

function top1(classifier: WasteClassifier, images: PixelImage[], labels: number[]): number {
  let correct = 0;
  for (let i = 0; i < images.length; i += 64) {
    const results = classifier.classifyBatch(images.slice(i, i + 64));
    results.forEach((r, k) => {
      const best = CLASSES.reduce((x, y) => (r.scores[y] > r.scores[x] ? y : x));
      if (r.confidence > 0 && best === CLASSES[labels[i + k]!]) correct++;
    });
  }
  return correct / images.length;
}

function synthSplit(
  split: "train" | "val" | "test",
): { images: PixelImage[]; labels: number[] } | undefined {
  if (!existsSync(join(CACHE, "synth.json"))) return undefined;
  const index = JSON.parse(readFileSync(join(CACHE, "synth.json"), "utf8")) as {
    size: number;
    entries: { label: number; split: string }[];
  };
  const pixels = new Uint8Array(readFileSync(join(CACHE, "synth.u8")));
  const images: PixelImage[] = [];
  const labels: number[] = [];
  const size = index.size;
  const stride = size * size * 3;
  index.entries.forEach((e, i) => {
    if (e.split !== split) return;
    images.push({
      width: size,
      height: size,
      data: pixels.subarray(i * stride, (i + 1) * stride),
      channels: 3,
    });
    labels.push(e.label);
  });
  return { images, labels };
}

export default async function (): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const classifier = await loadClassifier();
  const note = `backend ${classifier.backend}`;

  // Real photos, held-out test split (tools/classifier/real-test-split.json).
  const split = JSON.parse(
    readFileSync(join(ROOT, "tools/classifier/real-test-split.json"), "utf8"),
  ) as { test: string[] };
  if (existsSync(PHOTO_DIR)) {
    const images: PixelImage[] = [];
    const labels: number[] = [];
    for (const file of split.test) {
      images.push(await decodeImage(new Uint8Array(readFileSync(join(PHOTO_DIR, file))), file));
      labels.push(CLASSES.indexOf(TRASHNET_CLASSES[file.split("/")[0]!]!));
    }
    const accuracy = top1(classifier, images, labels);
    rows.push({
      suite: SUITE,
      name: "top-1 accuracy, held-out real photos",
      median: accuracy * 100,
      unit: "%",
      target: "≥ 85 %",
      ok: accuracy >= 0.85,
      samples: images.length,
      note: "TrashNet test split, 5 of 6 classes (no organic photos)",
    });
  } else {
    rows.push({
      suite: SUITE,
      name: "top-1 accuracy, held-out real photos",
      median: NaN,
      unit: "%",
      target: "≥ 85 %",
      note: `photos not found at ${PHOTO_DIR}`,
    });
  }

  const synth = synthSplit("test");
  if (synth) {
    const accuracy = top1(classifier, synth.images, synth.labels);
    rows.push({
      suite: SUITE,
      name: "top-1 accuracy, renders of unseen variants",
      median: accuracy * 100,
      unit: "%",
      target: "≥ 97 %",
      ok: accuracy >= 0.97,
      samples: synth.images.length,
      note: "variants 20000+, never trained on",
    });
  } else {
    rows.push({
      suite: SUITE,
      name: "top-1 accuracy, renders of unseen variants",
      median: NaN,
      unit: "%",
      target: "≥ 97 %",
      note: "no renders in .cache/classifier (render-cli.ts dataset)",
    });
  }

  // Latency, batch 1 (the same camera-sized input each time, INPUT_SIZE square; resampling
  // included).
  const probe: PixelImage = {
    width: INPUT_SIZE,
    height: INPUT_SIZE,
    data: Uint8Array.from({ length: INPUT_SIZE * INPUT_SIZE * 3 }, (_, i) => (i * 7919) % 251),
    channels: 3,
  };
  const times = await timeRuns(() => classifier.classify(probe), 300, 20);
  rows.push({
    suite: SUITE,
    name: "latency per image, batch 1",
    median: median(times),
    unit: "ms",
    target: "≤ 2 ms",
    ok: median(times) <= 2,
    samples: times.length,
    note,
  });
  const batch = Array.from({ length: 32 }, () => probe);
  const batchTimes = await timeRuns(() => classifier.classifyBatch(batch), 30, 3);
  rows.push({
    suite: SUITE,
    name: "throughput, batch 32",
    median: (32 * 1000) / median(batchTimes),
    unit: "images/s",
    samples: batchTimes.length,
    note,
  });

  const size = ["model.json", "weights.bin"].reduce(
    (n, f) => n + statSync(join(ROOT, "classifier/model", f)).size,
    0,
  );
  rows.push({
    suite: SUITE,
    name: "model size (model.json + weights.bin)",
    median: size / 1024 / 1024,
    unit: "MB",
    target: "≤ 2 MB",
    ok: size <= 2 * 1024 * 1024,
  });

  // In-app learning: 6 classes x 20 examples (renders of the val split), 20 % held out.
  const examples = synthSplit("val");
  if (examples) {
    const trainSeconds: number[] = [];
    const totalSeconds: number[] = [];
    let accuracy = 0;
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      const trainer = new ClassTrainer(classifier);
      for (const [k, kind] of CLASSES.entries()) {
        const mine = examples.images.filter((_, i) => examples.labels[i] === k).slice(0, 20);
        trainer.addExamples(mine, kind);
      }
      const report = await trainer.train({ seed: run + 1 });
      trainSeconds.push(report.seconds);
      totalSeconds.push((performance.now() - start) / 1000);
      accuracy = report.heldOutAccuracy ?? NaN;
    }
    rows.push({
      suite: SUITE,
      name: "in-app head training, 6 x 20 examples (with features)",
      median: median(totalSeconds),
      unit: "s",
      target: "< 15 s",
      ok: median(totalSeconds) < 15,
      samples: 3,
      note: `training alone ${median(trainSeconds).toFixed(2)} s; held-out accuracy ${(accuracy * 100).toFixed(0)} % (24 renders)`,
    });
  }
  classifier.dispose();
  return rows;
}
