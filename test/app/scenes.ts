/**
 * Scenes and frames for the view's tests, computed in Node by the real simulator: the scene of a
 * challenge and seed, and every frame of a run of a program (as `onFrame` gives them live).
 */
import { packChallenge, runChallenge, type PackId } from "../../challenges/node.ts";
import { sceneOf } from "../../desktop/renderer/run/scene.ts";
import type { RunFrame, RunScene } from "../../desktop/renderer/run/protocol.ts";

export async function recordedRun(
  challengeId: PackId,
  seed: number,
  program: string,
): Promise<{ scene: RunScene; frames: RunFrame[] }> {
  const challenge = packChallenge(challengeId);
  const scene = await sceneOf(challenge, seed);
  const frames: RunFrame[] = [];
  await runChallenge({
    source: program,
    challenge,
    seed,
    locale: "fr",
    onFrame: (frame) => frames.push(frame as RunFrame),
  });
  return { scene, frames };
}
