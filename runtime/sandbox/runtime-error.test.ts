import { describe, expect, it } from "vitest";
import { compile } from "../compiler/compile.ts";
import { describeGuestError, expressionBefore, pupilPosition } from "./runtime-error.ts";
import { runPupil, lines } from "./test-helpers.ts";

function compiled(source: string) {
  const result = compile(source);
  if (!result.ok) throw new Error(result.diagnostics[0]!.message);
  return result.program;
}

describe("a runtime error in the pupil's words, from plain data", () => {
  const program = compiled(lines("const capteur: any = undefined;", "print(capteur.lire());"));
  const error = {
    name: "TypeError",
    message: "cannot read property 'lire' of undefined",
    stack: "    at <anonymous> (program.js:2:14)\n    at <eval> (program.js:3:3)\n",
  };

  it("says what has no value, where, in one language", () => {
    expect(describeGuestError(error, program, "fr")).toEqual({
      text: "Impossible de lire « lire » : « capteur » n'a pas de valeur (undefined).",
      detail: "TypeError: cannot read property 'lire' of undefined",
      line: 2,
      column: 14,
    });
    expect(describeGuestError(error, program, "en").text).toBe(
      'Cannot read "lire": "capteur" has no value (undefined).',
    );
  });

  it("still speaks plainly without a stack", () => {
    const { stack: _stack, ...bare } = error;
    expect(describeGuestError(bare, program, "fr")).toEqual({
      text: "Impossible de lire « lire » d'une valeur qui n'existe pas (undefined).",
      detail: "TypeError: cannot read property 'lire' of undefined",
    });
  });

  it("maps the generated position to the pupil's line and column, past elided types", () => {
    const typed = compiled(
      lines("let n: number = 1;", "const o: { a?: { b: number } } = {};", "print(o.a!.b);"),
    );
    expect(typed.code.split("\n")[2]).toBe("print(o.a.b);");
    // Before the elided '!', the same column; after it, one further in the pupil's source.
    expect(pupilPosition(typed, "at f (program.js:3:9)")).toEqual({ line: 3, column: 9 });
    expect(pupilPosition(typed, "at f (program.js:3:10)")).toEqual({ line: 3, column: 11 });
    expect(pupilPosition(typed, "at f (program.js:3:11)")).toEqual({ line: 3, column: 12 });
  });

  it("reads the expression before the failing token backwards", () => {
    const at = (code: string, token: string) => expressionBefore(code, code.lastIndexOf(token));
    expect(at("print(capteur.lire());", ".")).toBe("capteur");
    expect(at("x = liste[i + 1].cm;", ".")).toBe("liste[i + 1]");
    expect(at("y = 1 + trouver(2).x;", ".")).toBe("trouver(2)");
    expect(at("await r.avancer(20);", "(")).toBe("r.avancer");
    expect(at("z = a?.b.c;", ".")).toBe("a?.b");
    expect(at("(1 + 2).x", ".")).toBeUndefined();
  });
});

describe("runtime errors, run for real", () => {
  it.each([
    [
      "const o: any = { a: {} };\nconst x = o.a.b.c;",
      "Ligne 2, colonne 16 : Impossible de lire « c » : « o.a.b » n'a pas de valeur (undefined).",
    ],
    [
      "const etapes = [{ cm: 20 }];\nawait robot.forward(etapes[1].cm);",
      "Ligne 2, colonne 30 : Impossible de lire « cm » : « etapes[1] » n'a pas de valeur (undefined). La liste a-t-elle assez d'éléments ? On compte à partir de 0.",
    ],
    [
      "const r: any = robot;\nawait r.avancer(20);",
      "Ligne 2, colonne 16 : « r.avancer » n'est pas une fonction : on ne peut pas l'appeler.",
    ],
    [
      "const b: any = null;\nb.x = 3;",
      "Ligne 2, colonne 2 : Impossible de changer « x » : « b » n'a pas de valeur (null).",
    ],
    [
      "const t: any = 5;\nfor (const v of t) {}",
      "Ligne 2, colonne 17 : Cette valeur n'est pas une liste : on ne peut pas la parcourir avec for…of.",
    ],
    [
      "const l: number[] = [];\nprint(l.reduce((a, b) => a + b));",
      "Ligne 2, colonne 15 : reduce sur une liste vide demande une valeur de départ : « reduce((a, b) => a + b, 0) ».",
    ],
    [
      'throw new Error("bac inconnu");',
      "Ligne 1, colonne 16 : Ton programme a lancé une erreur sans l'attraper : bac inconnu",
    ],
    [
      "print(decodeURIComponent('%'));",
      "Ligne 1, colonne 25 : Ton programme s'est arrêté sur une erreur : une adresse web est mal formée.",
    ],
  ])("%s", async (source, message) => {
    const { result } = await runPupil(source, { locale: "fr" });
    expect(result.error).toMatchObject({ kind: "exception", message });
    // Whole, in one language: none of the engine's English words.
    expect(result.error!.message).not.toMatch(/TypeError|undefined'|cannot|Uncaught|non rattrapée/);
    expect(result.error!.detail).toMatch(/^\w*Error: /);
  });
});
