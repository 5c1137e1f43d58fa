/**
 * An emulated board wired as a kit, for tests and benchmarks: the firmware image, the HC-SR04 and
 * TCS34725 models on the kit's pins, line sensors on their analog inputs. The firmware is ours when
 * it has been built (firmware-bridge/firmware/hex/robotyc-firmata-uno.hex), else the stock
 * StandardFirmata that avrgirl-arduino ships (no ultrasonic ping).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { findBoard, findPin, type KitProfile } from "../../boards/index.ts";
import { createEmulatedBoard, type EmulatedBoard, type EmulatorSpeed } from "../emulator/board.ts";
import { createTcs34725, type Rgbc, type Tcs34725Model } from "../emulator/tcs34725.ts";

const require = createRequire(import.meta.url);
const OUR_HEX = fileURLToPath(new URL("../firmware/hex/robotyc-firmata-uno.hex", import.meta.url));

export function kitFirmware(prefer: "ours" | "stock" = "ours"): { hex: string; ours: boolean } {
  if (prefer === "ours" && existsSync(OUR_HEX))
    return { hex: readFileSync(OUR_HEX, "utf8"), ours: true };
  const stock = require.resolve("avrgirl-arduino/junk/hex/uno/StandardFirmata.cpp.hex");
  return { hex: readFileSync(stock, "utf8"), ours: false };
}

export interface EmulatedKit {
  board: EmulatedBoard;
  /** Whether the board runs our firmware (else stock StandardFirmata). */
  ours: boolean;
  /** The world the sensors see; change it freely. */
  world: { distanceCm: number; color: Rgbc };
  colorSensor: Tcs34725Model;
  /** Sets a line sensor's output voltage (analog kits) or level (digital kits). */
  setLine(which: "left" | "center" | "right", dark: boolean): void;
  /** Pin number of a board pin name. */
  pin(name: string): number;
}

/**
 * `speed` defaults to "free": stopping a board in "realtime" mode while it waits on a timeout
 * currently leaves Node's immediate queue broken, so a later board never runs.
 */
export function createEmulatedKit(
  kit: KitProfile,
  speed: EmulatorSpeed = "free",
  firmware: "ours" | "stock" = "ours",
): EmulatedKit {
  const profile = findBoard(kit.board)!;
  const pin = (name: string) => findPin(profile, name)!.number;
  const { hex, ours } = kitFirmware(firmware);
  const board = createEmulatedBoard({ hex, board: "uno", speed });
  const world = { distanceCm: 400, color: { c: 6000, r: 2400, g: 2200, b: 1900 } };
  if (kit.ultrasonic) {
    board.attachHcSr04({
      trig: pin(kit.ultrasonic.trig),
      echo: pin(kit.ultrasonic.echo),
      distanceCm: () => world.distanceCm,
    });
  }
  const colorSensor = createTcs34725();
  colorSensor.setColor(() => world.color);
  if (kit.colorSensor) board.attachI2cDevice(kit.colorSensor.address, colorSensor);
  const setLine = (which: "left" | "center" | "right", dark: boolean) => {
    const ls = kit.lineSensors!;
    const high = ls.darkIsHigh ? dark : !dark;
    const p = findPin(profile, ls[which])!;
    if (ls.mode === "analog") board.setAnalog(p.analogChannel!, high ? 4.2 : 0.6);
    else board.setDigital(p.number, high ? 1 : 0);
  };
  if (kit.lineSensors) for (const w of ["left", "center", "right"] as const) setLine(w, false);
  return { board, ours, world, colorSensor, setLine, pin };
}
