/** The challenge pack shipped with Robotyc Studio: each challenge is `pack/<id>/challenge.json`. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { LocalizedError, type Localized } from "../../runtime/engine.ts";
import { loadChallengeFile } from "../format/load.ts";
import type { Challenge } from "../format/schema.ts";

/** In the order a class meets them. */
export const PACK_IDS = [
  "trieur-1-zone",
  "trieur-2-pousser",
  "trieur-3-couleurs",
  "trieur-4-classer",
  "trieur-5-finale",
  "voiture-autonome",
  "robot-sportif",
] as const;

/** The flagship level, run by `npm start`. */
export const FLAGSHIP_ID = "trieur-5-finale";

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
  if ((PACK_IDS as readonly string[]).includes(idOrPath)) {
    const file = packFile(idOrPath);
    return { challenge: loadChallengeFile(file), file };
  }
  if (idOrPath.endsWith(".json") || existsSync(idOrPath)) {
    return { challenge: loadChallengeFile(idOrPath), file: idOrPath };
  }
  throw new LocalizedError(unknownChallenge, { id: idOrPath, list: PACK_IDS.join(", ") });
}

export function loadPack(): Challenge[] {
  return PACK_IDS.map((id) => loadChallengeFile(packFile(id)));
}
