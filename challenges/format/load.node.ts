/** Reading a challenge file from disk (Node); the checks are `load.ts`'s. */
import { readFileSync } from "node:fs";
import { LocalizedError } from "../../runtime/engine.ts";
import { parseChallengeText, unreadableChallenge } from "./load.ts";
import type { Challenge } from "./schema.ts";

/** Reads, migrates and checks a challenge file. */
export function loadChallengeFile(path: string): Challenge {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new LocalizedError(unreadableChallenge, { file: path, detail: (error as Error).message });
  }
  return parseChallengeText(text, path);
}
