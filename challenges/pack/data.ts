/**
 * The challenge pack shipped with Robotyc Studio, as data: each challenge is
 * `pack/<id>/challenge.json`, imported (not read from disk), so the browser app has the same pack
 * as the command line.
 */
import type { Challenge } from "../format/schema.ts";
import { parseChallenge } from "../format/load.ts";
import robotSportif from "./robot-sportif/challenge.json" with { type: "json" };
import trieur1 from "./trieur-1-zone/challenge.json" with { type: "json" };
import trieur2 from "./trieur-2-pousser/challenge.json" with { type: "json" };
import trieur3 from "./trieur-3-couleurs/challenge.json" with { type: "json" };
import trieur4 from "./trieur-4-classer/challenge.json" with { type: "json" };
import trieur5 from "./trieur-5-finale/challenge.json" with { type: "json" };
import voitureAutonome from "./voiture-autonome/challenge.json" with { type: "json" };
import { PACK_SOLUTIONS } from "./solutions.generated.ts";

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
export type PackId = (typeof PACK_IDS)[number];

/** The flagship level, run by `npm start`. */
export const FLAGSHIP_ID: PackId = "trieur-5-finale";

const RAW: Record<PackId, unknown> = {
  "trieur-1-zone": trieur1,
  "trieur-2-pousser": trieur2,
  "trieur-3-couleurs": trieur3,
  "trieur-4-classer": trieur4,
  "trieur-5-finale": trieur5,
  "voiture-autonome": voitureAutonome,
  "robot-sportif": robotSportif,
};

export function isPackId(id: string): id is PackId {
  return (PACK_IDS as readonly string[]).includes(id);
}

/** A pack challenge, checked (and migrated) like any challenge file. */
export function packChallenge(id: PackId, file = `${id}/challenge.json`): Challenge {
  // A copy: the caller may keep or change what it gets without touching the pack.
  return parseChallenge(structuredClone(RAW[id]), file);
}

export function loadPack(): Challenge[] {
  return PACK_IDS.map((id) => packChallenge(id));
}

/** The reference solution of a pack challenge: a pupil program's TypeScript source. */
export function packSolution(id: PackId): string {
  return PACK_SOLUTIONS[id];
}
