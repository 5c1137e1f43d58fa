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

/** A name's grammatical gender in the languages that have one (« la canette », « le pot »). */
export type Genders = Partial<Record<Locale, "f" | "m" | "n">>;
/** A name a pupil reads, with its gender when the messages must agree with it. */
export type Noun = Localized & { gender?: Genders };

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
  items: Record<string, Noun>;
  bins: Record<string, Localized>;
  /** A zone's gender makes « zone de collecte atteinte » agree; without it the line is neutral. */
  zones: Record<string, Noun>;
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
  offTable: { fr: "{theItem} est {fallen} de la table", en: "{item} knocked off the table" },
  robotOff: { fr: "robot sorti de la table", en: "robot drove off the table" },
  zone: { fr: "{zone} {reached}", en: "reached the {zone}" },
  zoneMissed: { fr: "{zone} pas {reached}", en: "did not reach the {zone}" },
  // A zone whose gender the challenge does not give: words that agree with any name.
  zoneNeutral: { fr: "objectif atteint : {zone}", en: "reached the {zone}" },
  zoneMissedNeutral: { fr: "objectif pas atteint : {zone}", en: "did not reach the {zone}" },
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

function label<T extends Localized>(table: Record<string, T>, id: string): T | Localized {
  return table[id] ?? { fr: id, en: id };
}

const genderOf = (noun: Noun | Localized, locale: Locale) => (noun as Noun).gender?.[locale];

/** A French past participle agreeing with `noun`: « tombée » for « la canette », « tombé » else. */
function agreeing(noun: Noun | Localized, masculine: string, feminine: string): Localized {
  return everyLocale((locale) =>
    locale === "fr" && genderOf(noun, "fr") === "f" ? feminine : locale === "fr" ? masculine : "",
  );
}

/** « la canette », « le journal plié », « l'assiette »: the name after its French article. */
function withArticle(noun: Noun | Localized): Localized {
  return everyLocale((locale) => {
    const name = noun[locale];
    if (locale !== "fr") return name;
    if (/^[aeiouyàâäéèêëîïôöùûüœh]/i.test(name)) return `l'${name}`;
    return `${genderOf(noun, "fr") === "f" ? "la" : "le"} ${name}`;
  });
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
          reason: fill(text.offTable, {
            item: itemName,
            theItem: withArticle(itemName),
            fallen: agreeing(itemName, "tombé", "tombée"),
          }),
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
    const known = genderOf(zone, "fr") !== undefined;
    const params = { zone, reached: agreeing(zone, "atteint", "atteinte") };
    if (facts.robot.onTable && facts.robot.zones.includes(rules.reachZone.zone)) {
      const reason = fill(known ? text.zone : text.zoneNeutral, params);
      breakdown.push({ points: rules.reachZone.points, reason });
    } else {
      allDone = false;
      breakdown.push({
        points: 0,
        reason: fill(known ? text.zoneMissed : text.zoneMissedNeutral, params),
      });
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
