/**
 * Reads the TrashNet photos, maps their classes to ours, resamples them to the model's input size (96x96) and writes
 * `.cache/classifier/real.{u8,json}` with a fixed, seeded split:
 * per TrashNet class, file names sorted, shuffled with seed 2026, first 20% test, next 10% val,
 * the rest train. The test list is also written to `tools/classifier/real-test-split.json`.
 *
 * Usage: node --import tsx tools/classifier/prepare-real.ts [photo dir] [--limit N]
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CLASSES,
  decodeImage,
  INPUT_SIZE,
  seededRandom,
  shuffled,
  toInputBytes,
  type WasteClass,
} from "../../classifier/node.ts";
import { formattedJson, ROOT, writeDataset, type DatasetEntry, type Split } from "./dataset.ts";

/** The TrashNet photos: beside the repository in `shared/datasets/`, or ROBOTYC_TRASHNET. */
export const PHOTO_DIR =
  process.env.ROBOTYC_TRASHNET ?? join(ROOT, "..", "shared", "datasets", "trashnet-128");
export const SPLIT_SEED = 2026;

/** TrashNet's folders → our classes (cardboard is paper; "trash" is ordures ménagères). */
export const TRASHNET_CLASSES: Record<string, WasteClass> = {
  cardboard: "paper",
  paper: "paper",
  glass: "glass",
  metal: "metal",
  plastic: "plastic",
  trash: "residual",
};

export const SPLIT_RULE =
  "per TrashNet folder: names sorted, shuffled by mulberry32(2026), first 20% test, next 10% val, rest train";

export function splitFiles(files: string[], seed = SPLIT_SEED): Map<string, Split> {
  const order = shuffled([...files].sort(), seededRandom(seed));
  const nTest = Math.round(order.length * 0.2);
  const nVal = Math.round(order.length * 0.1);
  const result = new Map<string, Split>();
  order.forEach((f, i) => result.set(f, i < nTest ? "test" : i < nTest + nVal ? "val" : "train"));
  return result;
}

export async function prepareReal(
  dir = PHOTO_DIR,
  limit = Infinity,
  name = "real",
): Promise<number> {
  const entries: DatasetEntry[] = [];
  const pixels: Uint8Array[] = [];
  const testList: string[] = [];
  for (const folder of Object.keys(TRASHNET_CLASSES).sort()) {
    let files: string[];
    try {
      files = readdirSync(join(dir, folder)).filter((f) => /\.(jpe?g|png)$/i.test(f));
    } catch {
      continue;
    }
    const split = splitFiles(files);
    const chosen = [...files].sort().slice(0, limit);
    for (const file of chosen) {
      const id = `${folder}/${file}`;
      const image = await decodeImage(new Uint8Array(readFileSync(join(dir, id))), id);
      const s = split.get(file)!;
      entries.push({ id, label: CLASSES.indexOf(TRASHNET_CLASSES[folder]!), split: s });
      pixels.push(toInputBytes(image));
      if (s === "test") testList.push(id);
    }
  }
  if (entries.length === 0) {
    // Writing an empty dataset (and an empty test list over the committed one) helps nobody.
    throw new Error(`no TrashNet photos found in ${dir} (set ROBOTYC_TRASHNET to their folder)`);
  }
  writeDataset(
    name,
    { size: INPUT_SIZE, count: entries.length, entries, splitRule: SPLIT_RULE },
    pixels,
  );
  if (limit === Infinity) {
    writeFileSync(
      join(ROOT, "tools/classifier/real-test-split.json"),
      await formattedJson({ rule: SPLIT_RULE, test: testList.sort() }),
    );
  }
  return entries.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const limitAt = args.indexOf("--limit");
  const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity;
  const dir = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--limit") ?? PHOTO_DIR;
  const count = await prepareReal(dir, limit);
  console.log(`real photos: ${count} images prepared`);
}
