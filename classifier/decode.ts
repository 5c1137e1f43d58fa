/**
 * JPEG and PNG files to pixels. JPEG: jpeg-js (plain JavaScript, everywhere). PNG: the browser's
 * own decoder (`createImageBitmap`, in pages and workers); Node passes pngjs through
 * `classifier/node.ts`. A file that is neither, or is damaged, gives a `ClassifierError` with a
 * localized message.
 */
import type { PixelImage } from "./image.ts";
import { ClassifierError } from "./labels.ts";

const messages = {
  unknownFormat: {
    fr: "« {file} » n'est pas une image JPEG ou PNG.",
    en: '"{file}" is not a JPEG or PNG image.',
  },
  corrupt: {
    fr: "L'image « {file} » est abîmée et ne peut pas être lue ({detail}).",
    en: 'The image "{file}" is damaged and cannot be read ({detail}).',
  },
};

export type ImageFormat = "jpeg" | "png";

export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return "jpeg";
  if (
    bytes.length >= 8 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47
  ) {
    return "png";
  }
  return undefined;
}

/** Turns a PNG file's bytes into RGBA pixels; throws on a damaged file. */
export type PngDecoder = (bytes: Uint8Array) => Promise<PixelImage>;

interface BrowserImageApi {
  createImageBitmap?: (b: Blob) => Promise<{ width: number; height: number; close?(): void }>;
  OffscreenCanvas?: new (
    w: number,
    h: number,
  ) => {
    getContext(kind: "2d"): {
      drawImage(i: unknown, x: number, y: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    } | null;
  };
}

/** The browser's PNG decoder (pages and workers), or undefined where there is none (Node). */
export const browserPngDecoder: PngDecoder | undefined = (() => {
  const g = globalThis as unknown as BrowserImageApi;
  const { createImageBitmap, OffscreenCanvas } = g;
  if (!createImageBitmap || !OffscreenCanvas) return undefined;
  return async (bytes: Uint8Array) => {
    const bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: "image/png" }));
    const { width, height } = bitmap;
    const context = new OffscreenCanvas(width, height).getContext("2d");
    if (!context) throw new Error("no 2D canvas");
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, width, height);
    bitmap.close?.();
    return { width, height, data: new Uint8Array(data.buffer), channels: 4 };
  };
})();

const noPngDecoder = {
  fr: "Aucun décodeur PNG ici pour lire « {file} ».",
  en: 'No PNG decoder here to read "{file}".',
};

/**
 * Decodes a JPEG or PNG file's bytes to RGBA pixels. `file` names it in error messages; `png` is
 * the PNG decoder (the browser's by default).
 */
export async function decodeImage(
  bytes: Uint8Array,
  file = "image",
  png: PngDecoder | undefined = browserPngDecoder,
): Promise<PixelImage> {
  const kind = sniffFormat(bytes);
  if (!kind) throw new ClassifierError(messages.unknownFormat, { file });
  if (kind === "png" && !png) throw new ClassifierError(noPngDecoder, { file });
  try {
    if (kind === "png") return await png!(bytes);
    const jpeg = await import("jpeg-js");
    const decoded = (jpeg.default ?? jpeg).decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxMemoryUsageInMB: 256,
    });
    return { width: decoded.width, height: decoded.height, data: decoded.data, channels: 4 };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ClassifierError(messages.corrupt, { file, detail: detail.slice(0, 120) });
  }
}
