/**
 * Steering a run (stop, pause, step, pace) changes when ticks happen, never what they do; a stop
 * ends a run at once, even one whose program never awaits.
 */
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { REFERENCE_ARENA } from "./arenas/reference.ts";
import { RunControl } from "./control.ts";
import type { ReplayFrame } from "./replay/replay.ts";
import { runSimulation } from "./simulation.ts";

/** Keeps the robot busy for the whole time limit with awaited motions. */
const BUSY = `
while (true) {
  await robot.forward(25);
  await robot.turnRight(120);
}
`;
/** Never awaits: every read of the sensor steps the world from inside the sandbox. */
const POLLING = `
while (robot.distance() > -1) {}
`;
const TIME_LIMIT = 120;
/**
 * The time limit of the runs a stop must end early: long enough that a run cannot end before the
 * stop arrives (from another thread, that thread's start-up included), however fast the simulator
 * gets (at ~400x real time, 120 s simulated took under 0.3 s and once ended first).
 */
const LONG_TIME_LIMIT = 3600;
/** The frames of a whole run to LONG_TIME_LIMIT (20 a second): a stopped run has fewer. */
const FULL_FRAMES = LONG_TIME_LIMIT * 20;

const run = (program: string, extra: Partial<Parameters<typeof runSimulation>[0]> = {}) =>
  runSimulation({ program, arena: REFERENCE_ARENA, seed: 4, maxTime: TIME_LIMIT, ...extra });

/** Aborts `buffer`'s run from another thread after `ms` (the app's page stopping a worker's run). */
function abortFromAnotherThread(buffer: SharedArrayBuffer, ms: number): Worker {
  const tsx = import.meta.resolve("tsx/esm/api");
  const control = new URL("./control.ts", import.meta.url).href;
  const code = `
    const { workerData } = require("node:worker_threads");
    import(${JSON.stringify(tsx)}).then(async (api) => {
      api.register();
      const { RunControl } = await import(${JSON.stringify(control)});
      setTimeout(() => new RunControl(workerData).abort(), ${ms});
    });
  `;
  return new Worker(code, { eval: true, workerData: buffer });
}

describe("stopping a run", () => {
  it("an AbortSignal stops an unpaced run before its end; the run rejects with the signal's reason", async () => {
    const controller = new AbortController();
    const frames: ReplayFrame[] = [];
    const onFrame = (frame: ReplayFrame) => {
      // Once the run is under way, the stop comes from a timer: through the event loop.
      if (frames.push(frame) === 1)
        setTimeout(() => controller.abort(new Error("Stop pressed")), 50);
    };
    await expect(
      run(BUSY, { signal: controller.signal, onFrame, maxTime: LONG_TIME_LIMIT }),
    ).rejects.toThrow("Stop pressed");
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThan(FULL_FRAMES);
  });

  it("an already aborted signal runs nothing", async () => {
    const frames: ReplayFrame[] = [];
    const signal = AbortSignal.abort();
    await expect(run(BUSY, { signal, onFrame: (f) => frames.push(f) })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(frames).toEqual([]);
  });

  it("a stop from another thread ends a program busy in a synchronous sensor loop", async () => {
    const control = new RunControl();
    expect(control.buffer).toBeInstanceOf(SharedArrayBuffer);
    const frames: ReplayFrame[] = [];
    let worker: Worker | undefined;
    const onFrame = (frame: ReplayFrame) => {
      if (frames.push(frame) === 1)
        worker = abortFromAnotherThread(control.buffer as SharedArrayBuffer, 300);
    };
    try {
      await expect(
        run(POLLING, { control, onFrame, maxTime: LONG_TIME_LIMIT }),
      ).rejects.toMatchObject({ name: "AbortError" });
    } finally {
      await worker?.terminate();
    }
    expect(frames.length).toBeLessThan(FULL_FRAMES);
  });
});

describe("pausing, stepping, pacing", () => {
  it("pause, step and resume give the same run as an uninterrupted one", async () => {
    const plain = await run(BUSY, { maxTime: 6 });
    const control = new RunControl();
    control.pause();
    const frames: ReplayFrame[] = [];
    const done = run(BUSY, { maxTime: 6, control, onFrame: (f) => frames.push(f) });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 60));
    // A step's frames come when the run gets the CPU: wait for them, not for a fixed time.
    const reached = async (tick: number) => {
      for (let waited = 0; frames.at(-1)!.tick < tick && waited < 10_000; waited += 10)
        await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await settle();
    // Paused before the first tick: only the starting frame exists.
    expect(frames.map((f) => f.tick)).toEqual([0]);
    control.step(12);
    await reached(12);
    await settle();
    // The step ends there: still paused, no frame past it.
    expect(frames.map((f) => f.tick)).toEqual([0, 6, 12]);
    expect(control.paused).toBe(true);
    control.step(6);
    await reached(18);
    await settle();
    expect(frames.at(-1)!.tick).toBe(18);
    control.resume();
    const result = await done;
    expect(result.trace).toEqual(plain.trace);
    expect(result.events).toEqual(plain.events);
  });

  it("a pace change while running keeps the run identical", async () => {
    const plain = await run(BUSY, { maxTime: 3 });
    const control = new RunControl(undefined, { pace: 8 });
    setTimeout(() => control.setPace(null), 100);
    const paced = await run(BUSY, { maxTime: 3, control });
    expect(paced.trace).toEqual(plain.trace);
  });

  it("refuses a pace outside 0.25..8", () => {
    const control = new RunControl();
    expect(() => control.setPace(16)).toThrow(RangeError);
    expect(() => control.setPace(0.1)).toThrow(RangeError);
    control.setPace(0.25);
    expect(control.pace).toBe(0.25);
    control.setPace(null);
    expect(control.pace).toBeNull();
  });
});
