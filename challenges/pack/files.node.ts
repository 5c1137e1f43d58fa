/** The pack's files on disk (Node): paths for messages and for tools, and challenge files by path. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { LocalizedError, type Localized } from "../../runtime/engine.ts";
import { loadChallengeFile } from "../format/load.node.ts";
import type { Challenge } from "../format/schema.ts";
import { isPackId, packChallenge, PACK_IDS } from "./data.ts";

const unknownChallenge: Localized = {
  fr: "Défi inconnu : « {id} ». Défis disponibles : {list} (ou le chemin d'un fichier .json).",
  en: 'Unknown challenge: "{id}". Available: {list} (or the path of a .json file).',
};

export function packFile(id: string, file = "challenge.json"): string {
  return fileURLToPath(new URL(`./${id}/${file}`, import.meta.url));
}

/** The reference solution of a pack challenge. */
export function solutionFile(id: string): string {
  return packFile(id, "solution.ts");
}

/** A pack challenge by id, or a challenge file by path (a teacher's own). */
export function resolveChallenge(idOrPath: string): { challenge: Challenge; file: string } {
  if (isPackId(idOrPath)) {
    const file = packFile(idOrPath);
    return { challenge: packChallenge(idOrPath, file), file };
  }
  if (idOrPath.endsWith(".json") || existsSync(idOrPath)) {
    return { challenge: loadChallengeFile(idOrPath), file: idOrPath };
  }
  throw new LocalizedError(unknownChallenge, { id: idOrPath, list: PACK_IDS.join(", ") });
}
