/** What `robotyc check` and `robotyc run` tell a pupil about the mistakes pupils really make. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../main.ts";

const dir = mkdtempSync(join(tmpdir(), "robotyc-pupil-"));

async function robotyc(locale: "fr" | "en", ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { locale, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function program(name: string, ...lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join("\n"));
  return path;
}

describe("a forgotten await, through the CLI", () => {
  const file = program("square.ts", "for (let i = 0; i < 4; i++) {", "  robot.forward(20);", "}");

  it("fails check with the call's line and column", async () => {
    const r = await robotyc("fr", "check", file);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${file}:2:3: Il manque « await » devant robot.forward(20) : sans lui, ton programme n'attend pas que le robot ait avancé.`,
    );
  });

  it("fails run before anything moves, with the same words", async () => {
    const r = await robotyc("en", "run", file, "--challenge", "trieur-1-zone");
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'Missing "await" before robot.forward(20): without it, your program does not wait for the robot to drive forward.',
    );
  });
});

describe("TypeScript's diagnostics in pupil words, through the CLI", () => {
  const file = program("avancer.ts", "await robot.avancer(20);");

  it("check gives our words, and TypeScript's with --details", async () => {
    const r = await robotyc("fr", "check", file);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${file}:1:13: Le robot ne connaît pas « avancer » : ses noms sont en anglais. Écris « await robot.forward(20) ».`,
    );
    const detailed = await robotyc("fr", "check", file, "--details");
    const lines = detailed.err.split("\n");
    expect(lines[0]).toBe(r.err);
    expect(lines[1]).toMatch(/^ {2}TypeScript : La propriété 'avancer' n'existe pas sur le type/);
    expect(lines[1]!.length).toBeLessThan(140);
  });

  it("run says the program cannot start, with the line and column once", async () => {
    const r = await robotyc("fr", "run", file, "--challenge", "trieur-1-zone");
    expect(r.code).toBe(1);
    expect(r.out.split("\n")[1]).toBe(
      "Le programme ne peut pas démarrer : Ligne 1, colonne 13 : Le robot ne connaît pas « avancer » : ses noms sont en anglais. Écris « await robot.forward(20) ».",
    );
  });

  it("check reports a missing } at the { never closed", async () => {
    const braces = program(
      "braces.ts",
      "while (true) {",
      "  if (robot.distance() < 15) {",
      "    await robot.turnLeft(90);",
      "  await robot.forward(10);",
      "}",
    );
    const r = await robotyc("en", "check", braces);
    expect(r.err).toBe(`${braces}:2:30: This "{" is never closed: a "}" is missing for it.`);
  });
});

describe("runtime errors, through the CLI", () => {
  it("run says what had no value and where, line and column once, in one language", async () => {
    const file = program(
      "capteur.ts",
      "const capteurs: any = {};",
      "const capteur = capteurs.gauche;",
      "await robot.forward(10);",
      "print(capteur.lire());",
    );
    const fr = await robotyc("fr", "run", file, "--challenge", "trieur-1-zone");
    expect(fr.code).toBe(1);
    const failed = fr.out.split("\n").find((l) => l.startsWith("Le programme a échoué"));
    expect(failed).toBe(
      "Le programme a échoué : Ligne 4, colonne 14 : Impossible de lire « lire » : « capteur » n'a pas de valeur (undefined).",
    );
    const en = await robotyc("en", "run", file, "--challenge", "trieur-1-zone");
    expect(en.out).toContain(
      'The program failed: Line 4, column 14: Cannot read "lire": "capteur" has no value (undefined).',
    );
    for (const out of [fr.out, en.out]) {
      expect(out).not.toMatch(/TypeError|cannot read|\((ligne|line) \d/);
    }
  });
});

describe("numbers and agreement, as the pupil reads them", () => {
  it("run writes every time the language's way, « 2,2 s » on each line", async () => {
    const fr = await robotyc(
      "fr",
      "run",
      "challenges/pack/trieur-1-zone/solution.ts",
      "--challenge",
      "trieur-1-zone",
    );
    const finished = /^Programme terminé à (\d+,\d) s\.$/m.exec(fr.out);
    expect(finished, fr.out).not.toBeNull();
    expect(fr.out).toContain(`tout est fait en ${finished![1]} s`);
    expect(fr.out).not.toMatch(/\d\.\d/);
    const en = await robotyc(
      "en",
      "run",
      "challenges/pack/trieur-1-zone/solution.ts",
      "--challenge",
      "trieur-1-zone",
    );
    expect(en.out).toMatch(/^Program finished at \d+\.\d s\.$/m);
  });

  it("a refused call writes its number the language's way", async () => {
    const file = program("speed.ts", "robot.setSpeed(150.5);", "await robot.forward(10);");
    const r = await robotyc("fr", "run", file, "--challenge", "trieur-1-zone");
    expect(r.out).toContain(
      "robot.setSpeed attend un nombre entre 1 et 100 (un pourcentage), mais a reçu 150,5.",
    );
  });
});
