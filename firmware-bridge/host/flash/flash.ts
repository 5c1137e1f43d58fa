/**
 * Flashing a board with a .hex (ours by default): picks the bootloader protocol and speed
 * from the board profile (boards/), checks the image fits, writes, verifies.
 */
import { findBoard, type BoardProfile } from "../../../boards/index.ts";
import { LocalizedError } from "../../../runtime/engine.ts";
import { hexPath, type FirmwareBoard } from "../../firmware/build.ts";
import { parseIntelHex } from "../../intel-hex.ts";
import { readFileSync } from "node:fs";
import { flashMessages, type FlashOptions, type FlashPort, type FlashResult } from "./link.ts";
import { flashStk500v1 } from "./stk500v1.ts";
import { flashStk500v2 } from "./stk500v2.ts";

/** What the flasher needs to know of each microcontroller. */
export const MCUS: Record<string, { signature: readonly number[]; pageSize: number }> = {
  atmega328p: { signature: [0x1e, 0x95, 0x0f], pageSize: 128 },
  atmega2560: { signature: [0x1e, 0x98, 0x01], pageSize: 256 },
};

/** Bytes the bootloader leaves to applications. */
const BOOTLOADER_BYTES: Record<string, number> = {
  optiboot: 512,
  atmegaboot: 2048,
};

/** Which of our firmware builds a board profile runs. */
export function firmwareFor(board: BoardProfile): FirmwareBoard {
  if (board.mcu === "atmega2560") return "mega";
  return board.id.startsWith("nano") ? "nano" : "uno";
}

export function resolveBoard(board: BoardProfile | string): BoardProfile {
  const profile = typeof board === "string" ? findBoard(board) : board;
  if (!profile || !MCUS[profile.mcu]) {
    throw new LocalizedError(flashMessages.unknownBoard, {
      board: String(typeof board === "string" ? board : board.id),
    });
  }
  return profile;
}

/**
 * Flashes `hex` (Intel HEX text; our firmware for the board when omitted) through the
 * board's bootloader on `port` (opened by the caller; the baud rate is set here).
 */
export async function flashBoard(
  port: FlashPort,
  board: BoardProfile | string,
  hex?: string,
  options: FlashOptions = {},
): Promise<FlashResult> {
  const profile = resolveBoard(board);
  const mcu = MCUS[profile.mcu]!;
  const image = parseIntelHex(hex ?? readFileSync(hexPath(firmwareFor(profile)), "utf8"));
  const data = new Uint8Array(image.start + image.data.length).fill(0xff);
  data.set(image.data, image.start);
  const bootloaderBytes = BOOTLOADER_BYTES[profile.bootloader.name] ?? 8192;
  const max = profile.flashBytes - bootloaderBytes;
  if (data.length > max) throw new LocalizedError(flashMessages.tooBig, { size: data.length, max });
  const target = {
    baud: profile.bootloader.baud,
    pageSize: mcu.pageSize,
    signature: mcu.signature,
    mcu: profile.mcu,
  };
  return profile.bootloader.protocol === "stk500v2"
    ? flashStk500v2(port, data, target, options)
    : flashStk500v1(port, data, target, options);
}
