/**
 * From a challenge to a run and back: the arena for a seed (items placed by the challenge), the
 * names a pupil reads in the breakdown, and the scoring facts taken from the simulator's events
 * and final state.
 */
import type { ColorName, Localized } from "../runtime/engine.ts";
import {
  catalogueItem,
  type Arena,
  type ArenaInput,
  type FinalState,
  type SimEvent,
} from "../simulator/index.ts";
import type { Challenge, ItemKind } from "./format/schema.ts";
import { placeItems } from "./placement.ts";
import { maxScore, type Outcome, type RunFacts, type ScoringLabels } from "./scoring/score.ts";

const COLOR_WORDS: Record<ColorName, Localized> = {
  black: { fr: "noir", en: "black" },
  white: { fr: "blanc", en: "white" },
  grey: { fr: "gris", en: "grey" },
  red: { fr: "rouge", en: "red" },
  orange: { fr: "orange", en: "orange" },
  yellow: { fr: "jaune", en: "yellow" },
  green: { fr: "vert", en: "green" },
  blue: { fr: "bleu", en: "blue" },
  brown: { fr: "marron", en: "brown" },
};

/** The arena of one run: the challenge's arena with its items placed for `seed`. */
export function runArena(challenge: Challenge, seed: number): ArenaInput {
  const items = placeItems(challenge, seed).map((item) => ({
    item: item.catalogueId,
    id: item.id,
    position: { x: item.x, y: item.y },
    angle: item.heading,
  }));
  return { ...(challenge.arena as unknown as ArenaInput), items };
}

/** The kinds of the items a run of this challenge has (the same for every seed). */
export function itemKinds(challenge: Challenge, seed = 1): { kind: ItemKind }[] {
  return placeItems(challenge, seed).map((item) => ({
    kind: catalogueItem(item.catalogueId)!.kind as ItemKind,
  }));
}

/** The best score a run of this challenge can get, for a seed. */
export function challengeMaxScore(challenge: Challenge, seed = 1): number {
  return maxScore(challenge.scoring, challenge.sorting, itemKinds(challenge, seed));
}

export function scoringLabels(challenge: Challenge, arena: Arena): ScoringLabels {
  const bins: Record<string, Localized> = {};
  for (const bin of arena.bins) {
    const colour = COLOR_WORDS[bin.color];
    bins[bin.id] = challenge.labels.bins[bin.id] ?? {
      fr: `bac ${colour.fr}`,
      en: `${colour.en} bin`,
    };
  }
  const items: ScoringLabels["items"] = {};
  for (const id of challenge.items.set) {
    const entry = catalogueItem(id);
    if (entry) items[id] = { ...entry.name, gender: entry.gender };
  }
  return { items, bins, zones: challenge.labels.zones, obstacles: challenge.labels.obstacles };
}

/** The scoring facts of a run, from the simulator's events and final state. */
export function runFacts(
  outcome: Outcome,
  simTime: number,
  events: readonly SimEvent[],
  final: FinalState,
): RunFacts {
  const robotLeft = events.some((e) => e.type === "robotLeftTable");
  const contacts: RunFacts["contacts"] = [];
  for (const event of events) {
    if (event.type === "robotHitObstacle") {
      contacts.push({ time: event.time, obstacle: event.obstacleId });
    }
  }
  return {
    outcome,
    simTime,
    items: final.items.map((item) => ({
      id: item.id,
      catalogueId: item.catalogueId,
      kind: item.kind,
      binId: item.held ? null : item.binId,
      onTable: item.onTable,
    })),
    robot: { onTable: final.robot.onTable && !robotLeft, zones: final.robot.zones },
    contacts,
  };
}
