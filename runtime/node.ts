/**
 * The runtime's Node entry: what only Node can do. Everything else is in `index.ts` (compiler and
 * sandbox) and `engine.ts` (sandbox only), which run in browsers and workers too.
 */
export {
  closeCompiler,
  compileIsolated,
  ISOLATION_LIMITS,
  type IsolationLimits,
} from "./compiler/isolated.node.ts";
