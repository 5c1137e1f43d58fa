/**
 * What `robotyc check` loads when it runs: the isolated compiler, not the sandbox (see
 * work/challenges.ts for why these modules exist).
 */
export { sizeDiagnostic } from "../../runtime/index.ts";
export { compileIsolated } from "../../runtime/node.ts";
