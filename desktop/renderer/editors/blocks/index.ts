/**
 * The Blocks editor: a Blockly 13 workspace with our toolbox, in the pupil's language, that
 * tells the app the TypeScript its blocks stand for after every change, and shows an error on
 * the block that produced the line. Keyboard navigation and screen-reader support are Blockly
 * 13's own. Media (sprites, sounds) come from `media`: a folder the app serves with a copy of
 * `node_modules/blockly/media/`, so nothing is fetched from the internet.
 */
import type { Locale } from "../../../../runtime/engine.ts";
import {
  blocksToTypeScript,
  loadTypeScript,
  toolbox,
  typeScriptToBlocks,
  type FromTypeScriptResult,
  type GeneratedTypeScript,
  type WorkspaceState,
} from "../convert/index.ts";
import { Blockly, registerBlocks } from "./register.ts";

export interface BlocksEditorOptions {
  locale: Locale;
  /** URL of the folder holding a copy of `blockly/media/` (ends with `/`), e.g. `"/blockly-media/"`. */
  media: string;
  /** Right-to-left layout. */
  rtl?: boolean;
  /** Blockly's sounds (from `media`); on by default. */
  sounds?: boolean;
  /** The blocks to start with (Blockly's serialization JSON). */
  initial?: WorkspaceState;
  /**
   * How to turn TypeScript into blocks. By default the page loads the TypeScript parser (a lazy
   * chunk); an app that already has TypeScript in a worker can run `typeScriptToBlocks` there.
   */
  typeScriptToBlocks?: (source: string) => Promise<FromTypeScriptResult>;
  /** After each change of the blocks: the TypeScript they stand for and the blocks themselves. */
  onChange?: (change: { code: string; state: WorkspaceState }) => void;
}

export interface BlocksEditor {
  /** The blocks, as Blockly's serialization JSON (what to save). */
  getBlocksJson(): WorkspaceState;
  /** Replaces the blocks. */
  setBlocksJson(state: WorkspaceState): void;
  /** The TypeScript of the blocks, with the block that produced each line. */
  toTypeScript(): GeneratedTypeScript;
  /**
   * Replaces the blocks with a TypeScript program's (loads the TypeScript compiler the first
   * time). Code with no block form becomes « code » blocks; a text that does not parse becomes
   * one « code » block and `syntaxError` says where.
   */
  fromTypeScript(source: string): Promise<FromTypeScriptResult>;
  /** The id of the block that produced line `line` (1-based) of `toTypeScript().code`. */
  blockForLine(line: number): string | null;
  /**
   * Highlights `id`'s block and scrolls to it (`scroll` false: highlight only, e.g. while a run
   * goes and the pupil may be moving around the workspace); `null` clears the highlight.
   */
  highlightBlock(id: string | null, scroll?: boolean): void;
  /** Puts a warning on a block with this message (a compile or runtime error); `null` removes it. */
  showError(id: string, message: string | null): void;
  /** Another language: the same blocks, relabelled. */
  setLocale(locale: Locale): void;
  /** Call after the container changed size. */
  resize(): void;
  /** Moves keyboard focus into the workspace. */
  focus(): void;
  /** Blockly's workspace, for what this interface does not cover. */
  readonly workspace: Blockly.WorkspaceSvg;
  dispose(): void;
}

const FUNCTIONS_CATEGORY = "ROBOTYC_FUNCTIONS";

/** Creates the Blocks editor in `container` (an empty element with a size). */
export function createBlocksEditor(
  container: HTMLElement,
  options: BlocksEditorOptions,
): BlocksEditor {
  let locale = options.locale;
  let workspace = inject(container, locale, options);
  let loading = false;
  let highlighted: string | null = null;
  let lines: (string | null)[] = [];
  const warned = new Set<string>();

  const listen = (ws: Blockly.WorkspaceSvg) =>
    ws.addChangeListener((event: Blockly.Events.Abstract) => {
      if (loading || event.isUiEvent || ws.isDragging()) return;
      const state = save(ws);
      const generated = blocksToTypeScript(state);
      lines = generated.lineBlocks;
      options.onChange?.({ code: generated.code, state });
    });

  const load = (state: WorkspaceState, tidy: boolean) => {
    loading = true;
    try {
      Blockly.Events.disable();
      workspace.clear();
      Blockly.serialization.workspaces.load(state, workspace);
      if (tidy) workspace.cleanUp();
    } finally {
      Blockly.Events.enable();
      loading = false;
    }
    warned.clear();
    const saved = save(workspace);
    const generated = blocksToTypeScript(saved);
    lines = generated.lineBlocks;
    options.onChange?.({ code: generated.code, state: saved });
  };

  listen(workspace);
  if (options.initial) load(options.initial, false);

  const editor: BlocksEditor = {
    get workspace() {
      return workspace;
    },
    getBlocksJson: () => save(workspace),
    setBlocksJson: (state) => load(state, false),
    toTypeScript() {
      const generated = blocksToTypeScript(save(workspace));
      lines = generated.lineBlocks;
      return generated;
    },
    async fromTypeScript(source) {
      const result = options.typeScriptToBlocks
        ? await options.typeScriptToBlocks(source)
        : typeScriptToBlocks(source, await loadTypeScript());
      load(result.state, true);
      return result;
    },
    blockForLine(line) {
      if (!lines.length) editor.toTypeScript();
      // A line with no block of its own (a blank line, a closing brace) belongs to the one above.
      for (let n = Math.min(line, lines.length) - 1; n >= 0; n--) if (lines[n]) return lines[n]!;
      return null;
    },
    highlightBlock(id, scroll = true) {
      if (highlighted) workspace.highlightBlock(highlighted, false);
      highlighted = id && workspace.getBlockById(id) ? id : null;
      if (!highlighted) return;
      workspace.highlightBlock(highlighted, true);
      if (scroll) workspace.centerOnBlock(highlighted);
    },
    showError(id, message) {
      const block = workspace.getBlockById(id);
      if (!block) return;
      block.setWarningText(message);
      if (message) warned.add(id);
      else warned.delete(id);
    },
    setLocale(next) {
      if (next === locale) return;
      const state = save(workspace);
      workspace.dispose();
      locale = next;
      workspace = inject(container, locale, options);
      listen(workspace);
      load(state, false);
    },
    resize: () => Blockly.svgResize(workspace),
    focus() {
      const svg = workspace.getParentSvg();
      (svg.querySelector(".blocklyWorkspace") as SVGElement | null)?.focus();
    },
    dispose() {
      workspace.dispose();
    },
  };
  return editor;
}

function save(workspace: Blockly.Workspace): WorkspaceState {
  return Blockly.serialization.workspaces.save(workspace) as WorkspaceState;
}

function inject(
  container: HTMLElement,
  locale: Locale,
  options: BlocksEditorOptions,
): Blockly.WorkspaceSvg {
  registerBlocks(locale);
  const box = toolbox(locale);
  // « Fonctions »: Blockly's own function blocks, then our « retourner ».
  for (const category of box.contents)
    if (category.custom === "PROCEDURE") category.custom = FUNCTIONS_CATEGORY;
  const workspace = Blockly.inject(container, {
    toolbox: box as unknown as Blockly.utils.toolbox.ToolboxDefinition,
    media: options.media,
    rtl: options.rtl ?? false,
    sounds: options.sounds ?? true,
    trashcan: true,
    zoom: { controls: true, wheel: false, startScale: 1, maxScale: 2, minScale: 0.5 },
    move: { scrollbars: true, drag: true, wheel: true },
    grid: { spacing: 24, length: 2, colour: "#ddd", snap: true },
  });
  workspace.registerToolboxCategoryCallback(FUNCTIONS_CATEGORY, (ws) => [
    ...Blockly.Procedures.flyoutCategory(ws),
    { kind: "block", type: "robotyc_return" },
  ]);
  return workspace;
}
