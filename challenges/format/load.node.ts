/** Reading a challenge file from disk (Node); the checks are `load.ts`'s. */
import { readFileSync } from "node:fs";
import { localize, LocalizedError, systemErrorReason } from "../../runtime/engine.ts";
import { parseChallengeText, unreadableChallenge } from "./load.ts";
import type { Challenge } from "./schema.ts";

/** Reads, migrates and checks a challenge file. */
export function loadChallengeFile(path: string): Challenge {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = systemErrorReason(error);
    if (!reason) {
      throw new LocalizedError(unreadableChallenge, {
        file: path,
        detail: (error as Error).message,
      });
    }
    throw new LocalizedError(localize(unreadableChallenge, { detail: reason }), { file: path });
  }
  return parseChallengeText(text, path);
}
