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
import { RunAborted, RunControl } from "./control.ts";
import type { FinalState, SimEvent } from "./events.ts";
import { MSG } from "./messages.ts";
import { Recorder } from "./replay/replay.ts";
import type { Replay, ReplayFrame, Trace } from "./replay/replay.ts";
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
  /** `message` names the line and column once; `line`, `column` for tools. */
  error?: { message: string; line?: number; column?: number };
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
  /**
   * Pause, resume, step and change the pace while the run goes (`pace` above sets its start);
   * `abort()` stops it like `signal`. Shared with another thread, it works even while the
   * program is busy in a synchronous loop.
   */
  control?: RunControl;
  /** Stops the run at once; the run's promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Every frame (1/20 s) of the run, exactly as its replay decodes it: the view's one input. */
  onFrame?: (frame: ReplayFrame) => void;
  /** Called every tick with the world (for tests and tools); must not change the world. */
  onTick?: (world: World) => void;
}

export interface SimulationResult {
  outcome: Outcome;
  /** Simulated seconds when the program ended (before settling). */
  simTime: number;
  events: SimEvent[];
  final: FinalState;
  trace: Trace;
  /** `message` names the line and column once; `line`, `column` for tools. */
  error?: { message: string; line?: number; column?: number };
  replay?: Replay;
}

/** The reason a stopped run rejects with: the signal's, or a standard AbortError. */
function abortReason(signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason;
  return new DOMException("The run was stopped.", "AbortError");
}

export async function runWorld(options: WorldRunOptions, pilot: Pilot): Promise<SimulationResult> {
  const locale = options.locale ?? "fr";
  if (options.pace !== undefined && !(options.pace >= 0.25 && options.pace <= 8)) {
    throw new LocalizedError(MSG.badPacing, { value: String(options.pace) });
  }
  const { signal } = options;
  if (signal?.aborted) throw abortReason(signal);
  const control = options.control ?? new RunControl(undefined);
  if (options.pace !== undefined) control.setPace(options.pace);
  const onAbort = () => control.abort();
  signal?.addEventListener("abort", onAbort);
  const arena = loadArena(options.arena);
  const world = await World.create({
    arena,
    seed: options.seed,
    ...(options.kit ? { kit: options.kit } : {}),
  });
  try {
    const recorder = new Recorder(world, options.record === true, options.onFrame ?? null);
    const onTick = options.onTick;
    world.onTick = onTick
      ? () => {
          recorder.onTick();
          onTick(world);
        }
      : () => recorder.onTick();
    const robot = new SimRobot(world, {
      timeLimit: options.maxTime,
      ...(options.parts ? { parts: options.parts } : {}),
      ...(options.classifyItem ? { classifyItem: options.classifyItem } : {}),
      ...(options.camera ? { camera: options.camera } : {}),
      runControl: control,
    });
    recorder.robotState = () => robot.frameState();
    let result: PilotResult;
    try {
      result = await pilot(robot, options.maxTime);
    } catch (error) {
      if (error instanceof RunAborted || control.aborted) throw abortReason(signal);
      const message =
        error instanceof LocalizedError
          ? error.localized(locale)
          : MSG.runInternal[locale].replace("{detail}", String((error as Error)?.message ?? error));
      result = { outcome: "error", error: { message } };
    }
    // A stopped run ends here: no settling, no result (the pilot saw the stop as a failure).
    if (control.aborted) throw abortReason(signal);
    const simTime = Math.min(robot.time(), options.maxTime);
    robot.stop();
    robot.dispose();
    try {
      await robot.runFor(SETTLE_SECONDS);
    } catch (error) {
      if (error instanceof RunAborted) throw abortReason(signal);
      throw error;
    }
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
    signal?.removeEventListener("abort", onAbort);
    world.onTick = null;
    world.dispose();
  }
}
