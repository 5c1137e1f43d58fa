import { describe, expect, it } from "vitest";
import { compile } from "./compile.ts";

const said = (source: string, locale: "fr" | "en" = "fr") =>
  compile(source, { locale }).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);

describe("TypeScript's diagnostics in a pupil's words", () => {
  it("keeps TypeScript's own message as a detail, its long types cut", () => {
    const [d] = compile("await robot.avancer(20);", { locale: "fr" }).diagnostics;
    expect(d!.message).toBe(
      "Le robot ne connaît pas « avancer » : ses noms sont en anglais. Écris « await robot.forward(20) ».",
    );
    expect(d!.detail).toMatch(/^La propriété 'avancer' n'existe pas sur le type '\{ readonly/);
    expect(d!.detail!.length).toBeLessThan(140);
    // Today's message was the robot's whole type: ~300 characters.
    expect(d!.detail).toContain("…'");
  });

  it("reports a used-before-declaration once, not twice", () => {
    expect(said("print(x);\nlet x = 3;", "en")).toEqual([
      '1:7 "x" is used before it is declared (its declaration is further down, line 2): declare it before using it.',
    ]);
  });

  it("shows only the syntax errors of a file that does not parse, one per line", () => {
    // TypeScript also says 'fonction' and 'carre' are unknown and a ';' is expected.
    expect(said("fonction carre() {}", "en")).toEqual([
      '1:1 "fonction" is not a TypeScript word: the language\'s words are in English. Write "function", for example "async function carre() { … }".',
    ]);
    expect(said("await robot.forward(3cm);")).toHaveLength(1);
  });

  it("names what is wrong in calls, values and names", () => {
    expect(said("const f = 3;\nf();")).toEqual([
      "2:1 « f » n'est pas une fonction : on ne peut pas l'appeler avec des parenthèses.",
    ]);
    expect(said('const x = 3 * "a";')).toEqual([
      '1:15 Ce calcul demande des nombres, mais « "a" » est un texte.',
    ]);
    expect(said("const x = 3 * robot.distance;")).toEqual([
      "1:15 Il manque les parenthèses : écris « robot.distance() » pour avoir sa valeur.",
    ]);
    expect(said('function f(): number { return "a"; }')).toEqual([
      '1:24 Cette fonction doit donner un nombre, pas le texte "a".',
    ]);
    expect(said("robot.forward = 3;", "en")).toEqual([
      '1:7 You cannot change "robot.forward": the robot\'s commands are fixed.',
    ]);
    expect(said("const l = [1, 2].find((x) => x > 1);\nprint(l.toFixed(1));")).toEqual([
      "2:7 « l » peut ne pas avoir de valeur ici (undefined) : vérifie-le avant de t'en servir.",
    ]);
    expect(said("const k = WasteKind;")).toEqual([
      "1:11 « WasteKind » est un type (une sorte de valeur), pas une valeur : il ne s'utilise qu'après « : ».",
    ]);
    expect(said('const r = robot.color().name;\nif (r == "violet") {}', "en")).toEqual([
      '2:5 This comparison is always false: r can never be "violet". Possible values: "black", "white", "grey", "red", "orange", "yellow", "green", "blue", "brown".',
    ]);
    expect(said("await robot.Forward(10);", "en")).toEqual([
      '1:13 The robot does not know "Forward": write "await robot.forward(20)".',
    ]);
    expect(said("await robot.move(10);", "en")).toEqual([
      '1:13 The robot does not know "move": write "await robot.forward(20)".',
    ]);
    expect(said("await robot.fly();", "en")).toEqual([
      '1:13 The robot does not know "fly". It knows: forward, backward, turnLeft, turnRight, setSpeed, setMotors, stop, distance, line, color, heading, grab, release, classify.',
    ]);
    expect(said("print(robot.color().nom, (await robot.classify()).sorte);")).toEqual([
      "1:21 « robot.color() » n'a pas de « nom » : écris « robot.color().name ».",
      "1:51 « (await robot.classify()) » n'a pas de « sorte » : écris « (await robot.classify()).kind ».",
    ]);
  });

  it("speaks plainly about broken syntax", () => {
    expect(said("const x = ;")).toEqual(["1:11 Il manque une valeur ici."]);
    expect(said("await robot.forward(10);\nrobot.")).toEqual(["2:7 Il manque un nom ici."]);
    expect(said("return;")).toEqual([
      "1:1 « return » sert à sortir d'une fonction, et ici on n'est dans aucune fonction.",
    ]);
    expect(said("continue;", "en")).toEqual([
      '1:1 "continue" is only allowed in a loop (while, for).',
    ]);
    expect(said("const c;")).toEqual([
      "1:7 Une constante reçoit sa valeur tout de suite : « const c = … ».",
    ]);
    expect(said("/* commentaire")).toEqual([
      "1:15 Ce commentaire n'est jamais fermé : il manque « */ ».",
    ]);
    expect(said("print(`bonjour);")).toEqual([
      "1:17 Ce texte entre accents graves ` n'est jamais fermé : il manque le ` à la fin.",
    ]);
    expect(said("print(3 × 2);")).toEqual([
      "1:9 Le caractère « × » ne s'utilise pas dans un programme : écris « * ».",
    ]);
    expect(said("tantque (robot.distance() > 10) {\n  await robot.forward(5);\n}")).toEqual([
      "1:1 « tantque » n'est pas un mot de TypeScript : les mots du langage sont en anglais. Écris « while », par exemple « while (true) { … } ».",
    ]);
    expect(said("if (robot.distance() < 10) {\n} sinon {\n}")).toEqual([
      "2:3 « sinon » n'est pas un mot de TypeScript : les mots du langage sont en anglais. Écris « else », par exemple « } else { … } ».",
    ]);
    expect(said("vrai;")).toEqual([
      "1:1 « vrai » n'est pas un mot de TypeScript : les mots du langage sont en anglais. Écris « true ».",
    ]);
  });

  it("reports a missing } at the { that was never closed, not at the end of the file", () => {
    const source = [
      "while (true) {",
      "  if (robot.distance() < 15) {",
      "    await robot.turnLeft(90);",
      "  await robot.forward(10);",
      "}",
      "",
      "",
    ].join("\n");
    expect(said(source)).toEqual([
      "2:30 Ce « { » n'est jamais fermé : il manque une « } » pour lui.",
    ]);
    // Without indentation to go by: the innermost { still open at the end.
    expect(
      said("while (true) {\nif (robot.distance() < 15) {\nawait robot.turnLeft(90);\n}"),
    ).toEqual(["1:14 Ce « { » n'est jamais fermé : il manque une « } » pour lui."]);
    // Braces inside texts and template holes are not counted.
    expect(said('print("{");\nconst t = `${1 + 1}`;\nif (true) {\n  print(t);\n')).toEqual([
      "3:11 Ce « { » n'est jamais fermé : il manque une « } » pour lui.",
    ]);
  });

  it("warns of code that never runs without refusing the program", () => {
    const result = compile("await robot.forward(1);\nthrow 1;\nprint(2);", { locale: "en" });
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toMatchObject([
      {
        line: 3,
        column: 1,
        severity: "warning",
        message: 'This code will never run: it comes after a "throw".',
      },
    ]);
  });
});
