/**
 * Seeded placement of a challenge's items: the same challenge and seed always give the same items
 * at the same spots, on every machine (integer-only generator, no Math.random).
 */
import { seededRandom as mulberry32, shuffled } from "../classifier/index.ts";
import { LocalizedError, type Localized } from "../runtime/engine.ts";
import type { Challenge } from "./format/schema.ts";

const noRoom: Localized = {
  fr: "pas de place pour {count} objets dans la zone de {width} × {height} cm à {spacing} cm les uns des autres (graine {seed}). Agrandis « region », diminue « minSpacing » ou le nombre d'objets.",
  en: 'no room for {count} items in the {width} × {height} cm region {spacing} cm apart (seed {seed}). Enlarge "region", lower "minSpacing" or the number of items.',
};

/** The seeded draw found no room for an item: the challenge's placement asks too much. */
export class PlacementError extends LocalizedError {
  constructor(params: Record<string, string | number>) {
    super(noRoom, params);
    this.name = "PlacementError";
  }
}

/**
 * The placement generator of a seed: the classifier's mulberry32 (integer-only, identical on every
 * JavaScript engine), its seed mixed so that small seeds 1, 2, 3... start far apart.
 */
export function seededRandom(seed: number): () => number {
  return mulberry32((Math.trunc(seed) ^ 0x9e3779b9) >>> 0);
}

export interface PlacedItem {
  /** Unique in the run: `<catalogueId>-<n>`. */
  id: string;
  catalogueId: string;
  x: number;
  y: number;
  /** Degrees, 0 along +x. */
  heading: number;
}

const MAX_TRIES = 2000;

/** The items of a challenge for a seed, each with its spot. */
export function placeItems(challenge: Challenge, seed: number): PlacedItem[] {
  const random = seededRandom(seed);
  const { items } = challenge;
  const chosen =
    items.draw !== undefined ? shuffled(items.set, random).slice(0, items.draw) : [...items.set];
  const spots: { x: number; y: number }[] = [];
  const { placement } = items;
  if (placement.mode === "fixed") {
    spots.push(...(placement.shuffle ? shuffled(placement.spots, random) : placement.spots));
  } else {
    const { region, minSpacing } = placement;
    for (let n = 0; n < chosen.length; n++) {
      let spot: { x: number; y: number } | undefined;
      for (let tries = 0; tries < MAX_TRIES && !spot; tries++) {
        const candidate = {
          x: round(region.x + random() * region.width),
          y: round(region.y + random() * region.height),
        };
        if (spots.every((s) => Math.hypot(s.x - candidate.x, s.y - candidate.y) >= minSpacing)) {
          spot = candidate;
        }
      }
      if (!spot) {
        throw new PlacementError({
          count: chosen.length,
          width: region.width,
          height: region.height,
          spacing: minSpacing,
          seed,
        });
      }
      spots.push(spot);
    }
  }
  const counts = new Map<string, number>();
  return chosen.map((catalogueId, n) => {
    const k = (counts.get(catalogueId) ?? 0) + 1;
    counts.set(catalogueId, k);
    const spot = spots[n]!;
    return {
      id: `${catalogueId}-${k}`,
      catalogueId,
      x: spot.x,
      y: spot.y,
      heading: items.randomHeading ? Math.floor(random() * 360) : 0,
    };
  });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
