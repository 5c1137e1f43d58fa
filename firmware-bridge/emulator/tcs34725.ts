/**
 * A TCS34725 colour sensor on the emulated I2C bus (datasheet register map): command byte (bit 7)
 * with the register address in bits 4:0 and auto-increment in bits 6:5 = 01; ID 0x44 at 0x12;
 * STATUS.AVALID once powered on (PON) and enabled (AEN); 16-bit little-endian C, R, G, B at
 * 0x14-0x1B, saturating at the maximum count of the integration time (ATIME).
 */
import type { I2cDeviceModel } from "./i2c.ts";

/** Raw counts of the four TCS34725 channels (clear, red, green, blue), 0-65535. */
export interface Rgbc {
  c: number;
  r: number;
  g: number;
  b: number;
}

export interface Tcs34725Model extends I2cDeviceModel {
  /** The colour seen: fixed counts, or a function asked at each read of the data registers. */
  setColor(color: Rgbc | (() => Rgbc)): void;
  /** Register file, for tests and inspection. */
  readonly registers: Uint8Array;
}

/** I2C address of the TCS34725 colour sensor. */
export const TCS34725_ADDRESS = 0x29;

/** A TCS34725 that sees `initial` until `setColor` says otherwise. */
export function createTcs34725(initial: Rgbc = { c: 0, r: 0, g: 0, b: 0 }): Tcs34725Model {
  const registers = new Uint8Array(0x20);
  registers[0x01] = 0xff; // ATIME
  registers[0x03] = 0xff; // WTIME
  registers[0x12] = 0x44; // ID
  let source: Rgbc | (() => Rgbc) = initial;
  let pointer = 0;
  let autoIncrement = false;
  let expectCommand = true;

  const ENABLE_PON = 0x01;
  const ENABLE_AEN = 0x02;
  const refreshData = (): void => {
    const enabled = (registers[0x00]! & (ENABLE_PON | ENABLE_AEN)) === (ENABLE_PON | ENABLE_AEN);
    const color = typeof source === "function" ? source() : source;
    const max = Math.min(65535, (256 - registers[0x01]!) * 1024);
    const put = (at: number, value: number): void => {
      const v = enabled ? Math.max(0, Math.min(max, Math.round(value))) : 0;
      registers[at] = v & 0xff;
      registers[at + 1] = v >> 8;
    };
    put(0x14, color.c);
    put(0x16, color.r);
    put(0x18, color.g);
    put(0x1a, color.b);
    registers[0x13] = enabled ? 0x01 : 0x00;
  };

  return {
    registers,
    setColor(color) {
      source = color;
    },
    begin(direction) {
      if (direction === "write") expectCommand = true;
      else refreshData();
    },
    write(byte) {
      if (expectCommand) {
        if (!(byte & 0x80)) return false;
        expectCommand = false;
        const type = (byte >> 5) & 0x03;
        if (type === 0x03) return true; // special function (interrupt clear): nothing latched
        pointer = byte & 0x1f;
        autoIncrement = type === 0x01;
        return true;
      }
      const writable = pointer <= 0x0f && pointer !== 0x02 && pointer !== 0x0e;
      if (writable) registers[pointer] = byte;
      if (autoIncrement) pointer = (pointer + 1) & 0x1f;
      return true;
    },
    read() {
      const value = registers[pointer]!;
      if (autoIncrement) pointer = (pointer + 1) & 0x1f;
      return value;
    },
  };
}
