/**
 * The runtime without its compiler: the Robot API contract, localization and the sandbox that
 * runs compiled programs. A process that only runs programs (a simulation worker, the grader's
 * workers, the app's run worker) imports this entry and never loads TypeScript (~85 MB, ~0.5 s).
 * `index.ts` is this plus the compiler.
 */
export * from "./i18n.ts";
export { atPosition } from "./position.ts";
export {
  NAME_HINTS,
  nameHint,
  normalizeWord,
  type HintKind,
  type NameHint,
} from "./api/name-hints.ts";
export * from "./api/types.ts";
export * from "./api/parts.ts";
export {
  PUPIL_API_DTS,
  PUPIL_API_MEMBERS,
  PUPIL_GLOBALS,
  ROBOT_METHODS,
  pupilApiDeclarations,
  pupilDtsFileName,
  type PupilApiMember,
  type RobotMethod,
} from "./api/pupil-api.ts";
export type {
  CompileOptions,
  CompileResult,
  CompiledProgram,
  Diagnostic,
} from "./compiler/program.ts";
export { MAX_SOURCE_BYTES } from "./compiler/source-input.ts";
export {
  DEFAULT_LIMITS,
  runProgram,
  warmUpSandbox,
  type ProgramError,
  type ProgramErrorKind,
  type ProgramResult,
  type RunLimits,
  type RunOptions,
} from "./sandbox/run-program.ts";
export {
  newQuickJSInstance,
  prepareAfterEachRun,
  quickJSWasmModule,
  QUICKJS_BASE_MEMORY,
  setQuickJSWasmModule,
} from "./sandbox/quickjs.ts";
export {
  createScriptedDriver,
  type ScriptedDriver,
  type ScriptedDriverOptions,
} from "./testing/scripted-driver.ts";
