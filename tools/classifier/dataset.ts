/**
 * Datasets for training, as one flat file of RGB bytes (INPUT_SIZE square images) plus a JSON index, under
 * `.cache/classifier/` (ignored by git). The Python trainer reads exactly these files, so the
 * resampling is the classifier's own (`classifier/image.ts`).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const CACHE = join(ROOT, ".cache/classifier");

export type Split = "train" | "val" | "test";

export interface DatasetEntry {
  /** Where the image comes from: a photo's relative path or a render's id. */
  id: string;
  /** Class index in `CLASSES`. */
  label: number;
  split: Split;
  /** For renders: the catalogue item id and the variant number. */
  item?: string;
}

export interface DatasetIndex {
  size: number;
  count: number;
  entries: DatasetEntry[];
  /** How the split was made, in words (for the report). */
  splitRule: string;
}

export function writeDataset(
  name: string,
  index: DatasetIndex,
  pixels: Uint8Array[],
  dir = CACHE,
): string {
  mkdirSync(dir, { recursive: true });
  const total = new Uint8Array(pixels.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pixels) {
    total.set(p, at);
    at += p.length;
  }
  writeFileSync(join(dir, `${name}.u8`), total);
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(index));
  return join(dir, `${name}.u8`);
}

export function readDataset(
  name: string,
  dir = CACHE,
): { index: DatasetIndex; pixels: Uint8Array } {
  const index = JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as DatasetIndex;
  const pixels = new Uint8Array(readFileSync(join(dir, `${name}.u8`)));
  return { index, pixels };
}

/** JSON as the repository's formatter writes it, for files that are committed. */
export async function formattedJson(value: unknown): Promise<string> {
  const prettier = await import("prettier");
  return prettier.format(JSON.stringify(value), { parser: "json", printWidth: 100 });
}
