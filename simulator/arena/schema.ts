/**
 * The arena format: a table, its walls, floor markings as vector shapes, bins, fixed obstacles,
 * item spawn rules and the robot's start pose. Arena frame: origin at the table's south-west
 * corner, x east, y north, z up; lengths in cm; angles in degrees, counter-clockwise from east.
 */
import { z } from "zod";
import { COLOR_NAMES } from "../../runtime/engine.ts";
import { ITEM_KINDS } from "../items/catalogue.ts";

/** The arena format version this software writes and reads. */
export const ARENA_VERSION = 1;
/** Items an arena may place, all spawn rules together. */
export const MAX_ARENA_ITEMS = 200;

const len = z.number().finite().positive();
const coord = z.number().finite();
const angle = z.number().finite().default(0);
const id = z.string().min(1).max(64);
const localized = z.strictObject({ fr: z.string(), en: z.string() });

export const PointSchema = z.strictObject({ x: coord, y: coord });
const colorName = z.enum(COLOR_NAMES);
const itemKind = z.enum(ITEM_KINDS as [string, ...string[]]);

const markingBase = {
  /** A zone id: the robot entering or leaving this shape is an event. */
  zone: id.optional(),
  color: colorName,
};

export const MarkingSchema = z.discriminatedUnion("shape", [
  z.strictObject({
    shape: z.literal("line"),
    points: z.array(PointSchema).min(2).max(500),
    width: len,
    ...markingBase,
  }),
  z.strictObject({
    shape: z.literal("rect"),
    center: PointSchema,
    size: z.strictObject({ width: len, depth: len }),
    angle,
    ...markingBase,
  }),
  z.strictObject({
    shape: z.literal("polygon"),
    points: z.array(PointSchema).min(3).max(500),
    ...markingBase,
  }),
  z.strictObject({
    shape: z.literal("circle"),
    center: PointSchema,
    radius: len,
    ...markingBase,
  }),
]);

export const WallSchema = z.strictObject({
  id: id.optional(),
  from: PointSchema,
  to: PointSchema,
  height: len.default(10),
  thickness: len.default(2),
});

export const BinSchema = z.strictObject({
  id,
  /** Centre of the tray on the table. */
  position: PointSchema,
  /** Outer size of the tray; its walls are low so items can be pushed or dropped in. */
  size: z.strictObject({ width: len, depth: len, height: len.max(20).default(2) }),
  angle,
  color: colorName,
  accepts: z.array(itemKind).default([]),
  wallThickness: len.max(5).default(0.8),
  /** A side left open (no wall) so items can be pushed in flat: sides are relative to the bin. */
  openSide: z.enum(["north", "south", "east", "west"]).optional(),
});

export const ObstacleSchema = z.strictObject({
  id: id.optional(),
  center: PointSchema,
  size: z.strictObject({ width: len, depth: len, height: len }),
  angle,
  color: colorName.default("grey"),
});

export const RegionSchema = z.strictObject({
  x: coord,
  y: coord,
  width: len,
  depth: len,
});

export const SpawnSchema = z.union([
  z.strictObject({
    /** A catalogue id, placed here. */
    item: id,
    id: id.optional(),
    position: PointSchema,
    angle,
  }),
  z.strictObject({
    /** Seeded random placement inside `region` (x, y: its south-west corner). */
    random: z.strictObject({
      region: RegionSchema,
      /** Catalogue ids: each placed once, or `count` draws among them when count is set. */
      items: z.array(id).min(1).max(100_000),
      count: z.number().int().min(1).max(100_000).optional(),
      /** Smallest gap between items' bounding circles, cm. */
      spacing: z.number().finite().min(0).default(2),
    }),
  }),
]);

export const StartSchema = z.strictObject({ x: coord, y: coord, heading: angle });

export const ArenaSchema = z.strictObject({
  version: z.number().int().min(1),
  id: id.optional(),
  name: localized.optional(),
  table: z.strictObject({
    width: len.max(1000),
    depth: len.max(1000),
    color: colorName.default("white"),
  }),
  /** Walls along the table's edges; none means the robot can drive off the table. */
  border: z
    .strictObject({ height: len.default(10), thickness: len.default(2) })
    .nullable()
    .default(null),
  walls: z.array(WallSchema).max(200).default([]),
  markings: z.array(MarkingSchema).max(1000).default([]),
  bins: z.array(BinSchema).max(50).default([]),
  obstacles: z.array(ObstacleSchema).max(200).default([]),
  items: z.array(SpawnSchema).max(100_000).default([]),
  start: StartSchema,
});

export type Point = z.infer<typeof PointSchema>;
export type Marking = z.infer<typeof MarkingSchema>;
export type Wall = z.infer<typeof WallSchema>;
export type Bin = z.infer<typeof BinSchema>;
export type Obstacle = z.infer<typeof ObstacleSchema>;
export type Region = z.infer<typeof RegionSchema>;
export type Spawn = z.infer<typeof SpawnSchema>;
export type StartPose = z.infer<typeof StartSchema>;
/** A checked arena, defaults filled in. */
export type Arena = z.infer<typeof ArenaSchema>;
/** An arena as written in a file (defaults may be left out). */
export type ArenaInput = z.input<typeof ArenaSchema>;
