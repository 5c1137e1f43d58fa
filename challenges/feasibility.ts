/**
 * Whether a challenge's items can be placed: checked when the challenge loads (what no seed can
 * fix: more items than the region can hold, spots off the table or on top of each other) and for
 * every seed a run or a grading asks for (the seeded draw itself), before anything runs. A
 * challenge that fails is the challenge file's fault: one message names its field.
 */
import { localize, LocalizedError, type Localized } from "../runtime/engine.ts";
import { catalogueItem, footprintRadius } from "../simulator/index.ts";
import type { Challenge } from "./format/schema.ts";
import { placeItems, PlacementError } from "./placement.ts";

const messages = {
  field: {
    fr: "Le fichier de défi « {file} » est invalide : champ « {field} » : {detail}",
    en: 'The challenge file "{file}" is invalid: field "{field}": {detail}',
  },
  neverFits: {
    fr: "{count} objets ne tiennent pas dans la zone de {width} × {height} cm à {spacing} cm les uns des autres (au plus {max}). Agrandis « region », diminue « minSpacing » ou le nombre d'objets.",
    en: '{count} items do not fit in the {width} × {height} cm region {spacing} cm apart (at most {max}). Enlarge "region", lower "minSpacing" or the number of items.',
  },
  offTable: {
    fr: "la place ({x}, {y}) est hors de la table ({width} × {depth} cm).",
    en: "the spot ({x}, {y}) is off the table ({width} × {depth} cm).",
  },
  regionOffTable: {
    fr: "la zone sort de la table ({width} × {depth} cm) : les objets tomberaient.",
    en: "the region goes beyond the table ({width} × {depth} cm): items would fall.",
  },
  sameSpot: {
    fr: "les places n° {a} et n° {b} sont à {distance} cm l'une de l'autre : deux objets y seraient l'un dans l'autre (il faut au moins {needed} cm).",
    en: "spots no. {a} and no. {b} are {distance} cm apart: two items there would be inside each other (at least {needed} cm are needed).",
  },
  overlap: {
    fr: "avec la graine {seed}, {first} et {second} sont posés l'un dans l'autre en ({x}, {y}) : écarte les places ou augmente « minSpacing » (au moins {needed} cm).",
    en: 'with seed {seed}, {first} and {second} are placed inside each other at ({x}, {y}): move the spots apart or raise "minSpacing" (at least {needed} cm).',
  },
} satisfies Record<string, Localized>;

/** The refusal of a challenge file: one message naming the field, like the schema's. */
function refuse(
  file: string,
  field: string,
  detail: Localized,
  params: Record<string, string | number>,
): LocalizedError {
  const message = localize(messages.field, { detail: localize(detail, params) });
  return Object.assign(new LocalizedError(message, { file, field }), { field });
}

const radiusOf = (id: string) => {
  const entry = catalogueItem(id);
  return entry ? footprintRadius(entry) : 0;
};

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * At most how many points stay `d` apart in a `w` × `h` rectangle: the disks of radius d/2 around
 * them do not overlap, lie in (w + d) × (h + d), and disks cover at most π/√12 of a plane.
 */
export function mostPointsApart(w: number, h: number, d: number): number {
  return Math.floor(((w + d) * (h + d) * (Math.PI / Math.sqrt(12))) / (Math.PI * (d / 2) ** 2));
}

/** What no seed can fix, checked when the challenge loads. */
export function checkPlacementRules(
  challenge: Challenge,
  table: { width: number; depth: number },
  file: string,
): void {
  const { items } = challenge;
  const { placement } = items;
  const count = items.draw ?? items.set.length;
  if (count === 0) return;
  const radii = items.set.map(radiusOf).sort((a, b) => a - b);
  // Two items at least this far apart never overlap, whichever goes where.
  const smallestPair = radii.length > 1 ? radii[0]! + radii[1]! : 2 * radii[0]!;
  if (placement.mode === "random") {
    const { region, minSpacing } = placement;
    const spacing = Math.max(minSpacing, 1e-6);
    const max = mostPointsApart(region.width, region.height, spacing);
    if (count > max) {
      throw refuse(file, "items.placement.region", messages.neverFits, {
        count,
        width: region.width,
        height: region.height,
        spacing: minSpacing,
        max,
      });
    }
    const x1 = region.x + region.width;
    const y1 = region.y + region.height;
    if (region.x < 0 || region.y < 0 || x1 > table.width || y1 > table.depth) {
      throw refuse(file, "items.placement.region", messages.regionOffTable, table);
    }
    return;
  }
  placement.spots.forEach((spot, n) => {
    if (spot.x < 0 || spot.y < 0 || spot.x > table.width || spot.y > table.depth) {
      throw refuse(file, `items.placement.spots[${n}]`, messages.offTable, { ...spot, ...table });
    }
  });
  // Only the spots items go to: the first `count`, or any of them when shuffled.
  const used = placement.shuffle ? placement.spots : placement.spots.slice(0, count);
  for (let a = 0; a < used.length; a++) {
    for (let b = a + 1; b < used.length; b++) {
      const distance = Math.hypot(used[a]!.x - used[b]!.x, used[a]!.y - used[b]!.y);
      if (distance < smallestPair) {
        throw refuse(file, `items.placement.spots[${b}]`, messages.sameSpot, {
          a,
          b,
          distance: round(distance),
          needed: round(smallestPair),
        });
      }
    }
  }
}

/**
 * The draw of each seed a run or a grading asks for: every item placed, none inside another.
 * Throws the challenge file's refusal naming `items.placement`.
 */
export function checkPlacementSeeds(
  challenge: Challenge,
  seeds: readonly number[],
  file: string,
): void {
  for (const seed of seeds) {
    let placed;
    try {
      placed = placeItems(challenge, seed);
    } catch (error) {
      if (!(error instanceof PlacementError)) throw error;
      throw refuse(file, "items.placement", error.messageKey, error.params);
    }
    for (let a = 0; a < placed.length; a++) {
      for (let b = a + 1; b < placed.length; b++) {
        const [p, q] = [placed[a]!, placed[b]!];
        const needed = radiusOf(p.catalogueId) + radiusOf(q.catalogueId);
        if (Math.hypot(p.x - q.x, p.y - q.y) < needed) {
          throw refuse(file, "items.placement", messages.overlap, {
            seed,
            first: p.id,
            second: q.id,
            x: q.x,
            y: q.y,
            needed: round(needed),
          });
        }
      }
    }
  }
}
