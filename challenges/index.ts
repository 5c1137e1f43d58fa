/** challenges/: challenge definitions (data), scoring, the grader. Public surface. */
export * from "./format/schema.ts";
export { parseChallenge, loadChallengeFile } from "./format/load.ts";
export { migrate, MIGRATIONS } from "./format/migrate.ts";
export { placeItems, seededRandom, type PlacedItem } from "./placement.ts";
export * from "./scoring/score.ts";
