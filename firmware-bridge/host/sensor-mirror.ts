/**
 * The sensor mirror: a SharedArrayBuffer that the thread owning the board link writes the latest
 * Robot API readings into, and that the pupil program's worker reads synchronously. QuickJS runs
 * pupil code synchronously, so `while (robot.distance() > 10) {}` never lets the worker's event
 * loop run; the readings reach it through shared memory instead. A read waits (Atomics.wait) until
 * a sample newer than the one it last returned arrives, about one sample period at most, so a
 * polling loop runs at the sensor's rate and real time passes as it should.
 */
import {
  COLOR_NAMES,
  LocalizedError,
  type ColorReading,
  type LineReading,
  type Localized,
} from "../../runtime/engine.ts";

/** Int32 slots. */
const GEN = 0; // grows with every write; readers wait on it
const STATE = 1; // 0: link ready, 1: link lost (the reason is in the failure bytes)
const FAIL_LENGTH = 2;
const INT_SLOTS = 4;

/** Float64 slots. */
const DIST = 0;
const DIST_SEQ = 1;
const LINE = 2; // 3 slots: 1 = dark, 0 = light
const LINE_SEQ = 5;
const COLOR = 6; // 4 slots: name index, r, g, b
const COLOR_SEQ = 10;
const HEADING = 11;
const HEADING_SEQ = 12;
const FLOAT_SLOTS = 16;

const FAILURE_BYTES = 4096;

export type MirroredSensor = "distance" | "line" | "color" | "heading";
const SEQ_SLOT: Record<MirroredSensor, number> = {
  distance: DIST_SEQ,
  line: LINE_SEQ,
  color: COLOR_SEQ,
  heading: HEADING_SEQ,
};

export function createMirrorBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(INT_SLOTS * 4 + FLOAT_SLOTS * 8 + FAILURE_BYTES);
}

class MirrorView {
  readonly ints: Int32Array;
  readonly floats: Float64Array;
  readonly failure: Uint8Array;
  constructor(readonly buffer: SharedArrayBuffer) {
    this.ints = new Int32Array(buffer, 0, INT_SLOTS);
    this.floats = new Float64Array(buffer, INT_SLOTS * 4, FLOAT_SLOTS);
    this.failure = new Uint8Array(buffer, INT_SLOTS * 4 + FLOAT_SLOTS * 8, FAILURE_BYTES);
  }
}

export interface MirrorReadings {
  distance?: { value: number; seq: number };
  line?: { value: LineReading; seq: number };
  color?: { value: ColorReading; seq: number };
  heading: number;
}

/** The link thread's side. */
export class SensorMirrorWriter extends MirrorView {
  write(readings: MirrorReadings): void {
    const f = this.floats;
    if (readings.distance) {
      f[DIST] = readings.distance.value;
      f[DIST_SEQ] = readings.distance.seq;
    }
    if (readings.line) {
      const { left, center, right } = readings.line.value;
      f[LINE] = left ? 1 : 0;
      f[LINE + 1] = center ? 1 : 0;
      f[LINE + 2] = right ? 1 : 0;
      f[LINE_SEQ] = readings.line.seq;
    }
    if (readings.color) {
      const c = readings.color.value;
      f[COLOR] = COLOR_NAMES.indexOf(c.name);
      f[COLOR + 1] = c.r;
      f[COLOR + 2] = c.g;
      f[COLOR + 3] = c.b;
      f[COLOR_SEQ] = readings.color.seq;
    }
    f[HEADING] = readings.heading;
    f[HEADING_SEQ] = f[HEADING_SEQ]! + 1;
    Atomics.add(this.ints, GEN, 1);
    Atomics.notify(this.ints, GEN);
  }

  /** The link is lost: readers throw `reason` from now on. */
  fail(reason: LocalizedError): void {
    const bytes = new TextEncoder().encode(
      JSON.stringify({ message: reason.messageKey, params: reason.params }),
    );
    const length = Math.min(bytes.length, FAILURE_BYTES);
    this.failure.set(bytes.subarray(0, length));
    Atomics.store(this.ints, FAIL_LENGTH, length);
    Atomics.store(this.ints, STATE, 1);
    Atomics.add(this.ints, GEN, 1);
    Atomics.notify(this.ints, GEN);
  }
}

/** The worker's side. */
export class SensorMirrorReader extends MirrorView {
  private readonly seen: Record<MirroredSensor, number> = {
    distance: 0,
    line: 0,
    color: 0,
    heading: 0,
  };

  /** Throws the link's failure, if it failed. */
  check(): void {
    if (Atomics.load(this.ints, STATE) === 0) return;
    const length = Atomics.load(this.ints, FAIL_LENGTH);
    const text = new TextDecoder().decode(this.failure.slice(0, length));
    const { message, params } = JSON.parse(text) as {
      message: Localized;
      params: Record<string, string | number>;
    };
    throw new LocalizedError(message, params);
  }

  /**
   * Waits until `sensor` has a sample newer than the one this reader last returned, at most
   * `timeoutMs` (then the latest one is returned: a sensor that stopped answering reads as it
   * last was, and the link's silence watchdog reports the loss).
   */
  waitFresh(sensor: MirroredSensor, timeoutMs: number): void {
    const slot = SEQ_SLOT[sensor];
    const end = performance.now() + timeoutMs;
    for (;;) {
      this.check();
      const gen = Atomics.load(this.ints, GEN);
      if (this.floats[slot]! > this.seen[sensor]) break;
      const left = end - performance.now();
      if (left <= 0) break;
      Atomics.wait(this.ints, GEN, gen, left);
    }
    this.seen[sensor] = this.floats[slot]!;
  }

  distance(): number {
    return this.floats[DIST]!;
  }

  line(): LineReading {
    const f = this.floats;
    return { left: f[LINE] === 1, center: f[LINE + 1] === 1, right: f[LINE + 2] === 1 };
  }

  color(): ColorReading {
    const f = this.floats;
    return {
      name: COLOR_NAMES[f[COLOR]!] ?? "black",
      r: f[COLOR + 1]!,
      g: f[COLOR + 2]!,
      b: f[COLOR + 3]!,
    };
  }

  heading(): number {
    return this.floats[HEADING]!;
  }
}
