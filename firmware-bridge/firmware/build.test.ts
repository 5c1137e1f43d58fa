import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseIntelHex } from "../intel-hex.ts";
import { LocalizedError } from "../../runtime/engine.ts";
import {
  FIRMWARE_BOARDS,
  TOOLCHAIN_MISSING,
  buildFirmware,
  hexPath,
  toolchainAvailable,
} from "./build.ts";

describe("firmware build", () => {
  // CI installs the toolchain (.ci/apt-packages.txt); a machine without it cannot rebuild.
  it.skipIf(!toolchainAvailable())(
    "reproduces the committed .hex files byte for byte",
    async () => {
      for (const board of FIRMWARE_BOARDS) {
        const built = await buildFirmware(board);
        expect(
          built.hex,
          `hex/robotyc-firmata-${board}.hex is stale: run "robotyc firmware build"`,
        ).toBe(readFileSync(hexPath(board), "utf8"));
        expect(built.size).toBeGreaterThan(4000);
      }
    },
    120_000,
  );

  it("a compiler that cannot be started is the toolchain missing, said in words (never spawn ENOENT)", async () => {
    const path = process.env.PATH;
    // avr-gcc at /usr/bin (CI has it), but not on this PATH: `spawn avr-gcc ENOENT` underneath.
    process.env.PATH = "/robotyc-no-such-folder";
    try {
      const error = await buildFirmware("uno").then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LocalizedError);
      expect((error as LocalizedError).messageKey).toBe(TOOLCHAIN_MISSING);
      expect((error as LocalizedError).localized("fr")).toBe(
        "avr-gcc ou le cœur Arduino est absent. Installe : apt-get install gcc-avr avr-libc arduino-core-avr",
      );
    } finally {
      process.env.PATH = path;
    }
  });

  it("commits a valid image for every board", () => {
    for (const board of FIRMWARE_BOARDS) {
      const image = parseIntelHex(readFileSync(hexPath(board), "utf8"));
      expect(image.start).toBe(0);
      // The reset vector is a JMP (0x940C) on these chips.
      expect(image.data[0]! | (image.data[1]! << 8)).toBe(0x940c);
    }
  });
});
