/**
 * The reference sorting arena (a 180 x 120 cm table with a border): a start zone, a black line
 * loop, six low bins along the north edge (one per waste kind, open towards the south), two
 * obstacles and 20 items placed at random in the middle. Used by the benchmark and as an example.
 */
import type { ColorName } from "../../runtime/engine.ts";
import type { ArenaInput } from "../arena/schema.ts";
import type { ItemKind } from "../items/catalogue.ts";

const BIN_Y = 108;
const bin = (id: string, x: number, color: ColorName, accepts: ItemKind[]) => ({
  id,
  position: { x, y: BIN_Y },
  size: { width: 24, depth: 20, height: 2 },
  color,
  accepts,
  openSide: "south" as const,
});

export const REFERENCE_ARENA: ArenaInput = {
  version: 1,
  id: "reference",
  name: { fr: "Arène de tri de référence", en: "Reference sorting arena" },
  table: { width: 180, depth: 120, color: "white" },
  border: { height: 8, thickness: 2 },
  markings: [
    {
      shape: "rect",
      center: { x: 20, y: 20 },
      size: { width: 30, depth: 30 },
      color: "green",
      zone: "start",
    },
    {
      shape: "line",
      points: [
        { x: 40, y: 40 },
        { x: 140, y: 40 },
        { x: 140, y: 80 },
        { x: 40, y: 80 },
        { x: 40, y: 40 },
      ],
      width: 2,
      color: "black",
    },
    { shape: "circle", center: { x: 160, y: 20 }, radius: 12, color: "blue", zone: "collection" },
  ],
  bins: [
    bin("bin-yellow", 18, "yellow", ["plastic", "metal"]),
    bin("bin-blue", 46, "blue", ["paper"]),
    bin("bin-green", 74, "green", ["glass"]),
    bin("bin-brown", 102, "brown", ["organic"]),
    bin("bin-grey", 130, "grey", ["residual"]),
    bin("bin-red", 158, "red", []),
  ],
  obstacles: [
    { id: "pillar-west", center: { x: 30, y: 60 }, size: { width: 6, depth: 6, height: 15 } },
    { id: "pillar-east", center: { x: 150, y: 60 }, size: { width: 6, depth: 6, height: 15 } },
  ],
  items: [
    {
      random: {
        region: { x: 45, y: 28, width: 100, depth: 60 },
        items: [
          "plastic-bottle",
          "yoghurt-pot",
          "detergent-bottle",
          "drink-can",
          "food-tin",
          "glass-jar",
          "glass-bottle",
          "newspaper",
          "cardboard-box",
          "banana-peel",
          "apple-core",
          "coffee-grounds",
          "crisp-packet",
          "used-tissue",
          "broken-toy",
        ],
        count: 20,
        spacing: 1,
      },
    },
  ],
  start: { x: 20, y: 20, heading: 0 },
};
