import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseIntelHex } from "../intel-hex.ts";
import { FIRMWARE_BOARDS, buildFirmware, hexPath, toolchainAvailable } from "./build.ts";

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

  it("commits a valid image for every board", () => {
    for (const board of FIRMWARE_BOARDS) {
      const image = parseIntelHex(readFileSync(hexPath(board), "utf8"));
      expect(image.start).toBe(0);
      // The reset vector is a JMP (0x940C) on these chips.
      expect(image.data[0]! | (image.data[1]! << 8)).toBe(0x940c);
    }
  });
});
