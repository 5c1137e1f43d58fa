/**
 * The image bank: a few held-out renders of every catalogue item, so the headless simulator's
 * camera hands the real model a real render. One PNG atlas of INPUT_SIZE square tiles plus an index
 * (written by tools/classifier/render.ts bank). The pick is deterministic: same item and seed,
 * same image.
 */
import { decodeImage } from "./decode.ts";
import { INPUT_SIZE, type PixelImage } from "./image.ts";
import { ClassifierError } from "./labels.ts";
import { hashString } from "./random.ts";

export const BANK_FORMAT_VERSION = 1;

export interface ImageBankIndex {
  formatVersion: number;
  tile: number;
  columns: number;
  /** catalogue id → tile numbers in the atlas (row-major). */
  items: Record<string, number[]>;
  /** catalogue id → its waste kind (or "ball", "obstacle"), as rendered. */
  kinds: Record<string, string>;
}

export interface ImageBank {
  readonly index: ImageBankIndex;
  /** The catalogue ids that have images. */
  ids(): string[];
  /** All images of an item (empty for an unknown id). */
  imagesOf(catalogueId: string): PixelImage[];
  /** One image of the item, chosen by `seed`; undefined for an unknown id. */
  pickImage(catalogueId: string, seed: number): PixelImage | undefined;
}

const bankMessages = {
  bad: {
    fr: "La banque d'images est abîmée ou d'une autre version : {detail}.",
    en: "The image bank is damaged or from another version: {detail}.",
  },
};

export function createImageBank(atlas: PixelImage, index: ImageBankIndex): ImageBank {
  const bad = (detail: string) => new ClassifierError(bankMessages.bad, { detail });
  if (index?.formatVersion !== BANK_FORMAT_VERSION)
    throw bad(`format ${String(index?.formatVersion)}`);
  const { tile, columns } = index;
  const channels = atlas.channels ?? 4;
  const tiles = Math.max(0, ...Object.values(index.items).flat()) + 1;
  if (
    tile !== INPUT_SIZE ||
    atlas.width < columns * tile ||
    atlas.height < Math.ceil(tiles / columns) * tile
  ) {
    throw bad("atlas size");
  }
  const cache = new Map<number, PixelImage>();
  const tileImage = (n: number): PixelImage => {
    let image = cache.get(n);
    if (!image) {
      const data = new Uint8Array(tile * tile * 3);
      const ox = (n % columns) * tile;
      const oy = Math.floor(n / columns) * tile;
      for (let y = 0; y < tile; y++) {
        for (let x = 0; x < tile; x++) {
          const p = ((oy + y) * atlas.width + ox + x) * channels;
          data.set(atlas.data.subarray(p, p + 3), (y * tile + x) * 3);
        }
      }
      image = { width: tile, height: tile, data, channels: 3 };
      cache.set(n, image);
    }
    return image;
  };
  return {
    index,
    ids: () => Object.keys(index.items).sort(),
    imagesOf: (id) => (index.items[id] ?? []).map(tileImage),
    pickImage(id, seed) {
      const list = index.items[id];
      if (!list || list.length === 0) return undefined;
      return tileImage(list[hashString(`${id}:${seed >>> 0}`) % list.length]!);
    },
  };
}

/** The bank's two files: the index (bank.json, text or parsed) and the atlas (bank.png). */
export interface ImageBankFiles {
  json: string | ImageBankIndex;
  png: Uint8Array;
}

/** Makes the bank from its files; `decodePng` turns the atlas into pixels (platform-specific). */
export async function imageBankFromFiles(
  files: ImageBankFiles,
  decodePng: (png: Uint8Array) => Promise<PixelImage> = (png) => decodeImage(png, "bank.png"),
): Promise<ImageBank> {
  let index: ImageBankIndex;
  try {
    index = (
      typeof files.json === "string" ? JSON.parse(files.json) : files.json
    ) as ImageBankIndex;
  } catch {
    throw new ClassifierError(bankMessages.bad, { detail: "bank.json" });
  }
  return createImageBank(await decodePng(files.png), index);
}

/**
 * Loads a bank from a URL (its directory, fetched) or from its files in memory. In Node,
 * `loadImageBankDir` of `classifier/node.ts` reads the shipped bank or a directory.
 */
export async function loadImageBank(source: string | URL | ImageBankFiles): Promise<ImageBank> {
  if (typeof source !== "string" && !(source instanceof URL)) return imageBankFromFiles(source);
  const text = String(source).endsWith("/") ? String(source) : String(source) + "/";
  const [json, png] = await Promise.all([
    fetch(text + "bank.json").then((r) => r.text()),
    fetch(text + "bank.png").then(async (r) => new Uint8Array(await r.arrayBuffer())),
  ]);
  return imageBankFromFiles({ json, png });
}

/** What the headless simulator's camera needs: an RGB picture of the held item, or of nothing. */
export interface CameraPicture {
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel. */
  data: Uint8Array;
}

/**
 * A camera source for the headless simulator: the bank's render of the item at the gripper,
 * picked with a number drawn from the run's seeded generator (so a run is reproducible), or an
 * even grey frame when nothing is there (which `classify` answers "none").
 */
export function bankCamera(bank: ImageBank): {
  imageOf(item: { id: string } | null, random: { next(): number }): CameraPicture;
} {
  const empty: CameraPicture = {
    width: INPUT_SIZE,
    height: INPUT_SIZE,
    data: new Uint8Array(INPUT_SIZE * INPUT_SIZE * 3).fill(92),
  };
  return {
    imageOf(item, random) {
      const seed = Math.floor(random.next() * 0x100000000);
      const image = item ? bank.pickImage(item.id, seed) : undefined;
      return image
        ? { width: image.width, height: image.height, data: image.data as Uint8Array }
        : empty;
    },
  };
}
