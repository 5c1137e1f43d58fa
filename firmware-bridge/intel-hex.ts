/**
 * Intel HEX: the text format of AVR flash images (.hex). Parsing checks every record's checksum,
 * so a damaged file is refused with a clear message instead of flashing garbage.
 */
import { LocalizedError } from "../runtime/engine.ts";

export interface FlashImage {
  /** The bytes from `start` to the last byte the file defines; gaps are 0xFF (erased flash). */
  data: Uint8Array;
  /** Byte address of `data[0]`. */
  start: number;
}

const messages = {
  badLine: {
    fr: "Fichier .hex invalide, ligne {line} : {why}.",
    en: "Invalid .hex file, line {line}: {why}.",
  },
  empty: {
    fr: "Le fichier .hex ne contient aucune donnée.",
    en: "The .hex file contains no data.",
  },
};

/** Parses Intel HEX text (record types 00, 01, 02, 04; 03 and 05 are ignored). */
export function parseIntelHex(text: string): FlashImage {
  const chunks: { address: number; bytes: Uint8Array }[] = [];
  let base = 0;
  const lines = text.split(/\r?\n/);
  let ended = false;
  for (let index = 0; index < lines.length && !ended; index++) {
    const line = lines[index]!.trim();
    if (line === "") continue;
    const fail = (why: string): never => {
      throw new LocalizedError(messages.badLine, { line: index + 1, why });
    };
    if (!line.startsWith(":") || line.length < 11 || line.length % 2 === 0) fail("format");
    if (!/^:[0-9a-fA-F]+$/.test(line)) fail("hex");
    const bytes = Buffer.from(line.slice(1), "hex");
    const count = bytes[0]!;
    if (bytes.length !== count + 5) fail("length");
    let sum = 0;
    for (const b of bytes) sum = (sum + b) & 0xff;
    if (sum !== 0) fail("checksum");
    const offset = (bytes[1]! << 8) | bytes[2]!;
    const type = bytes[3]!;
    const payload = bytes.subarray(4, 4 + count);
    switch (type) {
      case 0x00:
        chunks.push({ address: base + offset, bytes: Uint8Array.from(payload) });
        break;
      case 0x01:
        ended = true;
        break;
      case 0x02:
        base = ((payload[0]! << 8) | payload[1]!) * 16;
        break;
      case 0x04:
        base = ((payload[0]! << 8) | payload[1]!) * 0x10000;
        break;
      case 0x03:
      case 0x05:
        break;
      default:
        fail(`type ${type}`);
    }
  }
  if (chunks.length === 0) throw new LocalizedError(messages.empty);
  const start = Math.min(...chunks.map((c) => c.address));
  const end = Math.max(...chunks.map((c) => c.address + c.bytes.length));
  const data = new Uint8Array(end - start).fill(0xff);
  for (const chunk of chunks) data.set(chunk.bytes, chunk.address - start);
  return { data, start };
}

/** Writes bytes as Intel HEX (16 bytes a record, extended linear address records above 64 KiB). */
export function toIntelHex(image: FlashImage): string {
  const out: string[] = [];
  const record = (type: number, address: number, payload: ArrayLike<number>): void => {
    const bytes = [
      payload.length,
      (address >> 8) & 0xff,
      address & 0xff,
      type,
      ...Array.from(payload),
    ];
    const sum = bytes.reduce((a, b) => (a + b) & 0xff, 0);
    bytes.push((0x100 - sum) & 0xff);
    out.push(":" + Buffer.from(bytes).toString("hex").toUpperCase());
  };
  let upper = 0;
  for (let offset = 0; offset < image.data.length; offset += 16) {
    const address = image.start + offset;
    if (address >>> 16 !== upper) {
      upper = address >>> 16;
      record(0x04, 0, [upper >> 8, upper & 0xff]);
    }
    record(
      0x00,
      address & 0xffff,
      image.data.subarray(offset, Math.min(offset + 16, image.data.length)),
    );
  }
  record(0x01, 0, []);
  return out.join("\n") + "\n";
}
