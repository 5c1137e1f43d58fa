/**
 * A pupil program run on the twin, headless: the world of an arena, the board booted and
 * Johnny-Five connected while the robot stands at its start, then the program in the sandbox
 * driving `BoardRobot` in lockstep, the world settling after it, the events, final state and trace,
 * as the simulator's own runner gives them (`runWorld`), so a challenge scores both the same way.
 */
import type { KitProfile } from "../boards/index.ts";
import { findKit } from "../boards/index.ts";
import type { Calibration } from "../firmware-bridge/index.ts";
import {
  LocalizedError,
  runProgram,
  type CompiledProgram,
  type Locale,
  type RobotPart,
  type RunLimits,
} from "../runtime/engine.ts";
import {
  loadArena,
  Recorder,
  SETTLE_SECONDS,
  World,
  type ReplayFrame,
  type SimulationResult,
} from "../simulator/index.ts";
import { TWIN_MESSAGES } from "./messages.ts";
import { Twin } from "./twin.ts";
import { TwinDriver } from "./twin-driver.ts";
import { TWIN_CALIBRATION } from "./twin-calibration.ts";

export interface TwinRunOptions {
  program: CompiledProgram;
  /** An arena (checked again here) or its JSON text. */
  arena: unknown;
  seed: number;
  /** Seconds the program may run (twin time: board time since the program started). */
  maxTime: number;
  locale?: Locale;
  print?: (text: string) => void;
  limits?: RunLimits;
  /** The robot kit (default: the 2WD kit). */
  kit?: KitProfile;
  /** BoardRobot's calibration (default: the twin's own, `TWIN_CALIBRATION`). */
  calibration?: Calibration;
  /** Parts the program may use, within the kit's (a challenge's kit). */
  parts?: readonly RobotPart[];
  record?: boolean;
  /** Every frame (1/20 s) of the run, exactly as its replay decodes it (a live view). */
  onFrame?: (frame: ReplayFrame) => void;
}

export interface TwinRunResult extends SimulationResult {
  /** Board seconds from power-on to Johnny-Five ready with the kit set up. */
  readySeconds: number;
  /** Board seconds the whole run took (boot, program, settling). */
  boardSeconds: number;
}

export async function runTwinSimulation(options: TwinRunOptions): Promise<TwinRunResult> {
  const locale = options.locale ?? "fr";
  const kit = options.kit ?? findKit("2wd-kit")!;
  const arena = loadArena(options.arena);
  const world = await World.create({ arena, seed: options.seed, kit: kit.geometry });
  let twin: Twin | null = null;
  try {
    const recorder = new Recorder(world, options.record === true, options.onFrame ?? null);
    world.onTick = () => recorder.onTick();
    twin = await Twin.boot({ world, kit, calibration: options.calibration ?? TWIN_CALIBRATION });
    twin.startWorld();
    const driver = new TwinDriver(twin, {
      timeLimit: options.maxTime,
      ...(options.parts ? { parts: options.parts } : {}),
    });
    recorder.robotState = () => driver.frameState();
    let outcome: SimulationResult["outcome"];
    let error: SimulationResult["error"];
    try {
      const result = await runProgram({
        program: options.program,
        driver,
        // The sandbox's Math.random draws from the run's one generator, as in the arena.
        seed: world.random.uint32(),
        locale,
        maxTime: options.maxTime,
        ...(options.print ? { print: options.print } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
      });
      outcome = result.outcome;
      if (result.error)
        error = {
          message: result.error.message,
          ...(result.error.line ? { line: result.error.line } : {}),
        };
    } catch (failure) {
      outcome = "error";
      const detail = String((failure as Error)?.message ?? failure);
      error = {
        message:
          failure instanceof LocalizedError
            ? failure.localized(locale)
            : TWIN_MESSAGES.internal[locale].replace("{detail}", detail),
      };
    }
    const simTime = Math.min(driver.time(), options.maxTime);
    if (twin.connection.state === "ready") driver.stop();
    await driver.dispose();
    await driver.runFor(SETTLE_SECONDS);
    const final = world.final();
    const { trace, replay } = recorder.finish(outcome, options.seed, final);
    return {
      outcome,
      simTime,
      events: [...world.events],
      final,
      trace,
      ...(error ? { error } : {}),
      ...(replay ? { replay } : {}),
      readySeconds: twin.readySeconds,
      boardSeconds: twin.board.cpuTime(),
    };
  } finally {
    await twin?.close();
    world.onTick = null;
    world.dispose();
  }
}
