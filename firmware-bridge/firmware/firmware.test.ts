/**
 * Our firmware (the committed .hex) in the emulated board, driven by real Johnny-Five and
 * real firmata.js.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { EmulatedBoard } from "../emulator/board.ts";
import { createTcs34725, TCS34725_ADDRESS } from "../emulator/tcs34725.ts";
import { loadJohnnyFive, type FiveBoard } from "../emulator/johnny-five.ts";
import { bootWithJohnnyFive, ourFirmwareHex, untilBoard } from "../emulator/testing.ts";
import { FIRMWARE_NAME, FIRMWARE_VERSION } from "./build.ts";

const { five } = loadJohnnyFive();
const running: EmulatedBoard[] = [];

async function boot(): Promise<{ board: EmulatedBoard; j5: FiveBoard }> {
  const { board, five: j5 } = await bootWithJohnnyFive();
  running.push(board);
  return { board, j5 };
}

afterEach(() => {
  for (const board of running.splice(0)) board.stop();
});

/** Resolves with the next raw bytes from the board that contain `pattern`. */
function awaitBytes(board: EmulatedBoard, pattern: number[], maxBoardSeconds = 2): Promise<void> {
  const seen: number[] = [];
  let found = false;
  const onData = (data: Buffer): void => {
    seen.push(...data);
    const text = Buffer.from(seen).toString("hex");
    if (text.includes(Buffer.from(pattern).toString("hex"))) found = true;
  };
  board.port.on("data", onData);
  return untilBoard(board, () => found, maxBoardSeconds).then(
    () => void board.port.off("data", onData),
    (error: unknown) => {
      board.port.off("data", onData);
      throw error;
    },
  );
}

describe("Robotyc Firmata in the emulated Mega 2560", () => {
  it("reaches ready with 16 analog inputs; servo pulses come from Timer5", async () => {
    const { board, five: j5 } = await bootWithJohnnyFive({
      board: "mega",
      hex: ourFirmwareHex("mega"),
    });
    running.push(board);
    expect(j5.io.firmware.name).toBe(FIRMWARE_NAME);
    expect(j5.io.analogPins).toEqual(Array.from({ length: 16 }, (_, i) => 54 + i));
    const servo = new five.Servo({ pin: 9, board: j5, startAt: 0 });
    board.pins.servoPulseMs(9);
    servo.to(180);
    await untilBoard(board, () => Math.abs((board.pins.servoPulseMs(9) ?? 0) - 2.4) < 0.02, 1);
    board.setAnalog(15, 4.0);
    const sensor = new five.Sensor({ pin: "A15", board: j5, freq: 20 });
    let raw = -1;
    sensor.on("data", () => (raw = sensor.raw));
    await untilBoard(board, () => Math.abs(raw - 819) <= 1, 2);
    sensor.disable();
  });
});

describe("Robotyc Firmata in the emulated Uno", () => {
  it("reaches Johnny-Five ready and reports its name, version and capabilities", async () => {
    const { j5 } = await boot();
    expect(j5.io.firmware.name).toBe(FIRMWARE_NAME);
    expect(j5.io.firmware.version).toEqual(FIRMWARE_VERSION);
    expect(j5.io.analogPins).toEqual([14, 15, 16, 17, 18, 19]);
    const PING = 0x75;
    expect(j5.io.pins[7]!.supportedModes).toContain(PING);
    expect(j5.io.pins[9]!.supportedModes).toEqual(expect.arrayContaining([0, 1, 3, 4, 0x0b]));
    expect(j5.io.pins[8]!.supportedModes).not.toContain(3); // no PWM on pin 8
    expect(j5.io.pins[0]!.supportedModes).toEqual([]); // serial link: not offered
    expect(j5.io.pins[18]!.supportedModes).toEqual(expect.arrayContaining([2, 6]));
  });

  it("lights the LED on pin 13", async () => {
    const { board, j5 } = await boot();
    const led = new five.Led({ pin: 13, board: j5 });
    led.on();
    await untilBoard(board, () => board.pins.level(13) === 1, 1);
    led.off();
    await untilBoard(board, () => board.pins.level(13) === 0, 1);
    expect(board.pins.mode(13)).toBe("output");
  });

  it("reports digital inputs (driven from outside, and a pull-up) and answers pin-state queries", async () => {
    const { board, j5 } = await boot();
    const io = j5.io as unknown as {
      digitalRead(pin: number, cb: (value: number) => void): void;
      pins: { mode: number; value: number }[];
    };
    const values = new Map<number, number>();
    j5.io.pinMode(2, 0); // INPUT
    j5.io.pinMode(3, 0x0b); // PULLUP
    io.digitalRead(2, (value) => values.set(2, value));
    io.digitalRead(3, (value) => values.set(3, value));
    board.setDigital(2, 1);
    await untilBoard(board, () => values.get(2) === 1 && values.get(3) === 1, 1);
    board.setDigital(2, 0);
    board.setDigital(3, 0); // a button to ground on the pulled-up pin
    await untilBoard(board, () => values.get(2) === 0 && values.get(3) === 0, 1);
    board.setDigital(3, undefined); // released: the pull-up wins again
    await untilBoard(board, () => values.get(3) === 1, 1);
    expect(board.pins.mode(3)).toBe("input-pullup");
    j5.io.pinMode(6, 3); // PWM
    j5.io.analogWrite(6, 77);
    let state = -1;
    await untilBoard(board, () => board.pins.pwmDuty(6) > 0.29, 1);
    j5.io.queryPinState(6, () => (state = io.pins[6]!.value));
    await untilBoard(board, () => state === 77, 1);
  });

  it("reads the voltage set on A0 through a Sensor", async () => {
    const { board, j5 } = await boot();
    board.setAnalog(0, 2.5);
    const sensor = new five.Sensor({ pin: "A0", board: j5, freq: 20 });
    let raw = -1;
    sensor.on("data", () => (raw = sensor.raw));
    await untilBoard(board, () => Math.abs(raw - 512) <= 1, 2);
    board.setAnalog(0, 1.0);
    await untilBoard(board, () => Math.abs(raw - 205) <= 1, 2);
  });

  it("drives a Servo on pin 9 with 0.6-2.4 ms pulses every 20 ms", async () => {
    const { board, j5 } = await boot();
    const servo = new five.Servo({ pin: 9, board: j5, startAt: 90 });
    board.pins.servoPulseMs(9); // start observing
    const cases: [number, number][] = [
      [0, 0.6],
      [90, 1.5],
      [180, 2.4],
    ];
    for (const [degrees, ms] of cases) {
      servo.to(degrees);
      await untilBoard(board, () => Math.abs((board.pins.servoPulseMs(9) ?? 0) - ms) < 0.02, 1);
    }
    // Period: rising edges 20 ms apart.
    const rises: number[] = [];
    board.pins.onChange(9, (level, seconds) => level === 1 && rises.push(seconds));
    await untilBoard(board, () => rises.length >= 3, 1);
    expect(rises[2]! - rises[1]!).toBeCloseTo(0.02, 3);
  });

  it("measures the modelled HC-SR04 distance with Proximity (±1 cm)", async () => {
    const { board, j5 } = await boot();
    let distance = 30;
    board.attachHcSr04({ trig: 7, distanceCm: () => distance });
    const proximity = new five.Proximity({ controller: "HCSR04", pin: 7, board: j5 });
    let cm = -1;
    proximity.on("data", () => (cm = proximity.cm));
    await untilBoard(board, () => Math.abs(cm - 30) <= 1, 2);
    distance = 85;
    await untilBoard(board, () => Math.abs(cm - 85) <= 1, 2);
  });

  it("answers every ping while it streams analog reports, I2C reads and servo pulses", async () => {
    const { board, j5 } = await boot();
    board.attachHcSr04({ trig: 12, distanceCm: () => 37 });
    const sensors = [0, 1, 2].map((channel) => {
      board.setAnalog(channel, 1 + channel);
      const sensor = new five.Sensor({ pin: `A${channel}`, board: j5, freq: 10 });
      sensor.on("data", () => undefined);
      return sensor;
    });
    board.attachI2cDevice(TCS34725_ADDRESS, createTcs34725({ c: 900, r: 300, g: 300, b: 300 }));
    const io = j5.io as unknown as {
      i2cRead(address: number, register: number, count: number, cb: () => void): void;
    };
    j5.io.i2cConfig({ delay: 0 });
    io.i2cRead(TCS34725_ADDRESS, 0x80 | 0x20 | 0x14, 8, () => undefined); // continuous
    new five.Servo({ pin: 10, board: j5, startAt: 45 });
    const proximity = new five.Proximity({ controller: "HCSR04", pin: 12, board: j5 });
    const readings: number[] = [];
    proximity.on("data", () => readings.push(proximity.cm));
    // Johnny-Five sends the next ping only after the previous answer: one lost byte stops it.
    await untilBoard(board, () => readings.filter((cm) => cm > 0).length >= 25, 10, 0.01);
    const measured = readings.slice(readings.findIndex((cm) => cm > 0)); // data events start at 0
    for (const cm of measured) expect(Math.abs(cm - 37)).toBeLessThanOrEqual(1);
    for (const sensor of sensors) sensor.disable();
  });

  it("reads a TCS34725 colour sensor over I2C", async () => {
    const { board, j5 } = await boot();
    const sensor = createTcs34725({ c: 5000, r: 3000, g: 1200, b: 700 });
    board.attachI2cDevice(TCS34725_ADDRESS, sensor);
    const io = j5.io;
    io.i2cConfig({ delay: 0 });
    const read = (register: number, count: number): Promise<number[]> =>
      new Promise((resolve) => io.i2cReadOnce(TCS34725_ADDRESS, register, count, resolve));
    const COMMAND = 0x80;
    const AUTO = 0x20;
    const [id] = await read(COMMAND | 0x12, 1);
    expect(id).toBe(0x44);
    io.i2cWrite(TCS34725_ADDRESS, COMMAND | 0x01, [0xc0]); // ATIME: 64 cycles, max 65535
    io.i2cWrite(TCS34725_ADDRESS, COMMAND | 0x00, [0x03]); // PON | AEN
    const bytes = await read(COMMAND | AUTO | 0x14, 8);
    const words = [0, 2, 4, 6].map((i) => bytes[i]! | (bytes[i + 1]! << 8));
    expect(words).toEqual([5000, 3000, 1200, 700]);
  });

  it("failsafe: a silent host stops the motors within 600 ms of board time, next command resumes", async () => {
    const { board, j5 } = await boot();
    const motor = new five.Motor({ pins: { pwm: 5, dir: 4 }, board: j5 });
    let lastWrite = 0;
    const write = board.port.write.bind(board.port);
    board.port.write = (data, callback) => {
      lastWrite = board.cpuTime();
      return write(data, callback);
    };
    motor.forward(200);
    await untilBoard(board, () => Math.abs(board.pins.pwmDuty(5) - 201 / 256) < 0.01, 1);
    // The host stops talking (nothing more is written): the motor must stop.
    const stoppedAt = await untilBoard(board, () => board.pins.pwmDuty(5) === 0, 1.5);
    const silence = stoppedAt - lastWrite;
    expect(silence).toBeGreaterThan(0.45);
    expect(silence).toBeLessThan(0.6);
    motor.forward(120);
    await untilBoard(board, () => board.pins.pwmDuty(5) > 0.4, 1);
  });

  it("failsafe: a cut link while a Proximity keeps the host busy; timeout set by our SysEx", async () => {
    const { board, j5 } = await boot();
    board.attachHcSr04({ trig: 7, distanceCm: () => 50 });
    new five.Proximity({ controller: "HCSR04", pin: 7, board: j5 });
    j5.io.sysexCommand([0x01, 200 & 0x7f, 200 >> 7]); // failsafe after 200 ms
    const motor = new five.Motor({ pins: { pwm: 6, dir: 4 }, board: j5 });
    motor.forward(255);
    await untilBoard(board, () => board.pins.pwmDuty(6) === 1, 1);
    await board.waitFor(0.5); // pings every 65 ms keep the failsafe quiet
    expect(board.pins.pwmDuty(6)).toBe(1);
    board.setLinkConnected(false);
    const cutAt = board.cpuTime();
    const stoppedAt = await untilBoard(board, () => board.pins.pwmDuty(6) === 0, 1);
    expect(stoppedAt - cutAt).toBeLessThan(0.3);
  });

  it("keeps answering after 1 MB of random bytes and truncated SysEx", async () => {
    const { board } = await boot();
    board.setHostByteCycles(100); // faster than any wire: the firmware's buffer overflows too
    let seed = 12345;
    const random = new Uint8Array(1 << 20).map(() => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    });
    board.port.write(random);
    await untilBoard(board, () => board.pendingHostBytes() === 0, 60, 0.05);
    board.setHostByteCycles(undefined);
    // Truncated SysEx, then a command: the command must still be understood.
    board.port.write([0xf0, 0x79, 0x01, 0x02]);
    const version = awaitBytes(board, [0xf9, 0x02, 0x06]);
    board.port.write([0xf9]);
    await version;
    // An overlong SysEx is dropped, the next query answered.
    board.port.write([0xf0, 0x71, ...new Array(300).fill(0x41), 0xf7]);
    const { major, minor } = FIRMWARE_VERSION;
    const name = awaitBytes(board, [0xf0, 0x79, major, minor, 0x52, 0x00]); // "R"
    board.port.write([0xf0, 0x79, 0xf7]);
    await name;
  });
});
