/**
 * Registers our blocks with Blockly in one language: Blockly's own words (`blockly/msg/fr`,
 * `blockly/msg/en`), the API blocks' definitions, the « afficher » block's mutator (any number
 * of values) and the part blocks' output type. Works in a browser and, for tests, in Node.
 */
import * as Blockly from "blockly/core";
import { loops } from "blockly/blocks";
import * as en from "blockly/msg/en";
import * as fr from "blockly/msg/fr";
import type { Locale } from "../../../../runtime/engine.ts";
import { BLOCK_LABELS, blockDefinitions } from "../convert/index.ts";
import { PART_BLOCKS, checkOf, partBlock, restInput } from "../convert/catalog.ts";
import { BLOCKLY_FR_EXTRA } from "./blockly-fr-extra.ts";
import { registerCodeField, setCodeFieldLocale } from "./field-code.ts";

const MESSAGES: Record<Locale, Record<string, string>> = {
  fr: { ...(fr as unknown as Record<string, string>), ...BLOCKLY_FR_EXTRA },
  en: en as unknown as Record<string, string>,
};

/** Blocks whose body is a loop, so « sortir de la boucle » is allowed inside. */
const OUR_LOOPS = ["robotyc_count", "robotyc_code_wrap"];

let registeredLocale: Locale | null = null;
let extensionsRegistered = false;

type PrintBlock = Blockly.BlockSvg & {
  itemCount_: number;
  updateShape_(): void;
};

const PRINT_PARAM = "values";

/** The mixin that lets « afficher » take any number of values (like Blockly's text join). */
const PRINT_MUTATOR = {
  itemCount_: 1,
  saveExtraState(this: PrintBlock) {
    return { itemCount: this.itemCount_ };
  },
  loadExtraState(this: PrintBlock, state: { itemCount?: number }) {
    this.itemCount_ = Math.max(0, Number(state?.itemCount ?? 1));
    this.updateShape_();
  },
  mutationToDom(this: PrintBlock) {
    const mutation = Blockly.utils.xml.createElement("mutation");
    mutation.setAttribute("items", String(this.itemCount_));
    return mutation;
  },
  domToMutation(this: PrintBlock, xml: Element) {
    this.itemCount_ = Number(xml.getAttribute("items") ?? 1);
    this.updateShape_();
  },
  decompose(this: PrintBlock, workspace: Blockly.WorkspaceSvg) {
    const container = workspace.newBlock("robotyc_print_container") as Blockly.BlockSvg;
    container.initSvg();
    let connection = container.getInput("STACK")!.connection!;
    for (let i = 0; i < this.itemCount_; i++) {
      const item = workspace.newBlock("robotyc_print_item") as Blockly.BlockSvg;
      item.initSvg();
      connection.connect(item.previousConnection!);
      connection = item.nextConnection!;
    }
    return container;
  },
  compose(this: PrintBlock, container: Blockly.Block) {
    let item = container.getInputTargetBlock("STACK");
    const connections: (Blockly.Connection | null)[] = [];
    while (item) {
      if (!item.isInsertionMarker()) {
        connections.push(
          (item as unknown as { valueConnection_?: Blockly.Connection }).valueConnection_ ?? null,
        );
      }
      item = item.getNextBlock();
    }
    for (let i = 0; i < this.itemCount_; i++) {
      const target = this.getInput(restInput(PRINT_PARAM, i))?.connection?.targetConnection;
      if (target && !connections.includes(target)) target.disconnect();
    }
    this.itemCount_ = connections.length;
    this.updateShape_();
    connections.forEach((c, i) => c?.reconnect(this, restInput(PRINT_PARAM, i)));
  },
  saveConnections(this: PrintBlock, container: Blockly.Block) {
    let item = container.getInputTargetBlock("STACK");
    let i = 0;
    while (item) {
      if (!item.isInsertionMarker()) {
        const input = this.getInput(restInput(PRINT_PARAM, i));
        (item as unknown as { valueConnection_?: Blockly.Connection | null }).valueConnection_ =
          input?.connection?.targetConnection ?? null;
        i++;
      }
      item = item.getNextBlock();
    }
  },
  updateShape_(this: PrintBlock) {
    let i = 0;
    for (; i < this.itemCount_; i++) {
      if (!this.getInput(restInput(PRINT_PARAM, i)))
        this.appendValueInput(restInput(PRINT_PARAM, i));
    }
    while (this.getInput(restInput(PRINT_PARAM, i))) this.removeInput(restInput(PRINT_PARAM, i++));
  },
};

function registerExtensions() {
  if (extensionsRegistered) return;
  extensionsRegistered = true;
  registerCodeField();
  Blockly.Extensions.registerMutator("robotyc_print_mutator", PRINT_MUTATOR, undefined, [
    "robotyc_print_item",
  ]);
  // A part block gives a number, a yes/no or a text depending on the part chosen.
  Blockly.Extensions.register("robotyc_part_output", function (this: Blockly.Block) {
    const part = partBlock(this.type) ?? PART_BLOCKS[0]!;
    const update = (field: string) => {
      const type = part.fields.find((f) => f.name === field)?.type;
      this.outputConnection?.setCheck(type ? checkOf(type) : null);
    };
    update(this.getFieldValue("FIELD"));
    (this.getField("FIELD") as Blockly.FieldDropdown).setValidator((value: string) => {
      update(value);
      return value;
    });
  });
  for (const type of OUR_LOOPS) (loops.loopTypes as Set<string>).add(type);
}

/** Registers Blockly's words and our blocks in `locale` (again when the language changes). */
export function registerBlocks(locale: Locale): void {
  registerExtensions();
  if (registeredLocale === locale) return;
  Blockly.setLocale(MESSAGES[locale]);
  setCodeFieldLocale(locale);
  const defs = [
    ...blockDefinitions(locale),
    {
      type: "robotyc_print_container",
      message0: `${BLOCK_LABELS.printContainer[locale]} %1 %2`,
      args0: [{ type: "input_dummy" }, { type: "input_statement", name: "STACK" }],
      colour: 120,
      enableContextMenu: false,
    },
    {
      type: "robotyc_print_item",
      message0: BLOCK_LABELS.printItem[locale],
      previousStatement: null,
      nextStatement: null,
      colour: 120,
      enableContextMenu: false,
    },
  ];
  for (const def of defs) delete Blockly.Blocks[def.type];
  Blockly.common.defineBlocks(Blockly.common.createBlockDefinitionsFromJsonArray(defs));
  registeredLocale = locale;
}

export { Blockly };
