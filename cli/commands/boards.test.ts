import { execFile } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { main } from "../main.ts";

const CLI = join(import.meta.dirname, "..", "robotyc.mjs");

/** `robotyc boards --json --no-probe` in its own process, with only `bin` and node on PATH. */
async function boardsWithPath(bin: string[]) {
  const path = [...bin, dirname(process.execPath)].join(":");
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [CLI, "boards", "--json", "--no-probe"],
    { env: { PATH: path, ROBOTYC_LANG: "fr" } },
  );
  return { ports: JSON.parse(stdout) as { path: string; status: string }[], stderr };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { locale: "fr" as const, out: (t: string) => out.push(t), err: (t: string) => err.push(t) },
  };
}

describe("robotyc boards", () => {
  it("refuses an unknown option, in French", async () => {
    const c = capture();
    expect(await main(["boards", "--bad"], c.io)).toBe(2);
    expect(c.err.join("\n")).toBe("Option inconnue : « --bad ». Options : --json, --no-probe.");
  });

  it("lists this machine's serial ports as JSON (no board attached here: an empty list)", async () => {
    const c = capture();
    expect(await main(["boards", "--json", "--no-probe"], c.io)).toBe(0);
    const ports = JSON.parse(c.out.join("\n")) as unknown[];
    expect(Array.isArray(ports)).toBe(true);
    expect(c.err).toEqual([]);
  });

  it("without udev (no udevadm on PATH): reads sysfs, says nothing, exits 0", async () => {
    // No USB serial adapter is attached to a test machine: the list is empty.
    const { ports, stderr } = await boardsWithPath([]);
    expect(ports).toEqual([]);
    expect(stderr).toBe("");
  });

  it("with udev: takes serialport's udevadm listing", async () => {
    const bin = await mkdtemp(join(tmpdir(), "robotyc-udevadm-"));
    try {
      // What `udevadm info -e` prints for an Uno (the fields serialport reads).
      const entry = [
        "P: /devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/tty/ttyACM0",
        "N: ttyACM0",
        "E: DEVNAME=/dev/ttyACM0",
        "E: ID_VENDOR_ENC=Arduino\\x20(www.arduino.cc)",
        "E: ID_VENDOR_ID=2341",
        "E: ID_MODEL_ID=0043",
        "E: ID_SERIAL_SHORT=75833353035351A0E1B1",
        "",
      ].join("\n");
      await writeFile(join(bin, "udevadm"), `#!/bin/sh\ncat <<'END'\n${entry}\nEND\n`);
      await chmod(join(bin, "udevadm"), 0o755);
      const { ports, stderr } = await boardsWithPath([bin]);
      expect(ports.map((p) => [p.path, p.status])).toEqual([["/dev/ttyACM0", "ready"]]);
      expect(stderr).toBe("");
    } finally {
      await rm(bin, { recursive: true, force: true });
    }
  });
});

describe("robotyc wiring", () => {
  it("prints the default kit's sheet as SVG", async () => {
    const c = capture();
    expect(await main(["wiring"], c.io)).toBe(0);
    const svg = c.out.join("\n");
    expect(svg).toContain("<svg");
    expect(svg).toContain("Câblage : Kit 2 roues motrices sur Arduino Uno");
    expect(c.err).toEqual([]);
  });

  it("warns when the kit is drawn on a board it was not wired for", async () => {
    const c = capture();
    expect(await main(["wiring", "--board", "mega2560"], c.io)).toBe(0);
    expect(c.err.join("\n")).toContain("doit aller sur la broche D20");
    const d = capture();
    expect(await main(["wiring", "--kit", "6wd"], d.io)).toBe(1);
    expect(d.err.join("\n")).toBe("Kit inconnu : « 6wd ».");
  });
});
