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
