/** classroom/: timed classroom sessions on the school LAN. Public surface (Node only). */
export {
  Classroom,
  Refusal,
  MAX_PUPILS,
  SUBMIT_EVERY_MS,
  MAX_MINUTES,
  type ClassroomOptions,
  type ClassroomEvent,
  type Principal,
} from "./classroom.ts";
export {
  startClassroomServer,
  lanAddresses,
  MAX_SUBMISSION_BYTES,
  type ClassroomServer,
  type ServerOptions,
} from "./server.ts";
export { displayCode, normalizeCode, CODE_ALPHABET, CODE_LENGTH } from "./identity.ts";
export type { ScoreboardRow, SessionState } from "./session.ts";
export { DATABASE_FILE } from "./store.ts";
export { call, waitForScore, type Reply, type SubmissionReply } from "./client.ts";
