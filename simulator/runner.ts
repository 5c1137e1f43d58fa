/**
 * The headless runner: builds the world of an arena, lets a pilot (the pupil's program in the
 * sandbox) drive the simulated robot in lockstep, lets the world settle, and returns the events,
 * the final state and the trace (and the replay when asked).
 */
import type { KitGeometry } from "../boards/index.ts";
import { LocalizedError } from "../runtime/engine.ts";
import type { Locale } from "../runtime/engine.ts";
import { loadArena } from "./arena/load.ts";
import type { CameraSource, ClassifyItem } from "./camera.ts";
import type { FinalState, SimEvent } from "./events.ts";
import { MSG } from "./messages.ts";
import { Recorder } from "./replay/replay.ts";
import type { Replay, Trace } from "./replay/replay.ts";
import { SimRobot } from "./sim-robot.ts";
import type { SimRobotOptions } from "./sim-robot.ts";
import { World } from "./world/world.ts";

/** Simulated seconds the world runs on, motors off, after the program ends (items settle). */
export const SETTLE_SECONDS = 1;

/** "watchdog": stopped by the sandbox's last-resort wall-clock watchdog (see runtime/sandbox/watchdog.ts). */
export type Outcome = "finished" | "timeout" | "error" | "watchdog";

/** How a pilot's drive ended. */
export interface PilotResult {
  outcome: Outcome;
  error?: { message: string; line?: number };
}

/** Drives the robot until done; must respect `maxTime` (driver seconds). */
export type Pilot = (robot: SimRobot, maxTime: number) => Promise<PilotResult>;

export interface WorldRunOptions {
  /** An arena (checked again here) or its JSON text. */
  arena: unknown;
  seed: number;
  /** Simulated seconds the program may run. */
  maxTime: number;
  kit?: KitGeometry;
  locale?: Locale;
  parts?: SimRobotOptions["parts"];
  /** The picture source of `classify()` (the classifier's image bank); the PLACEHOLDER otherwise. */
  camera?: CameraSource;
  classifyItem?: ClassifyItem;
  record?: boolean;
  /** Real-time pacing for the app: simulated seconds per wall second, 0.25..8; off by default. */
  pace?: number;
  /** Called every tick with the world (for a live view); must not change the world. */
  onTick?: (world: World) => void;
}

export interface SimulationResult {
  outcome: Outcome;
  /** Simulated seconds when the program ended (before settling). */
  simTime: number;
  events: SimEvent[];
  final: FinalState;
  trace: Trace;
  error?: { message: string; line?: number };
  replay?: Replay;
}

/** A pause of about `ms` wall milliseconds (pacing only; the world never sees it). */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runWorld(options: WorldRunOptions, pilot: Pilot): Promise<SimulationResult> {
  const locale = options.locale ?? "fr";
  if (options.pace !== undefined && !(options.pace >= 0.25 && options.pace <= 8)) {
    throw new LocalizedError(MSG.badPacing, { value: String(options.pace) });
  }
  const arena = loadArena(options.arena);
  const world = await World.create({
    arena,
    seed: options.seed,
    ...(options.kit ? { kit: options.kit } : {}),
  });
  try {
    const recorder = new Recorder(world, options.record === true);
    const onTick = options.onTick;
    world.onTick = onTick
      ? () => {
          recorder.onTick();
          onTick(world);
        }
      : () => recorder.onTick();
    let pacer: ((simTime: number) => Promise<void>) | undefined;
    if (options.pace !== undefined) {
      const pace = options.pace;
      const wallStart = performance.now();
      pacer = async (simTime) => {
        const due = (simTime / pace) * 1000 - (performance.now() - wallStart);
        if (due > 1) await sleep(due);
      };
    }
    const robot = new SimRobot(world, {
      timeLimit: options.maxTime,
      ...(options.parts ? { parts: options.parts } : {}),
      ...(options.classifyItem ? { classifyItem: options.classifyItem } : {}),
      ...(options.camera ? { camera: options.camera } : {}),
      ...(pacer ? { pacer } : {}),
    });
    let result: PilotResult;
    try {
      result = await pilot(robot, options.maxTime);
    } catch (error) {
      const message =
        error instanceof LocalizedError
          ? error.localized(locale)
          : MSG.runInternal[locale].replace("{detail}", String((error as Error)?.message ?? error));
      result = { outcome: "error", error: { message } };
    }
    const simTime = Math.min(robot.time(), options.maxTime);
    robot.stop();
    robot.dispose();
    await robot.runFor(SETTLE_SECONDS);
    const final = world.final();
    const { trace, replay } = recorder.finish(result.outcome, options.seed, final);
    return {
      outcome: result.outcome,
      simTime,
      events: [...world.events],
      final,
      trace,
      ...(result.error ? { error: result.error } : {}),
      ...(replay ? { replay } : {}),
    };
  } finally {
    world.onTick = null;
    world.dispose();
  }
}
