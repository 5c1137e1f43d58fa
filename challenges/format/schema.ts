/**
 * The challenge file format, version 2 (the current one): JSON data checked with zod.
 * A challenge names its arena (the simulator's arena format, embedded), the items and how they
 * are placed for a seed, the robot kit, the time limit, its own sorting rules (communes differ)
 * and its scoring rules.
 */
import { z } from "zod";
import { WASTE_KINDS } from "../../runtime/engine.ts";

export const CHALLENGE_SCHEMA_VERSION = 2;

export const localizedSchema = z.strictObject({
  fr: z.string().min(1),
  en: z.string().min(1),
});

/** A name with, optionally, its gender, so messages agree: « zone de collecte atteinte ». */
export const nounSchema = localizedSchema.extend({
  gender: z.strictObject({ fr: z.enum(["f", "m"]) }).optional(),
});

/** What an item is for the sorting rules: one of the six waste kinds, or a ball. */
export const ITEM_KINDS = [...WASTE_KINDS, "ball"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
const itemKindSchema = z.enum(ITEM_KINDS);

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "id");

const pointSchema = z.strictObject({ x: z.number(), y: z.number() });

const rectSchema = z.strictObject({
  x: z.number(),
  y: z.number(),
  width: z.number().positive(),
  height: z.number().positive(),
});

/** Where items go for a given seed: at fixed spots (shuffled or not) or drawn in a region. */
const placementSchema = z.discriminatedUnion("mode", [
  z.strictObject({
    mode: z.literal("fixed"),
    /** One spot per item; with `shuffle`, the seed decides which item goes where. */
    spots: z.array(pointSchema),
    shuffle: z.boolean().default(false),
  }),
  z.strictObject({
    mode: z.literal("random"),
    region: rectSchema,
    /** Smallest distance between two item centres, cm. */
    minSpacing: z.number().positive(),
  }),
]);

const itemsSchema = z.strictObject({
  /** Catalogue ids (the simulator's item catalogue), one entry per item on the table. */
  set: z.array(z.string().min(1)).max(100),
  /** With `draw`, the seed draws that many items from `set` (without putting back). */
  draw: z.number().int().positive().optional(),
  placement: placementSchema,
  /** Item heading for each placed item is drawn from the seed when true. */
  randomHeading: z.boolean().default(true),
});

const kitSchema = z.strictObject({
  /** The kit profile (boards/); "2wd" is the default kit. */
  profile: z.string().min(1).default("2wd"),
  /** Parts the pupil may use; the simulator refuses calls to missing parts. */
  parts: z
    .array(
      z.enum(["motors", "ultrasonic", "lineSensors", "colorSensor", "gyro", "gripper", "camera"]),
    )
    .optional(),
});

export const scoringSchema = z.strictObject({
  /** Points per item at rest in the bin its kind goes to. */
  correctBin: z.number().int().nonnegative().default(0),
  /** Points (negative) per item at rest in another bin. */
  wrongBin: z.number().int().nonpositive().default(0),
  /** Points (negative) per item knocked off the table. */
  itemOffTable: z.number().int().nonpositive().default(0),
  /** Points (negative) when the robot leaves the table. */
  robotOffTable: z.number().int().nonpositive().default(0),
  /** The robot ends the run in a zone of the arena. */
  reachZone: z
    .strictObject({ zone: z.string().min(1), points: z.number().int().positive() })
    .optional(),
  /** Points (negative) per contact of the robot with the named obstacles. */
  obstacleContact: z
    .strictObject({
      obstacles: z.array(z.string().min(1)).min(1),
      points: z.number().int().negative(),
    })
    .optional(),
  /** Bonus when everything is done (program finished, all objectives met) within `within` s. */
  timeBonus: z
    .strictObject({ points: z.number().int().positive(), within: z.number().positive() })
    .optional(),
});

/** Which bin each kind goes to (arena bin ids). Kinds not named here score nothing. */
export const sortingSchema = z.partialRecord(itemKindSchema, z.string().min(1));

export const challengeSchema = z
  .strictObject({
    schemaVersion: z.literal(CHALLENGE_SCHEMA_VERSION),
    id: idSchema,
    /** A series of levels, e.g. "trieur-de-dechets" level 3. */
    series: z.strictObject({ id: idSchema, level: z.number().int().positive() }).optional(),
    title: localizedSchema,
    instructions: localizedSchema,
    /** The simulator's arena, embedded, without items (`items` places them); checked on load. */
    arena: z.record(z.string(), z.unknown()),
    items: itemsSchema.default({
      set: [],
      placement: { mode: "fixed", spots: [], shuffle: false },
      randomHeading: true,
    }),
    kit: kitSchema.default({ profile: "2wd" }),
    /** Seconds of simulated time the program may run. */
    timeLimit: z.number().positive().max(600),
    sorting: sortingSchema,
    scoring: scoringSchema,
    /** Names a pupil reads for the arena's zones, obstacles and bins (bins default to colour). */
    labels: z
      .strictObject({
        zones: z.record(z.string(), nounSchema).default({}),
        obstacles: z.record(z.string(), localizedSchema).default({}),
        bins: z.record(z.string(), localizedSchema).default({}),
      })
      .default({ zones: {}, obstacles: {}, bins: {} }),
  })
  .superRefine((challenge, ctx) => {
    const { items, scoring } = challenge;
    if (items.draw !== undefined && items.draw > items.set.length) {
      ctx.addIssue({ code: "custom", path: ["items", "draw"], message: "draw>set" });
    }
    const count = items.draw ?? items.set.length;
    if (items.placement.mode === "fixed" && items.placement.spots.length < count) {
      ctx.addIssue({
        code: "custom",
        path: ["items", "placement", "spots"],
        message: "spots<items",
      });
    }
    if (scoring.timeBonus && scoring.timeBonus.within > challenge.timeLimit) {
      ctx.addIssue({
        code: "custom",
        path: ["scoring", "timeBonus", "within"],
        message: "within>timeLimit",
      });
    }
  });

export type Challenge = z.infer<typeof challengeSchema>;
export type ScoringRules = Challenge["scoring"];
export type SortingRules = Challenge["sorting"];
