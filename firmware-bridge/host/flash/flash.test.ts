/**
 * Our STK500 host code against the real bootloaders (built or shipped by Debian's
 * arduino-core-avr) running in the emulated board; then Johnny-Five talks to what was flashed.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createEmulatedBoard, type EmulatedBoard } from "../../emulator/board.ts";
import { connectJohnnyFive } from "../../emulator/johnny-five.ts";
import { FIRMWARE_NAME, toolchainAvailable } from "../../firmware/build.ts";
import {
  atmegabootHex,
  bootloadersAvailable,
  megaBootloaderHex,
  optibootHex,
} from "../../firmware/bootloaders.ts";
import { parseIntelHex } from "../../intel-hex.ts";
import { ourFirmwareHex } from "../../emulator/testing.ts";
import { flashBoard } from "./flash.ts";
import type { FlashProgress } from "./link.ts";
import { stk500v2Frame } from "./stk500v2.ts";

const running: EmulatedBoard[] = [];
afterEach(() => {
  for (const board of running.splice(0)) board.stop();
});

function boardWithBootloader(bootloader: string, baudRate: number, mega = false): EmulatedBoard {
  const board = createEmulatedBoard({ bootloader, baudRate, board: mega ? "mega" : "uno" });
  running.push(board);
  board.start();
  board.port.open();
  return board;
}

async function flashThenConnect(board: EmulatedBoard, profile: string, hex: string): Promise<void> {
  const events: FlashProgress[] = [];
  const result = await flashBoard(board.port, profile, hex, { onProgress: (p) => events.push(p) });
  const image = parseIntelHex(hex);
  expect(result.verified).toBe(true);
  expect(result.bytes).toBe(image.data.length);
  // What the bootloader wrote is our image.
  expect(
    Buffer.from(board.flash.subarray(0, image.data.length)).equals(Buffer.from(image.data)),
  ).toBe(true);
  // Progress: every phase in order, byte counts that only grow.
  const phases = [...new Set(events.map((e) => e.phase))];
  expect(phases).toEqual(["reset", "sync", "write", "verify", "done"]);
  const writes = events.filter((e) => e.phase === "write").map((e) => e.done);
  expect(writes).toEqual([...writes].sort((a, b) => a - b));
  expect(writes.at(-1)).toBe(image.data.length);
  // The app connects at its own speed after a reset, as on a real board.
  board.port.update({ baudRate: 57600 });
  board.port.set({ dtr: true });
  const five = await connectJohnnyFive(board.port);
  expect(five.io.firmware.name).toBe(FIRMWARE_NAME);
}

describe("flashing through real bootloaders in the emulator", () => {
  it("STK500v2 frames carry an XOR checksum (AVR068 sign-on example)", () => {
    expect(stk500v2Frame(1, [0x01])).toEqual([0x1b, 0x01, 0x00, 0x01, 0x0e, 0x01, 0x14]);
  });

  // CI installs the toolchain (.ci/apt-packages.txt); optiboot is built from Debian's source.
  it.skipIf(!toolchainAvailable())(
    "flashes our Uno firmware through optiboot (STK500v1, 115200), then Johnny-Five connects",
    async () => {
      const board = boardWithBootloader(await optibootHex(), 115200);
      await flashThenConnect(board, "uno", ourFirmwareHex("uno"));
    },
  );

  it.skipIf(!toolchainAvailable())(
    "flashes our Nano firmware through the old Nano bootloader (ATmegaBOOT, 57600)",
    async () => {
      const board = boardWithBootloader(atmegabootHex(), 57600);
      await flashThenConnect(board, "nano-old", ourFirmwareHex("nano"));
    },
  );

  // Debian's Mega bootloader as shipped (arduino-core-avr, installed by CI).
  it.skipIf(!bootloadersAvailable())(
    "flashes our Mega firmware through the Mega 2560 bootloader (STK500v2, 115200) in an emulated Mega",
    async () => {
      const board = boardWithBootloader(megaBootloaderHex(), 115200, true);
      await flashThenConnect(board, "mega2560", ourFirmwareHex("mega"));
    },
  );

  it.skipIf(!toolchainAvailable())(
    "says clearly when the bootloader does not answer (new-Nano speed on an old Nano)",
    async () => {
      const board = boardWithBootloader(atmegabootHex(), 57600);
      await expect(flashBoard(board.port, "nano", ourFirmwareHex("nano"))).rejects.toThrow(
        /does not answer \(sync\).*old bootloader/,
      );
    },
  );

  it("refuses an image larger than the board's application flash", async () => {
    const board = createEmulatedBoard({});
    const tooBig = Array.from({ length: 2100 }, (_, i) => {
      const address = i * 16;
      const bytes = [16, (address >> 8) & 0xff, address & 0xff, 0, ...new Array(16).fill(0)];
      const sum = (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
      return ":" + Buffer.from([...bytes, sum]).toString("hex");
    }).join("\n");
    // 33,600 bytes: more than the Uno's 32,256 bytes left by optiboot.
    await expect(flashBoard(board.port, "uno", tooBig)).rejects.toThrow(/does not fit/);
  });
});
