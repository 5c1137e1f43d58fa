/**
 * JPEG and PNG files to pixels (Node and bundlers; the decoders load on first use).
 * A file that is neither, or is damaged, gives a `ClassifierError` with a localized message.
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

/** Decodes a JPEG or PNG file's bytes to RGBA pixels. `file` names it in error messages. */
export async function decodeImage(bytes: Uint8Array, file = "image"): Promise<PixelImage> {
  const kind = sniffFormat(bytes);
  if (!kind) throw new ClassifierError(messages.unknownFormat, { file });
  try {
    if (kind === "jpeg") {
      const jpeg = await import("jpeg-js");
      const decoded = (jpeg.default ?? jpeg).decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        maxMemoryUsageInMB: 256,
      });
      return { width: decoded.width, height: decoded.height, data: decoded.data, channels: 4 };
    }
    const { PNG } = await import("pngjs");
    const decoded = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return {
      width: decoded.width,
      height: decoded.height,
      data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength),
      channels: 4,
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ClassifierError(messages.corrupt, { file, detail: detail.slice(0, 120) });
  }
}
