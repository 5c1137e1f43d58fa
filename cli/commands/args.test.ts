import { describe, expect, it } from "vitest";
import { solutionFile } from "../../challenges/node.ts";
import { main } from "../main.ts";
import { closest, seedList, type CommandSpec } from "./args.ts";

async function robotyc(args: string[], locale: "fr" | "en" = "fr") {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { locale, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const PROGRAM = solutionFile("trieur-1-zone");

describe("the command line says what is wrong with it", () => {
  it("a value that is not a whole number", async () => {
    const r = await robotyc(["run", PROGRAM, "--challenge", "trieur-1-zone", "--seed", "abc"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "--seed attend un nombre entier (reçu : « abc »).\nAide : robotyc run --help",
    );
    const en = await robotyc(["grade", ".", "--challenge", "trieur-1-zone", "--jobs", "0"], "en");
    expect(en.err.split("\n")[0]).toBe('--jobs expects a whole number, at least 1 (got "0").');
    const seeds = await robotyc(["grade", ".", "--challenge", "trieur-1-zone", "--seeds", "1,a"]);
    expect(seeds.err.split("\n")[0]).toBe(
      "--seeds attend des nombres entiers séparés par des virgules, comme 1,2,3 ou 1..5 (reçu : « 1,a »).",
    );
  });

  it("a misspelt option gets the one meant", async () => {
    const r = await robotyc(["run", PROGRAM, "--challenge", "trieur-1-zone", "--sed", "3"]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toBe("Option inconnue : --sed. Voulais-tu dire --seed ?");
    const far = await robotyc(["run", PROGRAM, "--turbo"], "en");
    expect(far.err.split("\n")[0]).toBe(
      'Unknown option: --turbo. Options of "robotyc run": --challenge, --seed, --json, --replay, --twin, --help.',
    );
  });

  it("a missing option or argument is named, with what it is for", async () => {
    const r = await robotyc(["run", PROGRAM]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toBe(
      "Il manque l'option --challenge <id|fichier.json> : le défi : son id (« robotyc challenges » les liste) ou un fichier de défi .json.",
    );
    const noProgram = await robotyc(["run", "--challenge", "trieur-1-zone"], "en");
    expect(noProgram.err.split("\n")[0]).toBe(
      "<program.ts> is missing: the program to run (TypeScript or JavaScript).",
    );
    const noValue = await robotyc(["run", PROGRAM, "--challenge"]);
    expect(noValue.err.split("\n")[0]).toBe(
      "--challenge attend une valeur : --challenge <id|fichier.json>.",
    );
    const extra = await robotyc(["check", PROGRAM, "other.ts"]);
    expect(extra.err.split("\n")[0]).toBe("Argument en trop : « other.ts ».");
  });

  it("every command's --help explains every option and exits 0", async () => {
    const list = await robotyc(["help"]);
    const names = [...list.out.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]!);
    expect(names).toEqual(expect.arrayContaining(["run", "grade", "boards", "start", "wiring"]));
    for (const name of names) {
      for (const locale of ["fr", "en"] as const) {
        const help = await robotyc([name, "--help"], locale);
        expect(help.code, `${name} --help`).toBe(0);
        expect(help.err).toBe("");
        expect(help.out).toContain(`robotyc ${name}`);
        const spec = (
          (await import(/* @vite-ignore */ `./${name}.ts`)) as { default: { spec?: CommandSpec } }
        ).default.spec;
        for (const option of spec?.options ?? []) {
          // Every option on a line of its own, with its explanation.
          expect(help.out).toMatch(new RegExp(`^ {2}--${option.name}\\b.* {2}\\S`, "m"));
        }
      }
    }
    const start = await robotyc(["start", "--help"], "en");
    expect(start.out).toMatch(/^Usage: robotyc start /);
    expect(start.out).not.toContain("--challenge");
  });

  it("reads seed lists and ranges, and finds near names", () => {
    expect(seedList("1,2,3")).toEqual([1, 2, 3]);
    expect(seedList("1..5")).toEqual([1, 2, 3, 4, 5]);
    expect(seedList("2,4-6")).toEqual([2, 4, 5, 6]);
    expect(seedList("")).toBeUndefined();
    expect(seedList("5..1")).toBeUndefined();
    expect(closest("sed", ["seed", "json"])).toBe("seed");
    expect(closest("chalenge", ["challenge", "seed"])).toBe("challenge");
    expect(closest("jsno", ["json"])).toBe("json");
    expect(closest("turbo", ["seed", "json"])).toBeUndefined();
  });
});
