/**
 * Seeded placement of a challenge's items: the same challenge and seed always give the same items
 * at the same spots, on every machine (integer-only generator, no Math.random).
 */
import { seededRandom as mulberry32, shuffled } from "../classifier/index.ts";
import type { Challenge } from "./format/schema.ts";

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
      if (!spot) throw new Error(`placement: no room for ${chosen.length} items in the region`);
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
