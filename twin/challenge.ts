/**
 * A challenge run on the twin: the same arena for the seed, the same time limit, the same
 * scoring and replay as `runChallenge` (challenges' `compiledForRun` and `scoredRun`), with the
 * program driving the emulated board through Johnny-Five. The result adds `driver: "twin"` and
 * the board's figures.
 */
import type { KitProfile } from "../boards/index.ts";
import {
  compiledForRun,
  runArena,
  runPrints,
  scoredRun,
  type ChallengeRunOptions,
  type ChallengeRunResult,
} from "../challenges/index.ts";
import type { Calibration } from "../firmware-bridge/index.ts";
import { loadArena } from "../simulator/index.ts";
import { runTwinSimulation } from "./run.ts";

export interface TwinChallengeOptions extends ChallengeRunOptions {
  kit?: KitProfile;
  calibration?: Calibration;
}

export interface TwinChallengeResult extends ChallengeRunResult {
  driver: "twin";
  /** Board seconds to Johnny-Five ready, and for the whole run (absent: it did not compile). */
  readySeconds?: number;
  boardSeconds?: number;
}

export async function runTwinChallenge(
  options: TwinChallengeOptions,
): Promise<TwinChallengeResult> {
  const { challenge, seed, locale } = options;
  const ready = await compiledForRun(options);
  if ("failed" in ready) return { ...ready.failed, driver: "twin" };
  const arena = loadArena(runArena(challenge, seed));
  const { print, prints } = runPrints(options);
  const result = await runTwinSimulation({
    program: ready.program,
    arena,
    seed,
    maxTime: challenge.timeLimit,
    locale,
    record: options.record === true,
    ...(print ? { print } : {}),
    ...(challenge.kit.parts ? { parts: challenge.kit.parts } : {}),
    ...(options.kit ? { kit: options.kit } : {}),
    ...(options.calibration ? { calibration: options.calibration } : {}),
    ...(options.onFrame ? { onFrame: options.onFrame } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  return {
    ...scoredRun(options, arena, result, prints),
    driver: "twin",
    readySeconds: result.readySeconds,
    boardSeconds: result.boardSeconds,
  };
}
