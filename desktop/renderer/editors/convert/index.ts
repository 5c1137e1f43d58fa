/**
 * Blocks ↔ TypeScript, pure: no DOM, no Blockly; runs in Node and in the browser.
 * `blocksToTypeScript` is synchronous and cheap (live view); `typeScriptToBlocks` takes the
 * TypeScript compiler module, which `loadTypeScript()` imports on demand (it is large).
 */
export { blocksToTypeScript, type GeneratedTypeScript } from "./to-typescript.ts";
export { typeScriptToBlocks, type FromTypeScriptResult } from "./from-typescript.ts";
export type { BlockState, WorkspaceState, VariableState } from "./blocks-json.ts";
export { blockDefinitions, type BlockDefinition } from "./definitions.ts";
export { toolbox, type Toolbox, type ToolboxCategory } from "./toolbox.ts";
export { API_CALLS, type ApiCall } from "./api.ts";
export { API_BLOCKS, PART_BLOCKS, CHOICE_BLOCKS } from "./catalog.ts";
export { CATEGORY_LABELS, BLOCK_LABELS } from "./messages.ts";

/** The TypeScript compiler, loaded when first needed. */
export const loadTypeScript = () => import("typescript").then((m) => m.default ?? m);
