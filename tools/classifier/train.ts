/**
 * `npm run train:classifier`: the whole reproducible pipeline, fixed seeds throughout.
 *   1. real photos → .cache/classifier/real.*   (prepare-real.ts; split seed 2026)
 *   2. catalogue renders → .cache/classifier/synth.*   (render.ts; seeds from item id + variant)
 *   3. PyTorch training + TF.js export → classifier/model/   (train.py; seed 2026)
 *   4. image bank → classifier/bank/, report → tools/classifier/report/
 * Options: --epochs N, --per-item N (renders per item for training), --skip-render, --skip-bank.
 * Defaults (those of the shipped model): 96 epochs, 120 training renders per item, one PyTorch
 * thread. Here, on 2 shared cores: ~8 min of rendering and ~28 min of training. Renders repeat
 * within 1/255 per channel between runs; a bit-for-bit repeat of the training was not checked.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeBank } from "./bank.ts";
import { CACHE, ROOT } from "./dataset.ts";
import { prepareReal } from "./prepare-real.ts";
import { renderDataset } from "./render.ts";
import { writeReport } from "./report.ts";

/** Debian's interpreter, which has python3-torch (another python3 may come first on PATH). */
export const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const epochs = option("--epochs", 96);
const perItem = option("--per-item", 120);

console.log(`real photos: ${await prepareReal()} images`);
if (!args.includes("--skip-render") || !existsSync(join(CACHE, "synth.json"))) {
  const n = await renderDataset({
    train: perItem,
    val: Math.round(perItem / 10),
    test: Math.round(perItem / 5),
  });
  console.log(`synthetic renders: ${n} images`);
}
const result = spawnSync(
  PYTHON,
  [
    join(ROOT, "tools/classifier/train.py"),
    "--data",
    CACHE,
    "--datasets",
    "real,synth",
    "--out",
    join(ROOT, "classifier/model"),
    "--epochs",
    String(epochs),
    "--threads",
    "1",
  ],
  { stdio: "inherit" },
);
if (result.status !== 0) {
  console.error(
    `training failed (${result.error?.message ?? `exit ${result.status}`}); is python3-torch installed?`,
  );
  process.exit(1);
}
if (!args.includes("--skip-bank")) console.log(`image bank: ${await writeBank()} images`);
for (const file of writeReport()) console.log(`written: ${file}`);
