export * from "./i18n.ts";
export * from "./api/types.ts";
export * from "./api/parts.ts";
export {
  PUPIL_API_DTS,
  PUPIL_GLOBALS,
  ROBOT_METHODS,
  pupilApiDeclarations,
  pupilDtsFileName,
  type RobotMethod,
} from "./api/pupil-api.ts";
export {
  compile,
  sizeDiagnostic,
  type CompileOptions,
  type CompileResult,
  type CompiledProgram,
  type Diagnostic,
} from "./compiler/compile.ts";
export { MAX_SOURCE_BYTES } from "./compiler/source-input.ts";
/** The ES library the compiler checks against (no Date, eval, Function): give it to the editor. */
export { ES_LIB_DTS } from "./compiler/es-lib.generated.ts";
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
export { runSource, type RunSourceOptions } from "./sandbox/run-source.ts";
export { setQuickJSWasmModule } from "./sandbox/quickjs.ts";
export {
  createScriptedDriver,
  type ScriptedDriver,
  type ScriptedDriverOptions,
} from "./testing/scripted-driver.ts";
