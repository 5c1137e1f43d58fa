/**
 * A challenge as a pupil reads it before starting: its title, instructions, time limit, and what
 * scores points (the rules, the bin each kind goes to, the best score). Pure data from the
 * challenge; `robotyc challenges <id>` prints it, the app's challenge panel can show it.
 */
import { CLASS_LABELS } from "../classifier/index.ts";
import {
  everyLocale,
  localize,
  PART_NAMES,
  textIn,
  type Localized,
  type RobotPart,
} from "../runtime/engine.ts";
import { catalogueItem, loadArena } from "../simulator/index.ts";
import type { Challenge, ItemKind } from "./format/schema.ts";
import { challengeMaxScore, scoringLabels } from "./setup.ts";

export interface ChallengeBrief {
  id: string;
  title: Localized;
  instructions: Localized;
  /** Seconds of simulated time the program may run. */
  timeLimit: number;
  /** What scores points (positive) or loses them (negative), in the order a pupil meets them. */
  points: { points: number; rule: Localized }[];
  /** Where each kind of item goes, for the kinds this challenge's items have. */
  sorting: { kind: ItemKind; name: Localized; bin: Localized }[];
  maxScore: number;
  /** The robot parts the program may use. */
  parts: { part: RobotPart; name: Localized }[];
}

const RULES = {
  correctBin: { fr: "par objet posé dans le bon bac", en: "per item left in the right bin" },
  wrongBin: { fr: "par objet posé dans un mauvais bac", en: "per item left in a wrong bin" },
  itemOffTable: { fr: "par objet tombé de la table", en: "per item knocked off the table" },
  robotOffTable: { fr: "si le robot tombe de la table", en: "if the robot falls off the table" },
  reachZone: { fr: "si le robot finit dans : {zone}", en: "if the robot ends in: {zone}" },
  obstacleContact: {
    fr: "à chaque contact avec : {obstacles}",
    en: "for each contact with: {obstacles}",
  },
  timeBonus: {
    fr: "si tout est réussi et le programme fini en moins de {within} s",
    en: "if everything is done and the program ends in under {within} s",
  },
} satisfies Record<string, Localized>;

const KIND_NAMES: Record<ItemKind, Localized> = {
  ...(({ none: _none, ...kinds }) => kinds)(CLASS_LABELS),
  ball: { fr: "balle", en: "ball" },
};

const ALL_PARTS = Object.keys(PART_NAMES) as RobotPart[];

/** Names joined for a sentence, in every language. */
function listOf(names: readonly Localized[]): Localized {
  return everyLocale((locale) => names.map((name) => textIn(name, locale)).join(", "));
}

const named = (labels: Record<string, Localized>, id: string): Localized =>
  labels[id] ?? { fr: id, en: id };

export function challengeBrief(challenge: Challenge): ChallengeBrief {
  const labels = scoringLabels(challenge, loadArena(challenge.arena));
  const rules = challenge.scoring;
  const points: ChallengeBrief["points"] = [];
  const add = (value: number | undefined, rule: Localized) => {
    if (value !== undefined && value !== 0) points.push({ points: value, rule });
  };
  add(rules.correctBin, RULES.correctBin);
  if (rules.reachZone) {
    const zone = named(labels.zones, rules.reachZone.zone);
    add(rules.reachZone.points, localize(RULES.reachZone, { zone }));
  }
  add(rules.timeBonus?.points, localize(RULES.timeBonus, { within: rules.timeBonus?.within ?? 0 }));
  add(rules.wrongBin, RULES.wrongBin);
  add(rules.itemOffTable, RULES.itemOffTable);
  add(rules.robotOffTable, RULES.robotOffTable);
  if (rules.obstacleContact) {
    const names = rules.obstacleContact.obstacles.map((id) => named(labels.obstacles, id));
    add(
      rules.obstacleContact.points,
      localize(RULES.obstacleContact, { obstacles: listOf(names) }),
    );
  }
  const kinds = new Set(challenge.items.set.map((id) => catalogueItem(id)?.kind));
  const sorting = (Object.entries(challenge.sorting) as [ItemKind, string][])
    .filter(([kind]) => kinds.has(kind))
    .map(([kind, bin]) => ({ kind, name: KIND_NAMES[kind], bin: named(labels.bins, bin) }));
  return {
    id: challenge.id,
    title: challenge.title,
    instructions: challenge.instructions,
    timeLimit: challenge.timeLimit,
    points,
    sorting,
    maxScore: challengeMaxScore(challenge),
    parts: (challenge.kit.parts ?? ALL_PARTS).map((part) => ({ part, name: PART_NAMES[part] })),
  };
}
