/**
 * The blocks of the pupil API, derived from `API_CALLS`: one block per call (statement or value),
 * a statement form too for a timed call that gives a result (`await robot.grab();`), a block that
 * reads one part of an object result (`seen.left`), and a choice block for each closed set of
 * values the API names (waste kinds, colour names).
 */
import { API_CALLS, type ApiCall, type ApiField, type ValueType } from "./api.ts";

export interface ApiBlock {
  type: string;
  call: ApiCall;
  shape: "statement" | "value";
  /** Input names, one per parameter (a rest parameter: the name is numbered, `values0`...). */
  inputs: readonly string[];
}

export interface PartBlock {
  type: string;
  call: ApiCall;
  fields: readonly ApiField[];
}

export interface ChoiceBlock {
  type: string;
  call: ApiCall;
  field: string;
  values: readonly string[];
}

const prefix = (call: ApiCall) => (call.scope === "robot" ? "robot_" : "pupil_");

export const API_BLOCKS: readonly ApiBlock[] = API_CALLS.flatMap((call): ApiBlock[] => {
  const type = prefix(call) + call.name;
  const inputs = call.params.map((p) => p.name);
  if (call.returns.kind === "void") return [{ type, call, shape: "statement", inputs }];
  const value: ApiBlock = { type, call, shape: "value", inputs };
  return call.timed ? [value, { type: `${type}_do`, call, shape: "statement", inputs }] : [value];
});

export const PART_BLOCKS: readonly PartBlock[] = API_CALLS.flatMap((call) =>
  call.returns.kind === "object"
    ? [{ type: `${prefix(call)}${call.name}_part`, call, fields: call.returns.fields }]
    : [],
);

export const CHOICE_BLOCKS: readonly ChoiceBlock[] = PART_BLOCKS.flatMap((part) =>
  part.fields.flatMap((field) =>
    field.type.kind === "string" && field.type.values
      ? [
          {
            type: `${part.type.replace(/_part$/, "")}_${field.name}`,
            call: part.call,
            field: field.name,
            values: field.type.values,
          },
        ]
      : [],
  ),
);

export const apiBlock = (type: string) => API_BLOCKS.find((b) => b.type === type);
export const partBlock = (type: string) => PART_BLOCKS.find((b) => b.type === type);
export const choiceBlock = (type: string) => CHOICE_BLOCKS.find((b) => b.type === type);

/** The part block that reads `field` (field names are unique across the API's results). */
export const partBlockOfField = (field: string) =>
  PART_BLOCKS.find((b) => b.fields.some((f) => f.name === field));

/** The choice block whose values include `value`. */
export const choiceBlockOfValue = (value: string) =>
  CHOICE_BLOCKS.find((b) => b.values.includes(value));

/** The connection check of a value of this type ("Number", "Boolean", "String", or the call's). */
export function checkOf(type: ValueType, call?: ApiCall): string | null {
  switch (type.kind) {
    case "number":
      return "Number";
    case "boolean":
      return "Boolean";
    case "string":
      return "String";
    case "object":
      return call ? `${call.scope}.${call.name}` : null;
    default:
      return null;
  }
}

/** The input of a block that takes a rest parameter's `index`-th value. */
export const restInput = (param: string, index: number) => `${param}${index}`;
