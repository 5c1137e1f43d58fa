/**
 * `runChallenge` in Node. Its own module, so that node.ts only re-exports: a command that takes
 * a few names from node.ts loads only the modules that define them (cli/build.mjs).
 */
import { shippedChallengeCamera } from "./camera.node.ts";
import { runChallenge as runWith, type ChallengeRunOptions } from "./runner.ts";

/** `runChallenge` of the browser entry, with the shipped classifier as the camera by default. */
export function runChallenge(options: ChallengeRunOptions) {
  return runWith({ camera: shippedChallengeCamera, ...options });
}
