/**
 * challenges/ in Node: everything of the browser entry, plus challenge files on disk, the pack's
 * paths, the grader (worker pool, result files) and the simulation host's tuning. Its
 * `runChallenge` gives a robot with a camera the shipped classifier by default.
 */
export * from "./index.ts";
export { runChallenge } from "./run.node.ts";
export { loadChallengeFile } from "./format/load.node.ts";
export { packFile, solutionFile, resolveChallenge } from "./pack/files.node.ts";
export { shippedChallengeCamera } from "./camera.node.ts";
export {
  type GradeRow,
  type CsvTable,
  type CsvValue,
  type CsvOptions,
  writeResults,
  writeFileWhole,
  formatOf,
  toCsv,
  errorSummary,
  gradeTable,
  spreadsheetCsv,
  csvSeparator,
  CSV_BOM,
  CSV_MEDIA_TYPE,
  mean,
} from "./grader/output.ts";
export {
  gradeFolder,
  gradeRow,
  programsIn,
  findPrograms,
  type SkippedEntry,
  type GradeOptions,
  type GradeReport,
} from "./grader/grade.ts";
export { SIMULATION_HEAP_MB, tuneSimulationHost, type SimulationHostKind } from "./grader/host.ts";
export { warmUpSimulation } from "./grader/warm-up.ts";
export { compileCached, compileCacheDir } from "./compile-cache.node.ts";
export type { GradeJob, GradeJobResult } from "./grader/job.ts";
export {
  localGrader,
  compilerThread,
  programHash,
  jobKey,
  type Grader,
  type Compiler,
} from "./grader/graders.ts";
export {
  queueGrader,
  startQueueWorker,
  gradeOnQueue,
  isQueueUrl,
  checkQueueUrl,
  QUEUE_NAME,
  type QueueWorker,
  type QueueWorkerEvent,
} from "./grader/queue.ts";
