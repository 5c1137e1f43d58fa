/**
 * Builds our Firmata firmware (src/) on the Arduino AVR core that Debian ships
 * (`arduino-core-avr`), with `avr-gcc`, for the Uno, Nano and Mega 2560. The result is one
 * Intel HEX file per board in `hex/`; those committed files are what the app flashes.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { LocalizedError } from "../../runtime/engine.ts";

const exec = promisify(execFile);

/** Runs one tool of the toolchain; a tool that is not there is the toolchain missing, in words. */
async function run(tool: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    return await exec(tool, args);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") {
      throw new LocalizedError(TOOLCHAIN_MISSING);
    }
    throw error;
  }
}

export const FIRMWARE_BOARDS = ["uno", "nano", "mega"] as const;
export type FirmwareBoard = (typeof FIRMWARE_BOARDS)[number];

/** Name and version our firmware reports (REPORT_FIRMWARE); kept equal to src/protocol.h. */
export const FIRMWARE_NAME = "RobotycFirmata";
export const FIRMWARE_VERSION = { major: 1, minor: 1 } as const;

const HERE = dirname(fileURLToPath(import.meta.url));
export const FIRMWARE_SOURCE_DIR = join(HERE, "src");
export const FIRMWARE_HEX_DIR = join(HERE, "hex");
export const ARDUINO_AVR_DIR = "/usr/share/arduino/hardware/arduino/avr";

interface Target {
  mcu: string;
  variant: string;
  board: string;
  defines: string[];
}

const TARGETS: Record<FirmwareBoard, Target> = {
  uno: { mcu: "atmega328p", variant: "standard", board: "AVR_UNO", defines: [] },
  nano: {
    mcu: "atmega328p",
    variant: "eightanaloginputs",
    board: "AVR_NANO",
    defines: ["-DROBOTYC_BOARD_NANO"],
  },
  mega: { mcu: "atmega2560", variant: "mega", board: "AVR_MEGA2560", defines: [] },
};

/** Flash available to the application (the bootloader takes the rest). */
export const APPLICATION_FLASH: Record<FirmwareBoard, number> = {
  uno: 32256,
  nano: 30720, // old bootloader: 2 KiB
  mega: 253952,
};

/** The message when avr-gcc or the Arduino core is not installed. */
export const TOOLCHAIN_MISSING = {
  fr: "avr-gcc ou le cœur Arduino est absent. Installe : apt-get install gcc-avr avr-libc arduino-core-avr",
  en: "avr-gcc or the Arduino core is missing. Install: apt-get install gcc-avr avr-libc arduino-core-avr",
};

const messages = {
  compileFailed: {
    fr: "La compilation du firmware ({board}) a échoué :\n{output}",
    en: "Building the firmware ({board}) failed:\n{output}",
  },
  tooBig: {
    fr: "Le firmware ({board}) fait {size} octets : plus que les {max} octets disponibles.",
    en: "The firmware ({board}) is {size} bytes: more than the {max} bytes available.",
  },
};

export function hexPath(board: FirmwareBoard): string {
  return join(FIRMWARE_HEX_DIR, `robotyc-firmata-${board}.hex`);
}

export function toolchainAvailable(): boolean {
  return existsSync("/usr/bin/avr-gcc") && existsSync(join(ARDUINO_AVR_DIR, "cores/arduino"));
}

/** Runs `jobs` with at most `limit` at a time. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

function sourcesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.(c|cpp|S)$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

export interface BuildResult {
  board: FirmwareBoard;
  hex: string;
  /** Bytes of flash used. */
  size: number;
}

/** Builds one board's firmware; returns the HEX text. */
export async function buildFirmware(board: FirmwareBoard, jobs = 2): Promise<BuildResult> {
  if (!toolchainAvailable()) throw new LocalizedError(TOOLCHAIN_MISSING);
  const target = TARGETS[board];
  const core = join(ARDUINO_AVR_DIR, "cores/arduino");
  const wire = join(ARDUINO_AVR_DIR, "libraries/Wire/src");
  const includes = [
    core,
    join(ARDUINO_AVR_DIR, "variants", target.variant),
    wire,
    join(wire, "utility"),
  ];
  const common = [
    "-c",
    "-Os",
    "-w",
    "-ffunction-sections",
    "-fdata-sections",
    `-mmcu=${target.mcu}`,
    "-DF_CPU=16000000L",
    "-DARDUINO=10807",
    `-DARDUINO_${target.board}`,
    "-DARDUINO_ARCH_AVR",
    "-DDECIMAL_DIG=__DECIMAL_DIG__",
    ...target.defines,
    ...includes.map((dir) => `-I${dir}`),
  ];
  const flagsFor = (file: string): string[] => {
    if (file.endsWith(".cpp")) {
      return [
        ...common,
        "-std=gnu++11",
        "-fpermissive",
        "-fno-exceptions",
        "-fno-threadsafe-statics",
      ];
    }
    if (file.endsWith(".S")) return [...common, "-x", "assembler-with-cpp"];
    return [...common, "-std=gnu11"];
  };
  const work = mkdtempSync(join(tmpdir(), `robotyc-firmware-${board}-`));
  try {
    const files = [
      ...sourcesIn(FIRMWARE_SOURCE_DIR),
      ...sourcesIn(wire),
      ...sourcesIn(join(wire, "utility")),
      ...sourcesIn(core),
    ];
    const objects = files.map((file, i) => join(work, `${i}-${basename(file)}.o`));
    await pool(
      files.map((file, i) => async () => {
        try {
          await run("avr-gcc", [...flagsFor(file), file, "-o", objects[i]!]);
        } catch (error) {
          if (error instanceof LocalizedError) throw error;
          const output = (error as { stderr?: string }).stderr ?? String(error);
          throw new LocalizedError(messages.compileFailed, {
            board,
            output: output.slice(0, 4000),
          });
        }
      }),
      jobs,
    );
    const elf = join(work, "firmware.elf");
    const hexFile = join(work, "firmware.hex");
    await run("avr-gcc", [
      "-Os",
      "-Wl,--gc-sections",
      `-mmcu=${target.mcu}`,
      "-o",
      elf,
      ...objects,
      "-lm",
    ]);
    await run("avr-objcopy", ["-O", "ihex", "-R", ".eeprom", elf, hexFile]);
    const { stdout } = await run("avr-size", ["-A", elf]);
    const section = (name: string): number =>
      Number(new RegExp(`^\\${name}\\s+(\\d+)`, "m").exec(stdout)?.[1] ?? 0);
    const size = section(".text") + section(".data");
    if (size > APPLICATION_FLASH[board]) {
      throw new LocalizedError(messages.tooBig, { board, size, max: APPLICATION_FLASH[board] });
    }
    return { board, hex: readFileSync(hexFile, "utf8"), size };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Builds every board and writes `hex/robotyc-firmata-<board>.hex`. */
export async function buildAllFirmware(jobs = 2): Promise<BuildResult[]> {
  const results: BuildResult[] = [];
  for (const board of FIRMWARE_BOARDS) {
    const result = await buildFirmware(board, jobs);
    writeFileSync(hexPath(board), result.hex);
    results.push(result);
  }
  return results;
}
