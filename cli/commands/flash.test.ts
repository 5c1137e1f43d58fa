import { describe, expect, it } from "vitest";
import { FIRMWARE_VERSION, toolchainAvailable } from "../../firmware-bridge/index.ts";
import { main } from "../main.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { locale: "en" as const, out: (t: string) => out.push(t), err: (t: string) => err.push(t) },
  };
}

describe("robotyc flash", () => {
  it("explains its usage and refuses an unknown board", async () => {
    const a = capture();
    expect(await main(["flash", "--board", "uno"], a.io)).toBe(2);
    expect(a.err.join("\n")).toMatch(
      /^The option --port <port\|emulated> is missing: the board's serial port/,
    );
    expect(a.err.join("\n")).toMatch(/Help: robotyc flash --help$/);
    const b = capture();
    expect(await main(["flash", "--board", "zx81", "--port", "/dev/null"], b.io)).toBe(1);
    expect(b.err.join("\n")).toMatch(/Unknown board: "zx81". Boards: uno .*mega2560 \(mega\)/);
  });

  it("takes the names people use for a board, and --help names the old Nano's id", async () => {
    const c = capture();
    // `mega` is the Mega 2560: the board is known, the port is what fails.
    expect(
      await main(["flash", "--board", "mega", "--port", "/dev/robotyc-no-such-port"], c.io),
    ).toBe(1);
    expect(c.err.join("\n")).toMatch(/^Port \/dev\/robotyc-no-such-port does not exist/);
    const help = capture();
    expect(await main(["flash", "--help"], help.io)).toBe(0);
    expect(help.out.join("\n")).toContain("--board nano-old");
  });

  it("says in words why a port does not open, never the system's error", async () => {
    const c = capture();
    expect(
      await main(["flash", "--board", "uno", "--port", "/dev/robotyc-no-such-port"], c.io),
    ).toBe(1);
    expect(c.err).toEqual([
      "Port /dev/robotyc-no-such-port does not exist: is the board plugged in? “robotyc boards” gives the port of each board plugged in.",
    ]);
    const fr = capture();
    const io = { ...fr.io, locale: "fr" as const };
    expect(await main(["flash", "--board", "uno", "--port", "/dev/robotyc-no-such-port"], io)).toBe(
      1,
    );
    expect(fr.err).toEqual([
      "Le port /dev/robotyc-no-such-port n'existe pas : la carte est-elle branchée ? « robotyc boards » donne le nom du port de chaque carte branchée.",
    ]);
  });

  // The emulated Uno runs optiboot built from Debian's source: CI installs the toolchain.
  it.skipIf(!toolchainAvailable())(
    "flashes our firmware into an emulated Uno with progress",
    async () => {
      const d = capture();
      expect(await main(["flash", "--board", "uno", "--port", "emulated"], d.io)).toBe(0);
      expect(d.out).toContain("Writing 50%");
      expect(d.out).toContain("Verifying 100%");
      const { major, minor } = FIRMWARE_VERSION;
      expect(d.out.join("\n")).toContain(`Robotyc firmware ${major}.${minor}, up to date`);
    },
  );
});
