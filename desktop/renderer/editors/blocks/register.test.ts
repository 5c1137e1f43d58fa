/**
 * The blocks JSON the conversions write is what real Blockly loads: every golden program's
 * blocks load into a headless Blockly workspace (Node) with no block dropped and no connection
 * refused, and what Blockly saves back gives the same TypeScript.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { blocksToTypeScript, type BlockState, type WorkspaceState } from "../convert/index.ts";
import * as en from "blockly/msg/en";
import * as fr from "blockly/msg/fr";
import { BLOCKLY_FR_EXTRA, SAME_IN_FRENCH } from "./blockly-fr-extra.ts";
import { Blockly, registerBlocks } from "./register.ts";

const golden = join(dirname(fileURLToPath(import.meta.url)), "..", "convert", "fixtures", "golden");
const files = [
  ...readdirSync(join(golden, "expected"))
    .filter((f) => f.endsWith(".blocks.json"))
    .map((f) => join(golden, "expected", f)),
  ...readdirSync(join(golden, "blocks")).map((f) => join(golden, "blocks", f)),
];

function countBlocks(state: WorkspaceState): number {
  let n = 0;
  const visit = (b: BlockState | undefined) => {
    if (!b) return;
    n++;
    for (const c of Object.values(b.inputs ?? {})) visit(c.block ?? c.shadow);
    visit(b.next?.block);
  };
  state.blocks?.blocks.forEach(visit);
  return n;
}

describe.each(["fr", "en"] as const)("our blocks in Blockly (%s)", (locale) => {
  it.each(files.map((f) => [f.slice(golden.length + 1), f]))("load %s whole", (_name, file) => {
    registerBlocks(locale);
    const state = JSON.parse(readFileSync(file, "utf8")) as WorkspaceState;
    const workspace = new Blockly.Workspace();
    try {
      Blockly.serialization.workspaces.load(state, workspace);
      const saved = Blockly.serialization.workspaces.save(workspace) as WorkspaceState;
      expect(workspace.getAllBlocks(false).length).toBe(countBlocks(state));
      expect(blocksToTypeScript(saved).code).toBe(blocksToTypeScript(state).code);
    } finally {
      workspace.dispose();
    }
  });

  it("give a part block the type of the part chosen", () => {
    registerBlocks(locale);
    const workspace = new Blockly.Workspace();
    const part = workspace.newBlock("robot_color_part");
    expect(part.outputConnection!.getCheck()).toEqual(["String"]);
    part.setFieldValue("r", "FIELD");
    expect(part.outputConnection!.getCheck()).toEqual(["Number"]);
    workspace.dispose();
  });
});

describe("Blockly's words in French", () => {
  it("leave nothing a pupil or a screen reader meets in English", () => {
    const english = en as unknown as Record<string, unknown>;
    const french = fr as unknown as Record<string, unknown>;
    const untranslated = Object.keys(english).filter(
      (key) =>
        typeof english[key] === "string" &&
        french[key] === english[key] &&
        /[a-z]{3}/.test(english[key] as string) &&
        !/HELPURL$|HUE$/.test(key) &&
        !(english[key] as string).startsWith("%{"),
    );
    expect(untranslated.length).toBeGreaterThan(100);
    expect(
      untranslated.filter((key) => !(key in BLOCKLY_FR_EXTRA) && !SAME_IN_FRENCH.has(key)),
    ).toEqual([]);
    registerBlocks("fr");
    expect(Blockly.Msg.ARIA_LABEL_TRASH_EMPTY).toBe("Corbeille, vide pour l'instant");
    expect(Blockly.Msg.CONTROLS_REPEAT_INPUT_DO).toBe("faire");
  });
});
