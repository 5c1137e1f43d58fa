/**
 * What `robotyc classroom` loads when it runs: the server, the database and the grader (see
 * work/challenges.ts for why these modules exist).
 */
export { localGrader, queueGrader, resolveChallenge } from "../../challenges/node.ts";
export {
  Classroom,
  displayCode,
  MAX_MINUTES,
  startClassroomServer,
} from "../../classroom/index.ts";
