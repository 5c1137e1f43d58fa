/**
 * The toolbox: seven categories in the order a pupil needs them, each block with ready-to-edit
 * default values (the API doc's `@example` arguments where it has one).
 */
import type { Locale } from "../../../../runtime/engine.ts";
import type { BlockState } from "./blocks-json.ts";
import { API_BLOCKS, CHOICE_BLOCKS, PART_BLOCKS, restInput, type ApiBlock } from "./catalog.ts";
import { CATEGORY_HUES, categoryOf } from "./definitions.ts";
import { CATEGORY_LABELS, type Category } from "./messages.ts";

type ToolboxBlock = { kind: "block" } & Omit<BlockState, "id">;
export interface ToolboxCategory {
  kind: "category";
  name: string;
  colour: string;
  contents?: ToolboxBlock[];
  custom?: string;
}
export interface Toolbox {
  kind: "categoryToolbox";
  contents: ToolboxCategory[];
}

const num = (n: number) => ({ shadow: { type: "math_number", fields: { NUM: n } } });
const text = (t: string) => ({ shadow: { type: "text", fields: { TEXT: t } } });

/** Defaults for parameters the doc gives no example for. */
const FALLBACK_DEFAULT: Record<string, number> = { percent: 50, seconds: 1 };

function apiEntry(block: ApiBlock, locale: Locale): ToolboxBlock {
  const inputs: Record<string, object> = {};
  block.call.params.forEach((param, i) => {
    if (param.rest) inputs[restInput(param.name, 0)] = text(locale === "fr" ? "Bonjour" : "Hello");
    else inputs[param.name] = num(block.call.example?.[i] ?? FALLBACK_DEFAULT[param.name] ?? 10);
  });
  const rest = block.call.params.some((p) => p.rest);
  return {
    kind: "block",
    type: block.type,
    ...(rest ? { extraState: { itemCount: 1 } } : {}),
    ...(Object.keys(inputs).length ? { inputs } : {}),
  };
}

const b = (type: string, rest: Omit<ToolboxBlock, "kind" | "type"> = {}): ToolboxBlock => ({
  kind: "block",
  type,
  ...rest,
});

export function toolbox(locale: Locale): Toolbox {
  const byCategory = new Map<Category, ToolboxBlock[]>();
  const add = (category: Category, entry: ToolboxBlock) =>
    byCategory.set(category, [...(byCategory.get(category) ?? []), entry]);
  for (const block of API_BLOCKS) {
    add(categoryOf(block), apiEntry(block, locale));
    const part = PART_BLOCKS.find((p) => p.call === block.call);
    if (part && block.shape === "value") {
      // The part block with the call already plugged in: « capteurs de ligne : ligne à gauche ? »
      add(categoryOf(part), b(part.type, { inputs: { OBJ: { block: { type: block.type } } } }));
      for (const choice of CHOICE_BLOCKS.filter((c) => c.call === block.call)) {
        add(categoryOf(choice), b(choice.type));
      }
    }
  }
  add("control", b("controls_repeat_ext", { inputs: { TIMES: num(4) } }));
  add("control", b("controls_whileUntil"));
  add("control", b("robotyc_count", { inputs: { FROM: num(0), TO: num(5) } }));
  add("control", b("controls_for", { inputs: { FROM: num(1), TO: num(10), BY: num(1) } }));
  add(
    "control",
    b("controls_forEach", {
      inputs: {
        LIST: {
          block: {
            type: "lists_create_with",
            extraState: { itemCount: 3 },
            inputs: { ADD0: num(20), ADD1: num(40), ADD2: num(60) },
          },
        },
      },
    }),
  );
  add("control", b("controls_if"));
  add("control", b("controls_if", { extraState: { hasElse: true } }));
  add("control", b("controls_flow_statements"));
  const ops: ToolboxBlock[] = [
    b("math_number", { fields: { NUM: 0 } }),
    b("math_arithmetic", { inputs: { A: num(1), B: num(1) } }),
    b("math_modulo", { inputs: { DIVIDEND: num(10), DIVISOR: num(3) } }),
    b("math_single", { fields: { OP: "ABS" }, inputs: { NUM: num(-5) } }),
    b("math_single", { fields: { OP: "NEG" }, inputs: { NUM: num(5) } }),
    b("math_round", { inputs: { NUM: num(3.1) } }),
    b("math_random_float"),
    b("logic_compare", { inputs: { B: num(10) } }),
    b("logic_operation"),
    b("logic_negate"),
    b("logic_boolean"),
    b("logic_ternary"),
    b("text"),
    b("text_join", { extraState: { itemCount: 2 } }),
    b("lists_create_with", { extraState: { itemCount: 3 } }),
    b("robotyc_code_value", { fields: { CODE: "" } }),
    b("robotyc_code", { fields: { CODE: "" } }),
  ];
  for (const entry of ops) add("operators", entry);
  const categories: ToolboxCategory[] = (Object.keys(CATEGORY_LABELS) as Category[]).map(
    (category) => ({
      kind: "category",
      name: CATEGORY_LABELS[category][locale],
      colour: String(CATEGORY_HUES[category]),
      ...(category === "variables"
        ? { custom: "VARIABLE" }
        : category === "functions"
          ? { custom: "PROCEDURE" }
          : { contents: byCategory.get(category) ?? [] }),
    }),
  );
  return { kind: "categoryToolbox", contents: categories };
}
