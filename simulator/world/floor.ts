/**
 * The floor seen from above: which colour lies under a point and which zones contain it, computed
 * exactly from the arena's vector markings (later markings paint over earlier ones; bins over all).
 */
import type { ColorName } from "../../runtime/engine.ts";
import type { Arena, Bin, Marking, Point } from "../arena/schema.ts";
import { PALETTE } from "../colors.ts";
import type { Rgb } from "../items/catalogue.ts";

const RAD = Math.PI / 180;

/** The point in the frame of a shape centred at `center` and turned by `angle` degrees. */
export function toLocal(p: Point, center: Point, angle: number): Point {
  const c = Math.cos(-angle * RAD);
  const s = Math.sin(-angle * RAD);
  const dx = p.x - center.x;
  const dy = p.y - center.y;
  return { x: dx * c - dy * s, y: dx * s + dy * c };
}

function segmentDistance(p: Point, a: Point, b: Point): number {
  const vx = b.x - a.x;
  const vy = b.y - a.y;
  const len2 = vx * vx + vy * vy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * vx + (p.y - a.y) * vy) / len2));
  return Math.hypot(p.x - (a.x + t * vx), p.y - (a.y + t * vy));
}

function inPolygon(p: Point, points: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[i]!;
    const b = points[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) {
      inside = !inside;
    }
  }
  return inside;
}

export function markingContains(marking: Marking, p: Point): boolean {
  switch (marking.shape) {
    case "line": {
      const half = marking.width / 2;
      for (let i = 1; i < marking.points.length; i++) {
        if (segmentDistance(p, marking.points[i - 1]!, marking.points[i]!) <= half) return true;
      }
      return false;
    }
    case "rect": {
      const q = toLocal(p, marking.center, marking.angle);
      return Math.abs(q.x) <= marking.size.width / 2 && Math.abs(q.y) <= marking.size.depth / 2;
    }
    case "polygon":
      return inPolygon(p, marking.points);
    case "circle":
      return Math.hypot(p.x - marking.center.x, p.y - marking.center.y) <= marking.radius;
  }
}

/** Whether a point lies over a bin's footprint (`inset` shrinks it, e.g. to its inner floor). */
export function binContains(bin: Bin, p: Point, inset = 0): boolean {
  const q = toLocal(p, bin.position, bin.angle);
  return Math.abs(q.x) <= bin.size.width / 2 - inset && Math.abs(q.y) <= bin.size.depth / 2 - inset;
}

export interface FloorColor {
  name: ColorName;
  rgb: Rgb;
}

export class Floor {
  constructor(private readonly arena: Arena) {}

  onTable(p: Point): boolean {
    return p.x >= 0 && p.y >= 0 && p.x <= this.arena.table.width && p.y <= this.arena.table.depth;
  }

  /** The colour under a point; null off the table. */
  colorAt(p: Point): FloorColor | null {
    if (!this.onTable(p)) return null;
    for (let i = this.arena.bins.length - 1; i >= 0; i--) {
      const bin = this.arena.bins[i]!;
      if (binContains(bin, p)) return { name: bin.color, rgb: PALETTE[bin.color] };
    }
    for (let i = this.arena.markings.length - 1; i >= 0; i--) {
      const marking = this.arena.markings[i]!;
      if (markingContains(marking, p)) return { name: marking.color, rgb: PALETTE[marking.color] };
    }
    return { name: this.arena.table.color, rgb: PALETTE[this.arena.table.color] };
  }

  /** Ids of the zones containing a point, sorted. */
  zonesAt(p: Point): string[] {
    const zones = new Set<string>();
    for (const marking of this.arena.markings) {
      if (marking.zone !== undefined && markingContains(marking, p)) zones.add(marking.zone);
    }
    return [...zones].sort();
  }
}
