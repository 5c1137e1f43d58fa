/**
 * challenges/: challenge definitions (data), scoring, runs. The browser entry: nothing here reads
 * files or needs Node (the app imports it); `node.ts` adds challenge files on disk, the grader and
 * the shipped classifier's camera.
 */
export * from "./format/schema.ts";
export { parseChallenge, parseChallengeText } from "./format/load.ts";
export { migrate, MIGRATIONS } from "./format/migrate.ts";
export { placeItems, seededRandom, PlacementError, type PlacedItem } from "./placement.ts";
export { checkPlacementRules, checkPlacementSeeds, mostPointsApart } from "./feasibility.ts";
export { findJsonError, lineColumn, type JsonErrorAt } from "./format/json-error.ts";
export * from "./scoring/score.ts";
export {
  PACK_IDS,
  FLAGSHIP_ID,
  isPackId,
  loadPack,
  packChallenge,
  packSolution,
  type PackId,
} from "./pack/data.ts";
export { runArena, scoringLabels, runFacts, challengeMaxScore } from "./setup.ts";
export { challengeBrief, type ChallengeBrief } from "./brief.ts";
export {
  challengeCamera,
  makeChallengeCamera,
  type ChallengeCamera,
  type ClassifierSource,
} from "./camera.ts";
export {
  challengeVersion,
  compileProgram,
  compiledForRun,
  runPrints,
  scoredRun,
  runChallenge,
  resultJson,
  type ChallengeRunOptions,
  type ChallengeRunResult,
} from "./runner.ts";
