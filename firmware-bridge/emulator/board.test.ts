import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { parseIntelHex, toIntelHex } from "../intel-hex.ts";
import { createEmulatedBoard, type EmulatedBoard } from "./board.ts";
import { connectJohnnyFive } from "./johnny-five.ts";

const require = createRequire(import.meta.url);
const stockFirmata = readFileSync(
  require.resolve("avrgirl-arduino/junk/hex/uno/StandardFirmata.cpp.hex"),
  "utf8",
);

const boards: EmulatedBoard[] = [];
function board(...args: Parameters<typeof createEmulatedBoard>): EmulatedBoard {
  const b = createEmulatedBoard(...args);
  boards.push(b);
  return b;
}
afterEach(() => {
  for (const b of boards.splice(0)) b.stop();
});

describe("Intel HEX", () => {
  it("round-trips an image and refuses a bad checksum with a localized message", () => {
    const image = { start: 0x100, data: Uint8Array.from({ length: 70 }, (_, i) => (i * 7) & 0xff) };
    const parsed = parseIntelHex(toIntelHex(image));
    expect(parsed.start).toBe(0x100);
    expect(Array.from(parsed.data)).toEqual(Array.from(image.data));
    const broken = toIntelHex(image).replace(/^:10010000/, ":10010001");
    expect(() => parseIntelHex(broken)).toThrow(/line 1: checksum/);
  });
});

describe("emulated ATmega328P", () => {
  it("resets like a real chip when the port opens: I/O registers and USART back to reset state", () => {
    const b = board({ hex: stockFirmata });
    b.runFor(2.5); // StandardFirmata has set up Serial and pins by now
    const running = b.pins.mode(13);
    expect(running).toBe("output");
    b.port.open();
    expect(b.lastResetCause()).toBe("external");
    expect(b.pins.mode(13)).toBe("input"); // DDRB cleared
    // The firmware speaks again after the reset (USART state was reset, not frozen).
    const received: number[] = [];
    b.port.on("data", (data: Buffer) => received.push(...data));
    b.runFor(2.5);
    expect(received).toContain(0xf9); // REPORT_VERSION
    expect(b.cpuTime()).toBeGreaterThan(5);
  });

  it("drives pin observers with cycle-exact timestamps", () => {
    const b = board({ hex: stockFirmata });
    const edges: { level: number; seconds: number }[] = [];
    b.pins.onChange(13, (level, seconds) => edges.push({ level, seconds }));
    b.runFor(2.5);
    // StandardFirmata blinks its version on pin 13 at start-up.
    expect(edges.length).toBeGreaterThan(2);
    for (let i = 1; i < edges.length; i++)
      expect(edges[i]!.seconds).toBeGreaterThan(edges[i - 1]!.seconds);
  });

  it("stopping a real-time board leaves the event loop healthy for the next board", async () => {
    const first = board({ hex: stockFirmata, speed: "realtime" });
    first.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    first.stop(); // most likely waiting on its 1 ms timer: a Timeout, not an Immediate
    const second = board({ hex: stockFirmata });
    second.start();
    await second.waitFor(0.05);
    expect(second.cpuTime()).toBeGreaterThanOrEqual(0.05);
    let ticks = 0;
    await new Promise<void>((resolve) => setImmediate(() => (ticks++, resolve())));
    expect(ticks).toBe(1);
  });

  it("refuses a board it does not emulate and a pin that does not exist", () => {
    expect(() => createEmulatedBoard({ board: "leonardo" as never })).toThrow(/not emulated/);
    const b = board({ hex: stockFirmata });
    expect(() => b.setDigital(42, 1)).toThrow(/Pin 42/);
  });

  it("runs the stock StandardFirmata until Johnny-Five is ready", async () => {
    const b = board({ hex: stockFirmata });
    b.start();
    const five = await connectJohnnyFive(b.port);
    expect(five.isReady).toBe(true);
    expect(five.io.firmware.name).toMatch(/StandardFirmata/);
    expect(five.io.analogPins).toEqual([14, 15, 16, 17, 18, 19]);
  });
});
