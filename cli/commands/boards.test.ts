import { execFile } from "node:child_process";
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
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
    expect(c.err.join("\n")).toBe(
      "Option inconnue : --bad. Options de « robotyc boards » : --json, --no-probe, --help.\n" +
        "Aide : robotyc boards --help",
    );
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

/** `robotyc wiring ...` in its own process, in `cwd`. */
async function wiringIn(cwd: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [CLI, "wiring", ...args],
      {
        cwd,
        env: { ...process.env, ROBOTYC_LANG: "fr" },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("robotyc wiring", () => {
  it("without --out, writes wiring-<kit>.svg in the current folder and says where", async () => {
    const dir = await mkdtemp(join(tmpdir(), "robotyc-wiring-"));
    try {
      const r = await wiringIn(dir);
      expect(r.code).toBe(0);
      const file = join(dir, "wiring-2wd-kit.svg");
      expect(r.stdout.trim()).toBe(`Feuille écrite : ${file}`);
      expect(r.stderr).toBe("");
      const svg = await readFile(file, "utf8");
      expect(svg).toContain("<svg");
      expect(svg).toContain("Câblage : Kit 2 roues motrices sur Arduino Uno");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("writes a real PDF for .pdf, refuses other formats and a missing folder before writing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "robotyc-wiring-"));
    try {
      const pdf = capture();
      expect(await main(["wiring", "--out", join(dir, "feuille.pdf")], pdf.io)).toBe(0);
      expect(pdf.out).toEqual([`Feuille écrite : ${join(dir, "feuille.pdf")}`]);
      const bytes = await readFile(join(dir, "feuille.pdf"));
      expect(bytes.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
      expect(bytes.toString("latin1")).toContain(
        "(C\xe2blage : Kit 2 roues motrices sur Arduino Uno)",
      );
      const png = capture();
      expect(await main(["wiring", "--out", join(dir, "feuille.png")], png.io)).toBe(2);
      expect(png.err.join("\n")).toBe(
        `La feuille de câblage s'écrit en SVG ou en PDF : donne un fichier .svg ou .pdf (reçu : « ${join(dir, "feuille.png")} »).`,
      );
      const missing = capture();
      expect(await main(["wiring", "--out", join(dir, "nodir", "x.svg")], missing.io)).toBe(2);
      expect(missing.err.join("\n")).toContain(`Le dossier « ${join(dir, "nodir")} » n'existe pas`);
      expect(await readdir(dir)).toEqual(["feuille.pdf"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("warns only when the board's pins differ from the kit's (not for a Nano, old or new)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "robotyc-wiring-"));
    try {
      const mega = capture();
      expect(await main(["wiring", "--board", "mega", "--out", join(dir, "m.svg")], mega.io)).toBe(
        0,
      );
      expect(mega.err.join("\n")).toContain(
        "Ce câblage est prévu pour la carte Arduino Uno, pas pour Arduino Mega 2560 : les broches A4, A5",
      );
      expect(mega.err.join("\n")).toContain("doit aller sur la broche D20");
      for (const board of ["nano", "nano-old"]) {
        const nano = capture();
        expect(await main(["wiring", "--board", board, "--out", join(dir, "n.svg")], nano.io)).toBe(
          0,
        );
        expect(nano.err).toEqual([]);
      }
      const unknown = capture();
      expect(await main(["wiring", "--kit", "2wd"], unknown.io)).toBe(1);
      expect(unknown.err.join("\n")).toBe(
        "Kit inconnu : « 2wd ». Kits : 2wd-kit, 2wd-kit-tb6612. Voulais-tu dire « 2wd-kit » ?",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
