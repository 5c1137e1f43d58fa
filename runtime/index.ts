/** The runtime's public surface: the engine (`engine.ts`: API, i18n, sandbox) and the compiler. */
export * from "./engine.ts";
export { compile, sizeDiagnostic } from "./compiler/compile.ts";
/** The ES library the compiler checks against (no Date, eval, Function): give it to the editor. */
export { ES_LIB_DTS } from "./compiler/es-lib.generated.ts";
export { runSource, type RunSourceOptions } from "./sandbox/run-source.ts";
