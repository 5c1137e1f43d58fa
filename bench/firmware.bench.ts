/**
 * The emulated board running our firmware under Johnny-Five: emulator speed (% of real time),
 * time to `ready`, and the round trip of a digital write until the pin changes.
 */
import { median, type BenchRow } from "./harness.ts";
import {
  bootWithJohnnyFive,
  loadJohnnyFive,
  type EmulatedBoard,
} from "../firmware-bridge/index.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default async function (): Promise<BenchRow[]> {
  const { five } = loadJohnnyFive();

  // Time to ready: board creation and start, until Johnny-Five's `ready` (wall clock).
  const readyTimes: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    const { board } = await bootWithJohnnyFive();
    readyTimes.push(performance.now() - start);
    board.stop();
  }

  // Speed with a typical load: an analog sensor reporting every 20 ms and an LED blinking.
  const { board, five: j5 } = await bootWithJohnnyFive();
  const sensor = new five.Sensor({ pin: "A0", board: j5, freq: 20 });
  sensor.on("data", () => undefined);
  board.setAnalog(0, 1.7);
  const led = new five.Led({ pin: 12, board: j5 });
  const blink = setInterval(() => led.on(), 100);
  const ratios: number[] = [];
  for (let sample = 0; sample < 5; sample++) {
    const wall = performance.now();
    const cpu = board.cpuTime();
    await sleep(1000);
    ratios.push((board.cpuTime() - cpu) / ((performance.now() - wall) / 1000));
  }
  clearInterval(blink);
  sensor.disable();

  // Round trip: io.digitalWrite → firmware → pin 13 changes (seen by a pin observer).
  const latencies = await roundTrips(board, j5.io, 40);
  board.stop();

  const speed = median(ratios) * 100;
  const ready = median(readyTimes);
  const latency = median(latencies);
  return [
    {
      suite: "firmware",
      name: "emulator speed, our firmware under Johnny-Five",
      median: speed,
      unit: "% real time",
      ratio: speed / 100,
      target: "≥ 250 %",
      ok: speed >= 250,
      samples: ratios.length,
    },
    {
      suite: "firmware",
      name: "time to Johnny-Five ready",
      median: ready,
      unit: "ms",
      target: "≤ 1000 ms",
      ok: ready <= 1000,
      samples: readyTimes.length,
    },
    {
      suite: "firmware",
      name: "digital write round trip to the pin",
      median: latency,
      unit: "ms",
      target: "≤ 20 ms",
      ok: latency <= 20,
      samples: latencies.length,
    },
  ];
}

async function roundTrips(
  board: EmulatedBoard,
  io: { pinMode(pin: number, mode: number): void; digitalWrite(pin: number, value: 0 | 1): void },
  count: number,
): Promise<number[]> {
  io.pinMode(13, 1);
  await sleep(50);
  const times: number[] = [];
  let level: 0 | 1 = board.pins.level(13);
  for (let i = 0; i < count; i++) {
    const target: 0 | 1 = level ? 0 : 1;
    const seen = new Promise<number>((resolve) => {
      const stop = board.pins.onChange(13, (value) => {
        if (value !== target) return;
        stop();
        resolve(performance.now());
      });
    });
    const start = performance.now();
    io.digitalWrite(13, target);
    times.push((await seen) - start);
    level = target;
    await sleep(5 + (i % 7)); // not in step with the emulator's slices
  }
  return times;
}
