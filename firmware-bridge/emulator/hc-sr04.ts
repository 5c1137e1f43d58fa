/**
 * An HC-SR04 ultrasonic module on the board's pins, timed in CPU cycles: a trigger pulse (≥ 10 µs
 * high, as the datasheet asks) → after the 40 kHz burst (250 µs) an echo pulse of 58.3 µs per cm
 * (round trip at 343 m/s); nothing in range (< 2 or > 400 cm, undefined) → a 38 ms pulse.
 * One-pin wiring (trigger and echo tied, as Johnny-Five's PingFirmata wiring) works.
 */
import { FREQUENCY, type Mcu } from "./mcu.ts";
import type { PinBank } from "./pins.ts";

export interface HcSr04Options {
  trig: number;
  /** Echo pin; the same as `trig` for a one-pin (PingFirmata) wiring. */
  echo?: number;
  /** Distance to the obstacle in cm; `undefined`/NaN/> 400 means nothing in range. */
  distanceCm: () => number | undefined;
}

const CYCLES_PER_US = FREQUENCY / 1_000_000;
const TRIGGER_MIN_CYCLES = 10 * CYCLES_PER_US; // datasheet: ≥ 10 µs
const BURST_CYCLES = 250 * CYCLES_PER_US; // 8 cycles of 40 kHz, then the echo
const NO_ECHO_US = 38_000;

/** Wires the module; returns a function that removes it. */
export function attachHcSr04(mcu: Mcu, pins: PinBank, options: HcSr04Options): () => void {
  const { trig, echo = trig, distanceCm } = options;
  pins.location(trig);
  pins.location(echo);
  let rise = -1;
  let echoing = false;
  const stopListening = pins.onChange(trig, (level, _seconds, cycles) => {
    if (pins.mode(trig) !== "output") return;
    if (level === 1) {
      rise = cycles;
      return;
    }
    if (rise < 0 || cycles - rise < TRIGGER_MIN_CYCLES || echoing) return;
    rise = -1;
    const distance = distanceCm();
    const inRange =
      distance !== undefined && Number.isFinite(distance) && distance >= 2 && distance <= 400;
    const widthUs = inRange ? (distance * 2) / 0.0343 : NO_ECHO_US;
    echoing = true;
    mcu.schedule(() => {
      pins.drive(echo, 1);
      mcu.schedule(
        () => {
          pins.drive(echo, 0);
          echoing = false;
        },
        Math.round(widthUs * CYCLES_PER_US),
      );
    }, BURST_CYCLES);
  });
  pins.drive(echo, 0);
  const stopOnReset = mcu.onReset(() => {
    echoing = false;
    rise = -1;
    pins.drive(echo, 0);
  });
  return () => {
    stopListening();
    stopOnReset();
    pins.drive(echo, undefined);
  };
}
