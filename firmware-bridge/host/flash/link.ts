/**
 * The serial link a flasher talks through: a real serialport instance or the emulated
 * board's port (same shape), plus a byte reader with time limits.
 */
import type { EventEmitter } from "node:events";
import { LocalizedError } from "../../../runtime/engine.ts";

export interface FlashPort extends EventEmitter {
  write(data: Uint8Array | number[], callback?: (error?: Error | null) => void): unknown;
  /** Modem lines; a real Arduino resets when DTR/RTS go active. */
  set?(options: { dtr?: boolean; rts?: boolean }, callback?: (error?: Error | null) => void): void;
  update?(options: { baudRate: number }, callback?: (error?: Error | null) => void): void;
  readonly baudRate?: number;
}

export type FlashPhase = "reset" | "sync" | "write" | "verify" | "done";

export interface FlashProgress {
  phase: FlashPhase;
  /** Bytes written or verified so far (write/verify phases). */
  done: number;
  total: number;
}

export interface FlashOptions {
  onProgress?: (progress: FlashProgress) => void;
  /** Read the flash back and compare (default true). */
  verify?: boolean;
  /** Time limit for one bootloader answer (ms). */
  answerTimeoutMs?: number;
}

export interface FlashResult {
  bytes: number;
  pages: number;
  verified: boolean;
  milliseconds: number;
}

export const flashMessages = {
  noAnswer: {
    fr: "Le bootloader ne répond pas ({step}). Vérifie le port et le type de carte (une Nano à l'ancien bootloader, comme la plupart des clones, est la carte « nano-old » : --board nano-old).",
    en: "The bootloader does not answer ({step}). Check the port and the board type (a Nano with the old bootloader, like most clones, is the board “nano-old”: --board nano-old).",
  },
  badAnswer: {
    fr: "Réponse inattendue du bootloader ({step}) : {bytes}.",
    en: "Unexpected answer from the bootloader ({step}): {bytes}.",
  },
  wrongChip: {
    fr: "Mauvaise carte : signature {found}, attendue {expected} ({mcu}).",
    en: "Wrong board: signature {found}, expected {expected} ({mcu}).",
  },
  verifyFailed: {
    fr: "Vérification échouée à l'adresse 0x{address} : la carte contient 0x{found}, attendu 0x{expected}.",
    en: "Verify failed at address 0x{address}: the board holds 0x{found}, expected 0x{expected}.",
  },
  tooBig: {
    fr: "Le firmware ({size} octets) ne tient pas dans la flash de la carte ({max} octets).",
    en: "The firmware ({size} bytes) does not fit the board's flash ({max} bytes).",
  },
  unknownBoard: {
    fr: "Carte inconnue : « {board} ».",
    en: 'Unknown board: "{board}".',
  },
};

export const hexBytes = (bytes: ArrayLike<number>): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ") || "(none)";

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Collects the bytes a port receives; `read` waits for a count with a time limit. */
export class ByteReader {
  private buffer: number[] = [];
  private wake: (() => void) | undefined;
  private readonly onData = (data: Uint8Array): void => {
    for (const b of data) this.buffer.push(b);
    this.wake?.();
  };

  constructor(private readonly port: FlashPort) {
    port.on("data", this.onData);
  }

  dispose(): void {
    this.port.off("data", this.onData);
  }

  clear(): void {
    this.buffer = [];
  }

  /** Discards what arrives until the line stays quiet for `quietMs` (late answers to retries). */
  async drain(quietMs: number): Promise<void> {
    do {
      this.clear();
      await sleep(quietMs);
    } while (this.buffer.length > 0);
  }

  /** Resolves with exactly `count` bytes, or rejects with a localized "no answer" after `timeoutMs`. */
  async read(count: number, timeoutMs: number, step: string): Promise<number[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.buffer.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new LocalizedError(flashMessages.noAnswer, { step });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    return this.buffer.splice(0, count);
  }
}

export function writePort(port: FlashPort, bytes: number[] | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    port.write(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes), (error) =>
      error ? reject(error) : resolve(),
    );
  });
}

/** Pulses DTR/RTS as avrdude's "arduino" programmer does: the board resets into its bootloader. */
export async function resetIntoBootloader(port: FlashPort, baud: number): Promise<void> {
  if (port.update && port.baudRate !== baud) {
    await new Promise<void>((resolve, reject) =>
      port.update!({ baudRate: baud }, (error) => (error ? reject(error) : resolve())),
    );
  }
  if (!port.set) return;
  const set = (on: boolean): Promise<void> =>
    new Promise((resolve, reject) =>
      port.set!({ dtr: on, rts: on }, (error) => (error ? reject(error) : resolve())),
    );
  await set(false);
  await sleep(250);
  await set(true);
  await sleep(50);
}

/** The page operations a bootloader protocol provides. */
export interface PageProtocol {
  writePage(byteAddress: number, data: Uint8Array): Promise<void>;
  readPage(byteAddress: number, size: number): Promise<ArrayLike<number>>;
}

/** Writes `image` page by page, then reads it back and compares when asked; reports progress. */
export async function programPages(
  image: Uint8Array,
  pageSize: number,
  protocol: PageProtocol,
  options: FlashOptions,
): Promise<{ pages: number; verified: boolean }> {
  const progress = options.onProgress ?? (() => undefined);
  const pages = Math.ceil(image.length / pageSize);
  const pageAt = (page: number): Uint8Array => {
    const data = new Uint8Array(pageSize).fill(0xff);
    data.set(image.subarray(page * pageSize, (page + 1) * pageSize));
    return data;
  };
  const doneAfter = (page: number): number => Math.min(image.length, (page + 1) * pageSize);
  for (let page = 0; page < pages; page++) {
    await protocol.writePage(page * pageSize, pageAt(page));
    progress({ phase: "write", done: doneAfter(page), total: image.length });
  }
  const verify = options.verify ?? true;
  if (verify) {
    for (let page = 0; page < pages; page++) {
      const read = await protocol.readPage(page * pageSize, pageSize);
      const expected = pageAt(page);
      const bad = expected.findIndex((b, i) => read[i] !== b);
      if (bad >= 0) {
        throw new LocalizedError(flashMessages.verifyFailed, {
          address: (page * pageSize + bad).toString(16),
          found: (read[bad] ?? 0).toString(16),
          expected: expected[bad]!.toString(16),
        });
      }
      progress({ phase: "verify", done: doneAfter(page), total: image.length });
    }
  }
  return { pages, verified: verify };
}

/** Refuses a chip whose signature is not the board's. */
export function checkSignature(
  found: readonly number[],
  target: { signature: readonly number[]; mcu: string },
): void {
  if (found.some((b, i) => b !== target.signature[i])) {
    throw new LocalizedError(flashMessages.wrongChip, {
      found: hexBytes(found),
      expected: hexBytes(target.signature),
      mcu: target.mcu,
    });
  }
}
