/** The simulator's public surface: arenas, the item catalogue, events; the world and the runner. */
export * from "./arena/schema.ts";
export { loadArena, countItems, fieldPath } from "./arena/load.ts";
export { placeItems, footprintRadius } from "./arena/placement.ts";
export type { PlacedItem } from "./arena/placement.ts";
export * from "./items/catalogue.ts";
export type * from "./events.ts";
export { PALETTE, isDark } from "./colors.ts";
export { Random } from "./random.ts";
export { REFERENCE_ARENA } from "./arenas/reference.ts";
