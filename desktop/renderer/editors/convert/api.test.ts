/**
 * The blocks cannot drift from the pupil API: every API call has its block, with one input per
 * parameter (same names, same order, the parameter's type as connection check), and the
 * TypeScript a block stands for calls the API with exactly those arguments. Our reading of the
 * API's signatures is checked against the TypeScript compiler's reading of the `.d.ts`.
 */
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { LOCALES, PUPIL_API_DTS, PUPIL_API_MEMBERS } from "../../../../runtime/engine.ts";
import { API_CALLS, callee, parseType } from "./api.ts";
import { API_BLOCKS, CHOICE_BLOCKS, PART_BLOCKS, checkOf, restInput } from "./catalog.ts";
import { blockDefinitions } from "./definitions.ts";
import { API_LABELS, FIELD_LABELS, VALUE_LABELS } from "./messages.ts";
import { toolbox } from "./toolbox.ts";
import { blocksToTypeScript, typeScriptToBlocks, type BlockState } from "./index.ts";

/** The compiler's view of the API: name → parameters (name, type text, rest) and result text. */
function compilerView() {
  const sf = ts.createSourceFile("api.d.ts", PUPIL_API_DTS.en, ts.ScriptTarget.ES2022, true);
  const view = new Map<
    string,
    { params: { name: string; type: string; rest: boolean }[]; returns: string }
  >();
  const paramsOf = (params: ts.NodeArray<ts.ParameterDeclaration>) =>
    params.map((p) => ({
      name: p.name.getText(sf),
      type: p.type!.getText(sf),
      rest: !!p.dotDotDotToken,
    }));
  sf.forEachChild((node) => {
    if (ts.isFunctionDeclaration(node)) {
      view.set(`global.${node.name!.text}`, {
        params: paramsOf(node.parameters),
        returns: node.type!.getText(sf),
      });
    }
    if (ts.isVariableStatement(node)) {
      const robot = node.declarationList.declarations[0]!;
      for (const member of (robot.type as ts.TypeLiteralNode).members) {
        const fn = (member as ts.PropertySignature).type as ts.FunctionTypeNode;
        view.set(`robot.${member.name!.getText(sf)}`, {
          params: paramsOf(fn.parameters),
          returns: fn.type.getText(sf),
        });
      }
    }
  });
  return view;
}

describe("blocks generated from the pupil API", () => {
  const view = compilerView();

  it("read every call's signature as the TypeScript compiler does", () => {
    expect(API_CALLS.map((c) => `${c.scope}.${c.name}`)).toEqual([...view.keys()]);
    for (const call of API_CALLS) {
      const seen = view.get(`${call.scope}.${call.name}`)!;
      expect(call.params.map((p) => p.name)).toEqual(seen.params.map((p) => p.name));
      expect(call.params.map((p) => p.rest)).toEqual(seen.params.map((p) => p.rest));
      expect(call.params.map((p) => p.type)).toEqual(seen.params.map((p) => parseType(p.type)));
      const timed = seen.returns.startsWith("Promise<");
      expect(call.timed).toBe(timed);
      expect(call.returns).toEqual(parseType(timed ? seen.returns.slice(8, -1) : seen.returns));
    }
    expect(API_CALLS).toHaveLength(PUPIL_API_MEMBERS.length);
  });

  it("give every API call a block of the right shape", () => {
    for (const call of API_CALLS) {
      const shapes = API_BLOCKS.filter((b) => b.call === call).map((b) => b.shape);
      if (call.returns.kind === "void") expect(shapes).toEqual(["statement"]);
      else if (call.timed) expect(shapes).toEqual(["value", "statement"]);
      else expect(shapes).toEqual(["value"]);
    }
  });

  it.each(LOCALES)("define in %s one input per parameter, checked with its type", (locale) => {
    const defs = new Map(blockDefinitions(locale).map((d) => [d.type, d]));
    for (const block of API_BLOCKS) {
      const def = defs.get(block.type)!;
      const inputs = ((def.args0 as { type: string; name: string; check: unknown }[]) ?? []).filter(
        (a) => a.type === "input_value",
      );
      const fixed = block.call.params.filter((p) => !p.rest);
      expect(inputs.map((i) => i.name)).toEqual(fixed.map((p) => p.name));
      expect(inputs.map((i) => i.check)).toEqual(fixed.map((p) => checkOf(p.type)));
      // A rest parameter (`print(...values)`) takes any number of inputs through a mutator.
      expect(def.mutator !== undefined).toBe(block.call.params.some((p) => p.rest));
      const label = API_LABELS[block.type]![locale];
      const placeholders = [...label.matchAll(/%(\d)/g)].map((m) => Number(m[1]));
      expect(placeholders).toEqual(fixed.map((_, i) => i + 1));
      expect(def.tooltip).toBeTruthy();
    }
  });

  it("write each API block as the call of the API with its inputs in order, and read it back", () => {
    for (const block of API_BLOCKS) {
      const inputs: Record<string, { block: BlockState }> = {};
      const args: string[] = [];
      block.call.params.forEach((param) => {
        const names = param.rest
          ? [restInput(param.name, 0), restInput(param.name, 1)]
          : [param.name];
        for (const name of names) {
          inputs[name] = { block: { type: "variables_get", fields: { VAR: { id: name } } } };
          args.push(name);
        }
      });
      const rest = block.call.params.some((p) => p.rest);
      const top: BlockState = {
        type: block.type,
        id: "api",
        ...(rest ? { extraState: { itemCount: 2 } } : {}),
        inputs,
      };
      const statement =
        block.shape === "statement"
          ? top
          : {
              type: "variables_set",
              fields: { VAR: { id: "result" } },
              inputs: { VALUE: { block: top } },
            };
      const variables = [...args, "result"].map((name) => ({ name, id: name }));
      const code = blocksToTypeScript({
        blocks: { languageVersion: 0, blocks: [statement] },
        variables,
      }).code;
      const call = `${block.call.timed ? "await " : ""}${callee(block.call)}(${args.join(", ")})`;
      expect(code).toContain(call);
      // And the TypeScript gives the same block back.
      const declared = args.map((a) => `let ${a} = 1;\n`).join("");
      const back = typeScriptToBlocks(
        `${declared}${block.shape === "statement" ? "" : "let result = "}${call};\n`,
        ts,
      );
      expect(JSON.stringify(back.state)).toContain(`"type":"${block.type}"`);
      expect(back.codeBlocks).toBe(0);
    }
  });

  it.each(LOCALES)(
    "name every part of a result and every value in %s, with a pictogram",
    (locale) => {
      for (const part of PART_BLOCKS)
        for (const field of part.fields) expect(FIELD_LABELS[field.name]![locale]).toBeTruthy();
      const defs = new Map(blockDefinitions(locale).map((d) => [d.type, d]));
      for (const choice of CHOICE_BLOCKS) {
        const options = (
          defs.get(choice.type)!.args0 as { options: [{ src: string; alt: string }, string][] }[]
        )[0]!.options;
        expect(options.map((o) => o[1])).toEqual([...choice.values]);
        for (const [image, value] of options) {
          // A picture and the name written in it, never a colour alone.
          expect(image.alt).toBe(VALUE_LABELS[value]![locale]);
          expect(decodeURIComponent(image.src)).toContain(
            `>${VALUE_LABELS[value]![locale].replace("'", "'")}</text>`,
          );
          expect(image.src.startsWith("data:image/svg+xml,")).toBe(true);
        }
      }
      expect(CHOICE_BLOCKS.map((c) => c.values.length)).toEqual([9, 7]);
    },
  );

  it.each(LOCALES)("put the blocks in the seven categories, in order (%s)", (locale) => {
    const box = toolbox(locale);
    const names = box.contents.map((c) => c.name);
    expect(names).toEqual(
      locale === "fr"
        ? [
            "Mouvement",
            "Capteurs",
            "Pince et tri",
            "Contrôle",
            "Opérateurs",
            "Variables",
            "Fonctions",
          ]
        : [
            "Movement",
            "Sensors",
            "Gripper and sorting",
            "Control",
            "Operators",
            "Variables",
            "Functions",
          ],
    );
    const listed = new Set(box.contents.flatMap((c) => (c.contents ?? []).map((b) => b.type)));
    for (const block of [...API_BLOCKS, ...PART_BLOCKS, ...CHOICE_BLOCKS])
      expect(listed).toContain(block.type);
    expect(box.contents.find((c) => c.custom === "VARIABLE")).toBeTruthy();
  });
});
