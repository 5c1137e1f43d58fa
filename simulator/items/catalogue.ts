/**
 * The item catalogue: every object the arena can place. Shared with the 3D view and the classifier
 * dataset, so it holds what they need: shape and size (cm), mass (kg), friction, colours (RGB 0-255).
 * Cylinders stand upright (axis along z).
 */
import type { ColorName, Locale, Localized, WasteKind } from "../../runtime/engine.ts";
import { WASTE_KINDS } from "../../runtime/engine.ts";

/** A waste kind, or one of the non-waste objects the challenges use. */
export type ItemKind = WasteKind | "ball" | "obstacle";
export const ITEM_KINDS: readonly ItemKind[] = [...WASTE_KINDS, "ball", "obstacle"];

export type Rgb = readonly [number, number, number];

export type ItemShape =
  | { type: "box"; width: number; depth: number; height: number }
  | { type: "cylinder"; radius: number; height: number }
  | { type: "sphere"; radius: number };

/** A name's grammatical gender, for agreement: « la canette est tombée », « le pot est tombé ». */
export type Gender = "f" | "m" | "n";

export interface CatalogueItem {
  id: string;
  kind: ItemKind;
  name: Localized;
  /** The gender of `name` in each language that has one. */
  gender: Partial<Record<Locale, Gender>>;
  shape: ItemShape;
  mass: number;
  friction: number;
  /** Bounciness, 0..1. */
  restitution: number;
  colors: { main: Rgb; accent: Rgb };
  /** What the colour sensor names when it sees this item's main colour. */
  colorName: ColorName;
}

const item = (x: CatalogueItem): CatalogueItem => x;

export const CATALOGUE: readonly CatalogueItem[] = [
  // plastic
  item({
    id: "plastic-bottle",
    kind: "plastic",
    name: { fr: "bouteille en plastique", en: "plastic bottle" },
    gender: { fr: "f" },
    shape: { type: "cylinder", radius: 3.2, height: 16 },
    mass: 0.03,
    friction: 0.4,
    restitution: 0.2,
    colors: { main: [120, 180, 230], accent: [30, 90, 200] },
    colorName: "blue",
  }),
  item({
    id: "yoghurt-pot",
    kind: "plastic",
    name: { fr: "pot de yaourt", en: "yoghurt pot" },
    gender: { fr: "m" },
    shape: { type: "cylinder", radius: 3, height: 7 },
    mass: 0.008,
    friction: 0.45,
    restitution: 0.1,
    colors: { main: [240, 240, 235], accent: [220, 60, 90] },
    colorName: "white",
  }),
  item({
    id: "detergent-bottle",
    kind: "plastic",
    name: { fr: "flacon de lessive", en: "detergent bottle" },
    gender: { fr: "m" },
    shape: { type: "box", width: 8, depth: 5, height: 14 },
    mass: 0.06,
    friction: 0.45,
    restitution: 0.1,
    colors: { main: [250, 160, 30], accent: [255, 255, 255] },
    colorName: "orange",
  }),
  // metal
  item({
    id: "drink-can",
    kind: "metal",
    name: { fr: "canette", en: "drink can" },
    gender: { fr: "f" },
    shape: { type: "cylinder", radius: 3.3, height: 11.5 },
    mass: 0.015,
    friction: 0.35,
    restitution: 0.2,
    colors: { main: [200, 30, 40], accent: [230, 230, 235] },
    colorName: "red",
  }),
  item({
    id: "food-tin",
    kind: "metal",
    name: { fr: "boîte de conserve", en: "food tin" },
    gender: { fr: "f" },
    shape: { type: "cylinder", radius: 3.7, height: 7.5 },
    mass: 0.05,
    friction: 0.35,
    restitution: 0.1,
    colors: { main: [170, 175, 180], accent: [40, 120, 60] },
    colorName: "grey",
  }),
  // glass
  item({
    id: "glass-jar",
    kind: "glass",
    name: { fr: "bocal en verre", en: "glass jar" },
    gender: { fr: "m" },
    shape: { type: "cylinder", radius: 3.8, height: 9 },
    mass: 0.2,
    friction: 0.5,
    restitution: 0.05,
    colors: { main: [200, 225, 215], accent: [200, 160, 40] },
    colorName: "white",
  }),
  item({
    id: "glass-bottle",
    kind: "glass",
    name: { fr: "bouteille en verre", en: "glass bottle" },
    gender: { fr: "f" },
    shape: { type: "cylinder", radius: 3.5, height: 18 },
    mass: 0.3,
    friction: 0.5,
    restitution: 0.05,
    colors: { main: [40, 120, 50], accent: [230, 220, 190] },
    colorName: "green",
  }),
  // paper
  item({
    id: "newspaper",
    kind: "paper",
    name: { fr: "journal plié", en: "folded newspaper" },
    gender: { fr: "m" },
    shape: { type: "box", width: 9, depth: 7, height: 1.5 },
    mass: 0.05,
    friction: 0.6,
    restitution: 0,
    colors: { main: [225, 222, 210], accent: [40, 40, 40] },
    colorName: "white",
  }),
  item({
    id: "cardboard-box",
    kind: "paper",
    name: { fr: "boîte en carton", en: "cardboard box" },
    gender: { fr: "f" },
    shape: { type: "box", width: 8, depth: 8, height: 6 },
    mass: 0.04,
    friction: 0.6,
    restitution: 0.05,
    colors: { main: [180, 130, 80], accent: [90, 60, 30] },
    colorName: "brown",
  }),
  // organic
  item({
    id: "banana-peel",
    kind: "organic",
    name: { fr: "peau de banane", en: "banana peel" },
    gender: { fr: "f" },
    shape: { type: "box", width: 9, depth: 4, height: 2 },
    mass: 0.03,
    friction: 0.8,
    restitution: 0,
    colors: { main: [240, 210, 50], accent: [90, 70, 30] },
    colorName: "yellow",
  }),
  item({
    id: "apple-core",
    kind: "organic",
    name: { fr: "trognon de pomme", en: "apple core" },
    gender: { fr: "m" },
    shape: { type: "cylinder", radius: 1.8, height: 6 },
    mass: 0.02,
    friction: 0.7,
    restitution: 0.05,
    colors: { main: [235, 225, 170], accent: [170, 30, 30] },
    colorName: "yellow",
  }),
  item({
    id: "coffee-grounds",
    kind: "organic",
    name: { fr: "filtre à café usagé", en: "used coffee filter" },
    gender: { fr: "m" },
    shape: { type: "box", width: 6, depth: 6, height: 4 },
    mass: 0.04,
    friction: 0.8,
    restitution: 0,
    colors: { main: [90, 60, 40], accent: [235, 230, 215] },
    colorName: "brown",
  }),
  // residual
  item({
    id: "crisp-packet",
    kind: "residual",
    name: { fr: "paquet de chips", en: "crisp packet" },
    gender: { fr: "m" },
    shape: { type: "box", width: 9, depth: 6, height: 2 },
    mass: 0.005,
    friction: 0.5,
    restitution: 0,
    colors: { main: [230, 200, 40], accent: [200, 40, 40] },
    colorName: "yellow",
  }),
  item({
    id: "used-tissue",
    kind: "residual",
    name: { fr: "mouchoir usagé", en: "used tissue" },
    gender: { fr: "m" },
    shape: { type: "sphere", radius: 2.5 },
    mass: 0.003,
    friction: 0.7,
    restitution: 0,
    colors: { main: [245, 245, 245], accent: [210, 210, 215] },
    colorName: "white",
  }),
  item({
    id: "broken-toy",
    kind: "residual",
    name: { fr: "jouet cassé", en: "broken toy" },
    gender: { fr: "m" },
    shape: { type: "box", width: 6, depth: 5, height: 5 },
    mass: 0.05,
    friction: 0.5,
    restitution: 0.2,
    colors: { main: [30, 90, 200], accent: [240, 200, 30] },
    colorName: "blue",
  }),
  // non-waste objects
  item({
    id: "ball",
    kind: "ball",
    name: { fr: "balle", en: "ball" },
    gender: { fr: "f" },
    shape: { type: "sphere", radius: 3.5 },
    mass: 0.06,
    friction: 0.5,
    restitution: 0.5,
    colors: { main: [240, 120, 20], accent: [255, 255, 255] },
    colorName: "orange",
  }),
  item({
    id: "obstacle-box",
    kind: "obstacle",
    name: { fr: "caisse", en: "crate" },
    gender: { fr: "f" },
    shape: { type: "box", width: 10, depth: 10, height: 10 },
    mass: 0.4,
    friction: 0.6,
    restitution: 0,
    colors: { main: [150, 150, 160], accent: [60, 60, 70] },
    colorName: "grey",
  }),
  item({
    id: "obstacle-box-large",
    kind: "obstacle",
    name: { fr: "grande caisse", en: "large crate" },
    gender: { fr: "f" },
    shape: { type: "box", width: 20, depth: 10, height: 12 },
    mass: 1.5,
    friction: 0.7,
    restitution: 0,
    colors: { main: [110, 80, 50], accent: [60, 40, 20] },
    colorName: "brown",
  }),
];

const BY_ID = new Map(CATALOGUE.map((entry) => [entry.id, entry]));

/** The catalogue entry with this id, or undefined. */
export function catalogueItem(id: string): CatalogueItem | undefined {
  return BY_ID.get(id);
}

export function isWasteKind(kind: ItemKind): kind is WasteKind {
  return (WASTE_KINDS as readonly string[]).includes(kind);
}

/** The half-extents of an item's bounding box (cm): x, y on the floor, z up. */
export function halfExtents(shape: ItemShape): { x: number; y: number; z: number } {
  switch (shape.type) {
    case "box":
      return { x: shape.width / 2, y: shape.depth / 2, z: shape.height / 2 };
    case "cylinder":
      return { x: shape.radius, y: shape.radius, z: shape.height / 2 };
    case "sphere":
      return { x: shape.radius, y: shape.radius, z: shape.radius };
  }
}
