/**
 * Scoring: a pure function from what happened in a run (the facts, taken from the simulator's
 * events and final state) and the challenge's rules to a score with a breakdown a pupil reads.
 */
import {
  everyLocale,
  formatNumber,
  localize,
  type Locale,
  type Localized,
} from "../../runtime/engine.ts";
import type { ItemKind, ScoringRules, SortingRules } from "../format/schema.ts";

/** "watchdog": stopped by the sandbox's last-resort wall-clock watchdog (see runtime/sandbox/watchdog.ts). */
export type Outcome = "finished" | "timeout" | "error" | "watchdog";

/** What the scoring needs to know about a finished run. */
export interface RunFacts {
  outcome: Outcome;
  /** Simulated seconds when the run ended. */
  simTime: number;
  items: {
    id: string;
    catalogueId: string;
    /** A sorting kind, or another kind of object (an obstacle crate) that no rule names. */
    kind: string;
    /** The bin the item rests in at the end, or null. */
    binId: string | null;
    onTable: boolean;
  }[];
  robot: { onTable: boolean; zones: string[] };
  /** Each contact of the robot with a named obstacle (one per contact, not per tick). */
  contacts: { time: number; obstacle: string }[];
}

/** Names a pupil reads: items by catalogue id, bins, zones and obstacles by arena id. */
export interface ScoringLabels {
  items: Record<string, Localized>;
  bins: Record<string, Localized>;
  zones: Record<string, Localized>;
  obstacles: Record<string, Localized>;
}

export interface ScoreLine {
  points: number;
  reason: Localized;
}

export interface ScoreResult {
  score: number;
  maxScore: number;
  breakdown: ScoreLine[];
}

const text = {
  correct: { fr: "{item} → {bin}", en: "{item} → {bin}" },
  wrong: {
    fr: "{item} → {bin} (mauvais bac ; bon bac : {right})",
    en: "{item} → {bin} (wrong bin: it goes in the {right})",
  },
  notSorted: {
    fr: "{item} : pas dans un bac (bon bac : {right})",
    en: "{item}: not in a bin (it goes in the {right})",
  },
  offTable: { fr: "{item} tombé de la table", en: "{item} knocked off the table" },
  robotOff: { fr: "robot sorti de la table", en: "robot drove off the table" },
  zone: { fr: "{zone} atteinte", en: "reached the {zone}" },
  zoneMissed: { fr: "{zone} pas atteinte", en: "did not reach the {zone}" },
  contact: { fr: "contact avec {obstacle} à {time} s", en: "touched the {obstacle} at {time} s" },
  bonus: {
    fr: "bonus de temps : tout est fait en {time} s (moins de {within} s)",
    en: "time bonus: everything done in {time} s (under {within} s)",
  },
  noBonus: {
    fr: "pas de bonus de temps (il faut tout réussir et finir en moins de {within} s)",
    en: "no time bonus (do everything and finish in under {within} s)",
  },
} satisfies Record<string, Localized>;

/** Numbers in the breakdown: whole, or to a tenth (« 12,3 s »). */
function fill(message: Localized, params: Record<string, Localized | string | number>): Localized {
  const rounded = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      typeof value === "number" && !Number.isInteger(value)
        ? everyLocale((locale) => formatNumber(value, locale, 1))
        : value,
    ]),
  );
  return localize(message, rounded);
}

function label(table: Record<string, Localized>, id: string): Localized {
  return table[id] ?? { fr: id, en: id };
}

/** The best score a run of this challenge can get. */
export function maxScore(
  rules: ScoringRules,
  sorting: SortingRules,
  items: readonly { kind: string }[],
): number {
  const sortable = items.filter((item) => sorting[item.kind as ItemKind] !== undefined).length;
  return (
    sortable * rules.correctBin + (rules.reachZone?.points ?? 0) + (rules.timeBonus?.points ?? 0)
  );
}

export function score(
  rules: ScoringRules,
  sorting: SortingRules,
  facts: RunFacts,
  labels: ScoringLabels,
): ScoreResult {
  const breakdown: ScoreLine[] = [];
  let allDone = facts.robot.onTable;

  for (const item of facts.items) {
    const itemName = label(labels.items, item.catalogueId);
    const rightBin = sorting[item.kind as ItemKind];
    if (item.binId !== null && rightBin !== undefined) {
      const bin = label(labels.bins, item.binId);
      if (item.binId === rightBin) {
        if (rules.correctBin)
          breakdown.push({
            points: rules.correctBin,
            reason: fill(text.correct, { item: itemName, bin }),
          });
      } else {
        allDone = false;
        const right = label(labels.bins, rightBin);
        breakdown.push({
          points: rules.wrongBin,
          reason: fill(text.wrong, { item: itemName, bin, right }),
        });
      }
      continue;
    }
    if (rightBin !== undefined) allDone = false;
    if (!item.onTable) {
      if (rules.itemOffTable)
        breakdown.push({
          points: rules.itemOffTable,
          reason: fill(text.offTable, { item: itemName }),
        });
    } else if (rightBin !== undefined && item.binId === null) {
      const right = label(labels.bins, rightBin);
      breakdown.push({ points: 0, reason: fill(text.notSorted, { item: itemName, right }) });
    }
  }

  if (!facts.robot.onTable && rules.robotOffTable) {
    breakdown.push({ points: rules.robotOffTable, reason: text.robotOff });
  }

  if (rules.reachZone) {
    const zone = label(labels.zones, rules.reachZone.zone);
    if (facts.robot.onTable && facts.robot.zones.includes(rules.reachZone.zone)) {
      breakdown.push({ points: rules.reachZone.points, reason: fill(text.zone, { zone }) });
    } else {
      allDone = false;
      breakdown.push({ points: 0, reason: fill(text.zoneMissed, { zone }) });
    }
  }

  if (rules.obstacleContact) {
    const { obstacles, points } = rules.obstacleContact;
    for (const contact of facts.contacts) {
      if (!obstacles.includes(contact.obstacle)) continue;
      allDone = false;
      const obstacle = label(labels.obstacles, contact.obstacle);
      breakdown.push({ points, reason: fill(text.contact, { obstacle, time: contact.time }) });
    }
  }

  if (rules.timeBonus) {
    const { points, within } = rules.timeBonus;
    if (allDone && facts.outcome === "finished" && facts.simTime <= within) {
      breakdown.push({ points, reason: fill(text.bonus, { time: facts.simTime, within }) });
    } else {
      breakdown.push({ points: 0, reason: fill(text.noBonus, { within }) });
    }
  }

  const total = breakdown.reduce((sum, line) => sum + line.points, 0);
  return { score: total, maxScore: maxScore(rules, sorting, facts.items), breakdown };
}

/** The breakdown in one language, as the CLI and the app show it. */
export function localizeBreakdown(
  breakdown: readonly ScoreLine[],
  locale: Locale,
): { points: number; reason: string }[] {
  return breakdown.map((line) => ({ points: line.points, reason: line.reason[locale] }));
}

/** "+10 bouteille en plastique → bac jaune" */
export function breakdownLine(line: { points: number; reason: string }): string {
  const sign = line.points > 0 ? "+" : line.points < 0 ? "−" : "±";
  return `${sign}${Math.abs(line.points)} ${line.reason}`;
}
