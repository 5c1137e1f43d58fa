/** challenges/: challenge definitions (data), scoring, the grader. Public surface. */
export * from "./format/schema.ts";
export { parseChallenge, loadChallengeFile } from "./format/load.ts";
export { migrate, MIGRATIONS } from "./format/migrate.ts";
export { placeItems, seededRandom, type PlacedItem } from "./placement.ts";
export * from "./scoring/score.ts";
export {
  PACK_IDS,
  FLAGSHIP_ID,
  loadPack,
  resolveChallenge,
  packFile,
  solutionFile,
} from "./pack/index.ts";
export { runArena, scoringLabels, runFacts, challengeMaxScore } from "./setup.ts";
export {
  type GradeRow,
  type CsvTable,
  type CsvValue,
  type CsvOptions,
  writeResults,
  writeFileWhole,
  formatOf,
  toCsv,
  gradeTable,
  spreadsheetCsv,
  csvSeparator,
  CSV_BOM,
  CSV_MEDIA_TYPE,
  mean,
} from "./grader/output.ts";
export {
  runChallenge,
  resultJson,
  type ChallengeRunOptions,
  type ChallengeRunResult,
} from "./runner.ts";
export { gradeFolder, programsIn, type GradeOptions, type GradeReport } from "./grader/grade.ts";
export { SIMULATION_HEAP_MB, tuneSimulationHost } from "./grader/host.ts";
