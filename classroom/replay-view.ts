/**
 * A replay as the teacher's page draws it: a top view of the table (its markings, bins and
 * obstacles, from the arena) and, ten times a second, where the robot and each item are and
 * which way they face. Decoded here from the simulator's replay format, so the page needs no
 * simulator code.
 */
import { runArena, type Challenge } from "../challenges/node.ts";
import { catalogueItem, halfExtents, loadArena, PALETTE, playReplay } from "../simulator/index.ts";

const rgb = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
const round = (v: number) => Math.round(v * 10) / 10;
/** Frames shown per second of simulated time. */
const VIEW_FPS = 10;

export interface TopView {
  table: { width: number; depth: number };
  markings: unknown[];
  bins: { x: number; y: number; width: number; depth: number; angle: number; color: string }[];
  obstacles: { x: number; y: number; width: number; depth: number; angle: number; color: string }[];
  bodies: { id: string; robot: boolean; color: string; radius: number }[];
  /** Seconds between two frames. */
  step: number;
  /** Per frame, per body: [x, y, heading in degrees], or null once it left the table. */
  frames: ([number, number, number] | null)[][];
  simTime: number;
}

function heading(q: [number, number, number, number]): number {
  const [x, y, z, w] = q;
  return round((Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z)) * 180) / Math.PI);
}

export function topView(replay: unknown, challenge: Challenge): TopView {
  const { frames } = playReplay(replay);
  const header = replay as {
    bodies: { id: string; catalogueId: string }[];
    tickRate: number;
    simTime: number;
    seed: number;
  };
  const arena = loadArena(runArena(challenge, header.seed));
  const colour = (name: keyof typeof PALETTE) => rgb(PALETTE[name]);
  const every = Math.max(1, Math.round(header.tickRate / VIEW_FPS));
  const kept = frames.filter((f, n) => n === 0 || n === frames.length - 1 || f.tick % every === 0);
  return {
    table: arena.table,
    markings: arena.markings.map((m) => ({ ...m, color: colour(m.color) })),
    bins: arena.bins.map((b) => ({
      x: b.position.x,
      y: b.position.y,
      width: b.size.width,
      depth: b.size.depth,
      angle: b.angle,
      color: colour(b.color),
    })),
    obstacles: arena.obstacles.map((o) => ({
      x: o.center.x,
      y: o.center.y,
      width: o.size.width,
      depth: o.size.depth,
      angle: o.angle,
      color: colour(o.color),
    })),
    bodies: header.bodies.map((b) => {
      const item = b.catalogueId === "robot" ? undefined : catalogueItem(b.catalogueId);
      const half = item ? halfExtents(item.shape) : { x: 9, y: 9 };
      return {
        id: b.id,
        robot: !item,
        color: item ? rgb(item.colors.main) : "rgb(230, 90, 20)",
        radius: round(Math.max(half.x, half.y)),
      };
    }),
    step: every / header.tickRate,
    frames: kept.map((f) =>
      f.poses.map((p) => (p.q ? [round(p.x), round(p.y), heading(p.q)] : null)),
    ),
    simTime: header.simTime,
  };
}
