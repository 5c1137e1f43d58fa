/**
 * Images as the classifier sees them: any size of RGB or RGBA pixels in, a fixed-size
 * RGB float tensor layout out. The same code prepares training data (tools/classifier) and
 * live camera frames, so the model always sees pixels resampled the same way.
 */

/**
 * An image in memory: `channels` bytes per pixel, row by row. Without `channels`, an image with
 * exactly width x height x 3 bytes is RGB (like the simulator's camera pictures), else RGBA
 * (like ImageData).
 */
export interface PixelImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
  /** 4 (RGBA, default) or 3 (RGB). */
  channels?: 3 | 4;
}

/** The model's input side, in pixels. */
export const INPUT_SIZE = 96;

/** Why an image cannot be read as pixels; the caller turns it into a localized message. */
export class BadImageError extends Error {
  constructor(readonly reason: "size" | "data" | "channels") {
    super(`bad image (${reason})`);
    this.name = "BadImageError";
  }
}

export function checkImage(image: PixelImage): 3 | 4 {
  const { width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new BadImageError("size");
  }
  const channels = image.channels ?? (image.data?.length === width * height * 3 ? 3 : 4);
  if (channels !== 3 && channels !== 4) throw new BadImageError("channels");
  if (!image.data || image.data.length < width * height * channels) {
    throw new BadImageError("data");
  }
  return channels;
}

/**
 * For one axis: each output cell covers [i*scale, (i+1)*scale) of the source; returns, per
 * output cell, the source indices it overlaps and their weights (summing to 1). Works for
 * shrinking (area average) and enlarging (nearest-ish sampling of one or two pixels).
 */
function axisWeights(source: number, target: number): { index: number[]; weight: number[] }[] {
  const scale = source / target;
  const cells: { index: number[]; weight: number[] }[] = [];
  for (let i = 0; i < target; i++) {
    const start = i * scale;
    const end = start + scale;
    const index: number[] = [];
    const weight: number[] = [];
    for (let s = Math.floor(start); s < Math.min(source, Math.ceil(end)); s++) {
      const overlap = Math.min(end, s + 1) - Math.max(start, s);
      if (overlap > 1e-9) {
        index.push(s);
        weight.push(overlap / scale);
      }
    }
    cells.push({ index, weight });
  }
  return cells;
}

/**
 * Resamples an image to `size`x`size` RGB (the whole image, stretched), values in 0..1,
 * row-major HWC, rounded to whole bytes first so live frames match the training data exactly. Writes into `out` at `offset` when given (to fill a batch).
 */
export function toInput(
  image: PixelImage,
  size = INPUT_SIZE,
  out = new Float32Array(size * size * 3),
  offset = 0,
): Float32Array {
  const channels = checkImage(image);
  const { width, height, data } = image;
  if (width === size && height === size) {
    // Already the model's size (the simulator camera's pictures): the resampling below would
    // give each pixel back unchanged, so copy it directly (same values, a fraction of the time).
    for (let p = 0; p < size * size; p++) {
      const q = offset + p * 3;
      const s = p * channels;
      out[q] = data[s]! / 255;
      out[q + 1] = data[s + 1]! / 255;
      out[q + 2] = data[s + 2]! / 255;
    }
    return out;
  }
  const xs = axisWeights(width, size);
  const ys = axisWeights(height, size);
  // Horizontal pass into a height x size x 3 buffer, then vertical pass.
  const row = new Float32Array(height * size * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < size; x++) {
      const cell = xs[x]!;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < cell.index.length; k++) {
        const p = (y * width + cell.index[k]!) * channels;
        const w = cell.weight[k]!;
        r += data[p]! * w;
        g += data[p + 1]! * w;
        b += data[p + 2]! * w;
      }
      const q = (y * size + x) * 3;
      row[q] = r;
      row[q + 1] = g;
      row[q + 2] = b;
    }
  }
  for (let y = 0; y < size; y++) {
    const cell = ys[y]!;
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < cell.index.length; k++) {
        const p = (cell.index[k]! * size + x) * 3;
        const w = cell.weight[k]!;
        r += row[p]! * w;
        g += row[p + 1]! * w;
        b += row[p + 2]! * w;
      }
      const q = offset + (y * size + x) * 3;
      out[q] = Math.round(r) / 255;
      out[q + 1] = Math.round(g) / 255;
      out[q + 2] = Math.round(b) / 255;
    }
  }
  return out;
}

/** Same resampling, as bytes (0..255): compact storage for datasets and the image bank. */
export function toInputBytes(image: PixelImage, size = INPUT_SIZE): Uint8Array {
  const floats = toInput(image, size);
  const bytes = new Uint8Array(floats.length);
  for (let i = 0; i < floats.length; i++) bytes[i] = Math.round(floats[i]! * 255);
  return bytes;
}

/**
 * Standard deviation of the prepared input's values (0..1 scale). An empty frame (a flat
 * grey, black or white image) has almost none; a photographed object has plenty.
 */
export function inputSpread(
  input: Float32Array,
  offset = 0,
  length = input.length - offset,
): number {
  let sum = 0;
  let sumSq = 0;
  for (let i = offset; i < offset + length; i++) {
    const v = input[i]!;
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / length;
  return Math.sqrt(Math.max(0, sumSq / length - mean * mean));
}
