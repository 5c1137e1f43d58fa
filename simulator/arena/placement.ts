/**
 * Turns an arena's spawn rules into placed items, drawing random positions from the run's
 * generator. Random items keep clear of each other, of obstacles, of bins and of the robot's start.
 */
import { LocalizedError } from "../../runtime/engine.ts";
import { catalogueItem, halfExtents } from "../items/catalogue.ts";
import type { CatalogueItem } from "../items/catalogue.ts";
import { MSG } from "../messages.ts";
import type { Random } from "../random.ts";
import { toLocal } from "../world/floor.ts";
import { fieldPath } from "./load.ts";
import type { Arena } from "./schema.ts";

export interface PlacedItem {
  id: string;
  entry: CatalogueItem;
  x: number;
  y: number;
  /** Degrees counter-clockwise. */
  angle: number;
}

const TRIES = 200;
/** Room kept free around the robot's start (cm, from the axle's middle). */
const START_CLEARANCE = 22;

/** Whether a circle of radius r at (x, y) overlaps an obstacle, a bin or the robot's start. */
function blocked(arena: Arena, x: number, y: number, r: number): boolean {
  if (Math.hypot(x - arena.start.x, y - arena.start.y) < START_CLEARANCE + r) return true;
  const overRect = (
    center: { x: number; y: number },
    width: number,
    depth: number,
    angle: number,
  ) => {
    const q = toLocal({ x, y }, center, angle);
    return Math.abs(q.x) < width / 2 + r && Math.abs(q.y) < depth / 2 + r;
  };
  return (
    arena.obstacles.some((o) => overRect(o.center, o.size.width, o.size.depth, o.angle)) ||
    arena.bins.some((b) => overRect(b.position, b.size.width, b.size.depth, b.angle))
  );
}

/** Radius of the circle around an item's footprint. */
export function footprintRadius(entry: CatalogueItem): number {
  const h = halfExtents(entry.shape);
  return Math.hypot(h.x, h.y);
}

export function placeItems(arena: Arena, random: Random): PlacedItem[] {
  const placed: PlacedItem[] = [];
  let n = 0;
  const nextId = (entry: CatalogueItem) => `${entry.id}-${++n}`;
  arena.items.forEach((spawn, index) => {
    if (!("random" in spawn)) {
      const entry = catalogueItem(spawn.item)!;
      const id = spawn.id ?? nextId(entry);
      if (spawn.id) n++;
      placed.push({ id, entry, x: spawn.position.x, y: spawn.position.y, angle: spawn.angle });
      return;
    }
    const rule = spawn.random;
    const ids =
      rule.count === undefined
        ? rule.items
        : Array.from({ length: rule.count }, () => rule.items[random.int(rule.items.length)]!);
    for (const itemId of ids) {
      const entry = catalogueItem(itemId)!;
      const r = footprintRadius(entry);
      let done = false;
      for (let attempt = 0; attempt < TRIES && !done; attempt++) {
        const x = random.range(rule.region.x + r, rule.region.x + rule.region.width - r);
        const y = random.range(rule.region.y + r, rule.region.y + rule.region.depth - r);
        const free = placed.every(
          (p) => Math.hypot(p.x - x, p.y - y) >= r + footprintRadius(p.entry) + rule.spacing,
        );
        const fits = r * 2 <= Math.min(rule.region.width, rule.region.depth);
        if (free && fits && !blocked(arena, x, y, r)) {
          placed.push({ id: nextId(entry), entry, x, y, angle: random.range(0, 360) });
          done = true;
        }
      }
      if (!done) {
        throw new LocalizedError(MSG.arenaRegionTooSmall, {
          id: itemId,
          field: fieldPath(["items", index, "random", "region"]),
        });
      }
    }
  });
  return placed;
}
