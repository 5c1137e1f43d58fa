/**
 * The JSON definitions of our blocks (Blockly's `defineBlocksWithJsonArray` format), in one
 * language: the API's blocks generated from the catalogue, and the few blocks the TypeScript
 * needs that Blockly does not have (« code », count loop, return). Pure data: Node tests check it
 * and the workspace module registers it.
 */
import type { Locale } from "../../../../runtime/engine.ts";
import { API_BLOCKS, CHOICE_BLOCKS, PART_BLOCKS, checkOf, type ApiBlock } from "./catalog.ts";
import {
  API_LABELS,
  BLOCK_LABELS,
  FIELD_LABELS,
  PART_LABEL,
  VALUE_LABELS,
  type Category,
} from "./messages.ts";
import { pictogram } from "./pictograms.ts";

export type BlockDefinition = Record<string, unknown> & { type: string };

/** The colour (Blockly hue) of each category; every category also has its name. */
export const CATEGORY_HUES: Record<Category, number> = {
  movement: 210,
  sensors: 180,
  gripper: 30,
  control: 120,
  operators: 230,
  variables: 330,
  functions: 290,
};

/** Which category an API call belongs to. */
export const API_CATEGORY: Record<string, Category> = {
  "robot.forward": "movement",
  "robot.backward": "movement",
  "robot.turnLeft": "movement",
  "robot.turnRight": "movement",
  "robot.setSpeed": "movement",
  "robot.setMotors": "movement",
  "robot.stop": "movement",
  "robot.distance": "sensors",
  "robot.line": "sensors",
  "robot.color": "sensors",
  "robot.heading": "sensors",
  "global.time": "sensors",
  "robot.grab": "gripper",
  "robot.release": "gripper",
  "robot.classify": "gripper",
  "global.wait": "control",
  "global.print": "control",
};

export const categoryOf = (block: { call: { scope: string; name: string } }): Category =>
  API_CATEGORY[`${block.call.scope}.${block.call.name}`]!;

/** The doc's first paragraph without markdown: the block's tooltip. */
export function tooltip(doc: string): string {
  return doc.split("\n@")[0]!.replace(/`/g, "");
}

function apiDefinition(block: ApiBlock, locale: Locale): BlockDefinition {
  const args = block.call.params
    .filter((p) => !p.rest)
    .map((p) => ({ type: "input_value", name: p.name, check: checkOf(p.type) }));
  const shape =
    block.shape === "statement"
      ? { previousStatement: null, nextStatement: null }
      : { output: checkOf(block.call.returns, block.call) };
  const rest = block.call.params.some((p) => p.rest);
  return {
    type: block.type,
    message0: API_LABELS[block.type]![locale],
    ...(args.length ? { args0: args } : {}),
    ...shape,
    inputsInline: !rest,
    colour: CATEGORY_HUES[categoryOf(block)],
    tooltip: tooltip(block.call.doc[locale]),
    ...(rest ? { mutator: "robotyc_print_mutator" } : {}),
  };
}

export function blockDefinitions(locale: Locale): BlockDefinition[] {
  const defs: BlockDefinition[] = API_BLOCKS.map((b) => apiDefinition(b, locale));
  for (const part of PART_BLOCKS) {
    defs.push({
      type: part.type,
      message0: PART_LABEL[locale],
      args0: [
        {
          type: "field_dropdown",
          name: "FIELD",
          options: part.fields.map((f) => [FIELD_LABELS[f.name]![locale], f.name]),
        },
        { type: "input_value", name: "OBJ", check: checkOf(part.call.returns, part.call) },
      ],
      inputsInline: true,
      output: null,
      colour: CATEGORY_HUES[categoryOf(part)],
      tooltip: tooltip(part.call.doc[locale]),
      extensions: ["robotyc_part_output"],
    });
  }
  for (const choice of CHOICE_BLOCKS) {
    defs.push({
      type: choice.type,
      message0: "%1",
      args0: [
        {
          type: "field_dropdown",
          name: "VALUE",
          options: choice.values.map((v) => [pictogram(v, VALUE_LABELS[v]![locale]), v]),
        },
      ],
      output: "String",
      colour: CATEGORY_HUES[categoryOf(choice)],
      tooltip: tooltip(choice.call.doc[locale]),
    });
  }
  // The « code » blocks: grey, with their TypeScript in a multi-line field.
  const code = (field: string) => ({
    message0: BLOCK_LABELS.code[locale],
    args0: [{ type: "field_code", name: field, text: "", spellcheck: false }],
    colour: "#9e9e9e",
    tooltip: BLOCK_LABELS.codeTooltip[locale],
  });
  const statement = { previousStatement: null, nextStatement: null };
  defs.push(
    { type: "robotyc_code", ...code("CODE"), ...statement },
    { type: "robotyc_code_value", ...code("CODE"), output: null },
    {
      type: "robotyc_code_wrap",
      ...code("HEAD"),
      message1: "%1",
      args1: [{ type: "input_statement", name: "DO" }],
      ...statement,
    },
    {
      type: "robotyc_count",
      message0: BLOCK_LABELS.count[locale],
      args0: [
        { type: "field_variable", name: "VAR", variable: "i" },
        { type: "input_value", name: "FROM", check: "Number" },
        { type: "input_value", name: "TO", check: "Number" },
      ],
      message1: "%{BKY_CONTROLS_REPEAT_INPUT_DO} %1",
      args1: [{ type: "input_statement", name: "DO" }],
      inputsInline: true,
      previousStatement: null,
      nextStatement: null,
      style: "loop_blocks",
      tooltip: BLOCK_LABELS.countTooltip[locale],
    },
    {
      type: "robotyc_return",
      message0: BLOCK_LABELS.return[locale],
      args0: [{ type: "input_value", name: "VALUE" }],
      previousStatement: null,
      style: "procedure_blocks",
      tooltip: BLOCK_LABELS.returnTooltip[locale],
    },
  );
  return defs;
}
