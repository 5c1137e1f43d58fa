/**
 * Bootloaders for the emulated board, from the sources Debian's `arduino-core-avr` ships.
 *
 * Debian's prebuilt `optiboot_atmega328.hex` is 532 bytes: built with avr-gcc 5.4 it overflows
 * the 512-byte boot section (its last bytes lie beyond the 32 KiB flash and its version word
 * overwrites code). The emulator refuses it, and nobody should burn it onto a board. Built
 * from the same source with the flags below, optiboot is 500 bytes and fits, like the optiboot
 * of a real Uno.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { LocalizedError } from "../../runtime/engine.ts";
import { ARDUINO_AVR_DIR, TOOLCHAIN_MISSING, toolchainAvailable } from "./build.ts";

const run = promisify(execFile);

export const BOOTLOADER_DIR = join(ARDUINO_AVR_DIR, "bootloaders");

/** The old Nano's bootloader (ATmegaBOOT, 57600 baud), as Debian ships it (it fits). */
export function atmegabootHex(): string {
  return readFileSync(join(BOOTLOADER_DIR, "atmega/ATmegaBOOT_168_atmega328.hex"), "utf8");
}

/** The Mega 2560's STK500v2 bootloader (115200 baud), as Debian ships it. */
export function megaBootloaderHex(): string {
  return readFileSync(join(BOOTLOADER_DIR, "stk500v2/stk500boot_v2_mega2560.hex"), "utf8");
}

/** Whether Debian's bootloaders are installed (`arduino-core-avr`). */
export function bootloadersAvailable(): boolean {
  return existsSync(BOOTLOADER_DIR);
}

let optiboot: Promise<string> | undefined;

/** Optiboot for the ATmega328P at 16 MHz, 115200 baud (Uno, new Nano), built from Debian's source. */
export function optibootHex(): Promise<string> {
  if (!toolchainAvailable()) return Promise.reject(new LocalizedError(TOOLCHAIN_MISSING));
  optiboot ??= (async () => {
    const source = join(BOOTLOADER_DIR, "optiboot");
    const work = mkdtempSync(join(tmpdir(), "robotyc-optiboot-"));
    try {
      const elf = join(work, "optiboot.elf");
      const hex = join(work, "optiboot.hex");
      await run("avr-gcc", [
        "-Os",
        "-fno-inline-small-functions",
        "-fno-split-wide-types",
        "-mrelax",
        "-fno-caller-saves",
        "-fno-tree-scev-cprop",
        "-fno-move-loop-invariants",
        "-mmcu=atmega328p",
        "-DF_CPU=16000000L",
        "-DLED_START_FLASHES=3",
        "-DBAUD_RATE=115200",
        `-I${source}`,
        "-Wl,--section-start=.text=0x7e00",
        "-Wl,--section-start=.version=0x7ffe",
        "-Wl,--relax",
        "-nostartfiles",
        "-nostdlib",
        "-o",
        elf,
        join(source, "optiboot.c"),
      ]);
      await run("avr-objcopy", ["-O", "ihex", "-j", ".text", "-j", ".version", elf, hex]);
      return readFileSync(hex, "utf8");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  })();
  return optiboot;
}
