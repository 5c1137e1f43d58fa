/**
 * `npm run train:classifier`: the whole reproducible pipeline, fixed seeds throughout.
 *   1. real photos → .cache/classifier/real.*   (prepare-real.ts; split seed 2026)
 *   2. catalogue renders → .cache/classifier/synth.*   (render.ts; seeds from item id + variant)
 *   3. PyTorch training + TF.js export → classifier/model/   (train.py; seed 2026)
 *   4. image bank → classifier/bank/, report → tools/classifier/report/
 * Options: --epochs N, --repeat real=N (times the real photos are seen per epoch), --per-item N
 * (renders per item for training), --skip-render, --skip-bank. Every candidate tried:
 * tools/classifier/report/CANDIDATES.md.
 * Defaults (those of the shipped model, the best on val): EPOCHS epochs, the real photos REPEAT,
 * RENDER_COUNTS renders per item, one PyTorch thread (OMP_NUM_THREADS=1). Here, on 2 shared
 * cores: ~8 min of rendering and ~26 min of training. Renders repeat within 1/255 per channel
 * between runs.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeBank } from "./bank.ts";
import { CACHE, ROOT } from "./dataset.ts";
import { prepareReal } from "./prepare-real.ts";
import { RENDER_COUNTS, renderDataset } from "./render.ts";
import { writeReport } from "./report.ts";

/** The shipped model's recipe (train.py's defaults do the rest: architecture, EMA, smoothing). */
export const EPOCHS = 80;
/** The real photos are seen 3 times per epoch: they are the harder target and the smaller set. */
export const REPEAT = "real=3";

/** Debian's interpreter, which has python3-torch (another python3 may come first on PATH). */
export const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const epochs = option("--epochs", EPOCHS);
const perItem = option("--per-item", RENDER_COUNTS.train);
const repeatAt = args.indexOf("--repeat");
const repeat = repeatAt >= 0 ? args[repeatAt + 1]! : REPEAT;

console.log(`real photos: ${await prepareReal()} images`);
if (!args.includes("--skip-render") || !existsSync(join(CACHE, "synth.json"))) {
  const n = await renderDataset({ ...RENDER_COUNTS, train: perItem });
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
    "--repeat",
    repeat,
    "--threads",
    "1",
  ],
  { stdio: "inherit", env: { ...process.env, OMP_NUM_THREADS: "1" } },
);
if (result.status !== 0) {
  console.error(
    `training failed (${result.error?.message ?? `exit ${result.status}`}); is python3-torch installed?`,
  );
  process.exit(1);
}
if (!args.includes("--skip-bank")) console.log(`image bank: ${await writeBank()} images`);
for (const file of writeReport()) console.log(`written: ${file}`);
