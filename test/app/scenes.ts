/**
 * Scenes and frames for the view's tests, computed in Node by the real simulator: the scene of a
 * challenge and seed, and the frames of a recorded run of a program.
 */
import { loadArena, playReplay, runSimulation, type Replay } from "../../simulator/index.ts";
import { resolveChallenge, runArena } from "../../challenges/index.ts";
import { sceneOf } from "../../desktop/renderer/run/scene.ts";
import type { RunFrame, RunScene } from "../../desktop/renderer/run/protocol.ts";

export async function recordedRun(
  challengeId: string,
  seed: number,
  program: string,
): Promise<{ scene: RunScene; frames: RunFrame[] }> {
  const { challenge } = resolveChallenge(challengeId);
  const scene = await sceneOf(challenge, seed);
  const result = await runSimulation({
    program,
    arena: loadArena(runArena(challenge, seed)),
    seed,
    maxTime: challenge.timeLimit,
    record: true,
    locale: "fr",
  });
  const { frames } = playReplay(result.replay as Replay);
  return { scene, frames };
}
