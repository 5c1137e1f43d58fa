/** What `robotyc grade` loads when it runs (see work/challenges.ts for why these modules exist). */
export {
  checkPlacementSeeds,
  checkQueueUrl,
  findPrograms,
  formatOf,
  gradeFolder,
  resolveChallenge,
  toCsv,
  writeResults,
} from "../../challenges/node.ts";
