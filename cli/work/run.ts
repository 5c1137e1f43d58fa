/**
 * What `robotyc run` and `robotyc start` load when they run: the challenge runner and the compile
 * cache; not the grader, not the queue (see work/challenges.ts for why these modules exist).
 */
export {
  breakdownLine,
  checkPlacementSeeds,
  compileCached,
  FLAGSHIP_ID,
  localizeBreakdown,
  resolveChallenge,
  resultJson,
  runChallenge,
  solutionFile,
  tuneSimulationHost,
  warmUpSimulation,
  writeFileWhole,
} from "../../challenges/node.ts";
export { closeCompiler, compileIsolated } from "../../runtime/node.ts";
export { prepareAfterEachRun } from "../../runtime/engine.ts";
