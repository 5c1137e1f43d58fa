/**
 * The pupil API read from its one source (`runtime/api/pupil-api.ts`): each call's parameters,
 * result and whether it takes time (returns a promise the program awaits). Blocks, their
 * inputs and the TypeScript they stand for are all derived from this, so they cannot drift.
 */
import {
  COLOR_NAMES,
  PUPIL_API_MEMBERS,
  WASTE_KINDS,
  type Localized,
} from "../../../../runtime/engine.ts";

export type ValueType =
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "string"; values?: readonly string[] }
  | { kind: "unknown" }
  | { kind: "void" }
  | { kind: "object"; fields: readonly ApiField[] };

export interface ApiField {
  name: string;
  type: ValueType;
}

export interface ApiParam {
  name: string;
  type: ValueType;
  /** `...values: T[]`: any number of arguments. */
  rest: boolean;
}

export interface ApiCall {
  scope: "robot" | "global";
  name: string;
  params: readonly ApiParam[];
  returns: ValueType;
  /** Returns a promise: the program awaits it and time passes. */
  timed: boolean;
  doc: Localized;
  /** The arguments of the doc's `@example`, when it has one: the toolbox's default values. */
  example?: readonly number[];
}

/** Named types of the pupil API and the values they stand for. */
const NAMED: Record<string, ValueType> = {
  ColorName: { kind: "string", values: COLOR_NAMES },
  WasteKind: { kind: "string", values: WASTE_KINDS },
};

/** Splits `text` at `separator` where it is not nested in brackets or quotes. */
function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if ("({[<".includes(c)) depth++;
    else if (")}]>".includes(c)) depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i).trim());
      start = i + separator.length;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p !== "");
}

export function parseType(text: string): ValueType {
  const t = text.trim();
  if (t === "number") return { kind: "number" };
  if (t === "boolean") return { kind: "boolean" };
  if (t === "string") return { kind: "string" };
  if (t === "void") return { kind: "void" };
  if (t === "unknown" || t === "unknown[]") return { kind: "unknown" };
  if (NAMED[t]) return NAMED[t];
  if (t.startsWith("{") && t.endsWith("}")) {
    const fields = splitTop(t.slice(1, -1), ";").map((member) => {
      const colon = member.indexOf(":");
      return { name: member.slice(0, colon).trim(), type: parseType(member.slice(colon + 1)) };
    });
    return { kind: "object", fields };
  }
  const alternatives = splitTop(t, "|");
  if (alternatives.length > 1) {
    const values = alternatives.flatMap((alt) => {
      const type = parseType(alt);
      if (type.kind !== "string" || !type.values) throw new Error(`unsupported union: ${t}`);
      return type.values;
    });
    return { kind: "string", values };
  }
  if (/^"[^"]*"$/.test(t)) return { kind: "string", values: [t.slice(1, -1)] };
  throw new Error(`unsupported type in the pupil API: ${t}`);
}

/** `name(params): result` → its parts. */
export function parseSignature(signature: string): Omit<ApiCall, "scope" | "doc" | "example"> {
  const match = /^(\w+)\((.*?)\):\s*(.+)$/.exec(signature);
  if (!match) throw new Error(`bad signature: ${signature}`);
  const params = splitTop(match[2]!, ",").map((param) => {
    const rest = param.startsWith("...");
    const colon = param.indexOf(":");
    return {
      name: param.slice(rest ? 3 : 0, colon).trim(),
      type: parseType(param.slice(colon + 1)),
      rest,
    };
  });
  let result = match[3]!.trim();
  const timed = /^Promise<.*>$/.test(result);
  if (timed) result = result.slice("Promise<".length, -1);
  return { name: match[1]!, params, returns: parseType(result), timed };
}

function exampleArgs(doc: string, name: string): number[] | undefined {
  const example = new RegExp(`@example .*\\b${name}\\(([^)]*)\\)`).exec(doc);
  if (!example || !example[1]!.trim()) return undefined;
  const args = example[1]!.split(",").map(Number);
  return args.every(Number.isFinite) ? args : undefined;
}

/** Every call of the pupil API, in the order the API declares them. */
export const API_CALLS: readonly ApiCall[] = PUPIL_API_MEMBERS.map((member) => {
  const parsed = parseSignature(member.signature);
  const example = exampleArgs(member.doc.en, member.name);
  return { scope: member.scope, doc: member.doc, ...parsed, ...(example ? { example } : {}) };
});

export const apiCall = (scope: "robot" | "global", name: string) =>
  API_CALLS.find((c) => c.scope === scope && c.name === name);

/** How a call reads in TypeScript: `robot.forward` or `wait`. */
export const callee = (call: ApiCall) =>
  call.scope === "robot" ? `robot.${call.name}` : call.name;
