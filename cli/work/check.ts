/**
 * What `robotyc check` loads when it runs: the compiler, not the sandbox (see work/challenges.ts
 * for why these modules exist).
 */
export { compile, sizeDiagnostic } from "../../runtime/index.ts";
