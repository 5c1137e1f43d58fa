/**
 * Writes the image bank (classifier/bank/): for every catalogue item, a few renders from the
 * held-out bank variants (30000+), resampled to the model's input size, in one PNG atlas.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { CATALOGUE } from "../../simulator/index.ts";
import {
  BANK_FORMAT_VERSION,
  INPUT_SIZE,
  toInputBytes,
  type ImageBankIndex,
} from "../../classifier/index.ts";
import { formattedJson, ROOT } from "./dataset.ts";
import { openRenderer, VARIANT_BASE } from "./render.ts";

export const BANK_PER_ITEM = 4;
const COLUMNS = 8;

export async function writeBank(
  dir = join(ROOT, "classifier/bank"),
  perItem = BANK_PER_ITEM,
): Promise<number> {
  const renderer = await openRenderer();
  const tiles: Uint8Array[] = [];
  const index: ImageBankIndex = {
    formatVersion: BANK_FORMAT_VERSION,
    tile: INPUT_SIZE,
    columns: COLUMNS,
    items: {},
    kinds: {},
  };
  try {
    for (const item of CATALOGUE) {
      const jobs = Array.from({ length: perItem }, (_, i) => ({
        item,
        variant: VARIANT_BASE.bank + i,
      }));
      const images = await renderer.render(jobs);
      index.items[item.id] = images.map((image) => {
        tiles.push(toInputBytes(image));
        return tiles.length - 1;
      });
      index.kinds[item.id] = item.kind;
    }
  } finally {
    await renderer.close();
  }
  const rows = Math.ceil(tiles.length / COLUMNS);
  const png = new PNG({ width: COLUMNS * INPUT_SIZE, height: rows * INPUT_SIZE });
  png.data.fill(255);
  tiles.forEach((tile, n) => {
    const ox = (n % COLUMNS) * INPUT_SIZE;
    const oy = Math.floor(n / COLUMNS) * INPUT_SIZE;
    for (let y = 0; y < INPUT_SIZE; y++) {
      for (let x = 0; x < INPUT_SIZE; x++) {
        const p = ((oy + y) * png.width + ox + x) * 4;
        const q = (y * INPUT_SIZE + x) * 3;
        png.data[p] = tile[q]!;
        png.data[p + 1] = tile[q + 1]!;
        png.data[p + 2] = tile[q + 2]!;
      }
    }
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "bank.png"), PNG.sync.write(png, { deflateLevel: 9, colorType: 2 }));
  writeFileSync(join(dir, "bank.json"), await formattedJson(index));
  return tiles.length;
}
