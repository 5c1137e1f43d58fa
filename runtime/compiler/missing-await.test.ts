import { describe, expect, it } from "vitest";
import { compile } from "./compile.ts";

const lines = (...l: string[]) => l.join("\n");
const problems = (source: string, locale: "fr" | "en" = "fr") =>
  compile(source, { locale }).diagnostics.map(
    (d) => `${d.line}:${d.column} ${d.code} ${d.message}`,
  );

describe("a forgotten await", () => {
  it("is an error at the call, in the pupil's words (the commonest pupil bug)", () => {
    const source = lines("for (let i = 0; i < 4; i++) {", "  robot.forward(20);", "}");
    const result = compile(source, { locale: "fr" });
    expect(result.ok).toBe(false);
    expect(problems(source)).toEqual([
      "2:3 ROBOTYC_MISSING_AWAIT Il manque « await » devant robot.forward(20) : sans lui, ton programme n'attend pas que le robot ait avancé.",
    ]);
    expect(problems(source, "en")).toEqual([
      '2:3 ROBOTYC_MISSING_AWAIT Missing "await" before robot.forward(20): without it, your program does not wait for the robot to drive forward.',
    ]);
  });

  it("covers every timed robot call and wait, each with what it waits for", () => {
    const source = lines(
      "robot.backward(5);",
      "robot.turnLeft(90);",
      "robot.turnRight(90);",
      "robot.grab();",
      "robot.release();",
      "robot.classify();",
      "wait(1);",
    );
    expect(problems(source)).toEqual([
      "1:1 ROBOTYC_MISSING_AWAIT Il manque « await » devant robot.backward(5) : sans lui, ton programme n'attend pas que le robot ait reculé.",
      "2:1 ROBOTYC_MISSING_AWAIT Il manque « await » devant robot.turnLeft(90) : sans lui, ton programme n'attend pas que le robot ait tourné.",
      "3:1 ROBOTYC_MISSING_AWAIT Il manque « await » devant robot.turnRight(90) : sans lui, ton programme n'attend pas que le robot ait tourné.",
      "4:1 ROBOTYC_MISSING_AWAIT Il manque « await » devant robot.grab() : sans lui, ton programme n'attend pas que le robot ait fermé sa pince.",
      "5:1 ROBOTYC_MISSING_AWAIT Il manque « await » devant robot.release() : sans lui, ton programme n'attend pas que le robot ait ouvert sa pince.",
      "6:1 ROBOTYC_MISSING_AWAIT Il manque « await » devant robot.classify() : sans lui, ton programme n'attend pas que la caméra ait reconnu le déchet.",
      "7:1 ROBOTYC_MISSING_AWAIT Il manque « await » devant wait(1) : sans lui, ton programme n'attend pas du tout.",
    ]);
  });

  it("covers the pupil's own async functions, and says to make a function async", () => {
    const own = lines("async function carre() {", "  await robot.forward(10);", "}", "carre();");
    expect(problems(own)).toEqual([
      "4:1 ROBOTYC_MISSING_AWAIT Il manque « await » devant carre() : sans lui, ton programme n'attend pas que carre() ait fini.",
    ]);
    const sync = lines("function carre() {", "  robot.forward(10);", "}");
    expect(problems(sync, "en")).toEqual([
      '2:3 ROBOTYC_MISSING_AWAIT Missing "await" before robot.forward(10): without it, your program does not wait for the robot to drive forward. Also put "async" before the function carre: "async function carre()".',
    ]);
  });

  it("finds a promise dropped inside an expression statement or a for header", () => {
    const source = lines(
      "const ok = robot.distance() > 10;",
      "ok ? robot.forward(1) : robot.backward(1);",
      "ok && robot.turnLeft(2);",
      "for (let i = 0; i < 2; robot.forward(i++)) {}",
    );
    expect(compile(source).diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([
      [2, 6, "ROBOTYC_MISSING_AWAIT"],
      [2, 25, "ROBOTYC_MISSING_AWAIT"],
      [3, 7, "ROBOTYC_MISSING_AWAIT"],
      [4, 24, "ROBOTYC_MISSING_AWAIT"],
    ]);
  });

  it("says forEach does not wait for an async callback", () => {
    const source = "[10, 20].forEach(async (cm) => { await robot.forward(cm); });";
    expect(problems(source)).toEqual([
      "1:18 ROBOTYC_ASYNC_CALLBACK forEach n'attend pas la fin d'une fonction async : tout se lance en même temps. Utilise plutôt une boucle : « for (const x of liste) { await ... } ».",
    ]);
  });

  it("accepts awaited, stored, returned, explicitly voided promises and instant calls", () => {
    const source = lines(
      "await robot.forward(10);",
      "const tenu = await robot.grab();",
      "const p = robot.turnLeft(90);",
      "await p;",
      "const plusLoin = () => robot.forward(5);",
      "await plusLoin();",
      "async function deux() { return robot.forward(2); }",
      "await deux();",
      "void robot.forward(1);",
      "await Promise.all([robot.forward(1), wait(1)]);",
      "robot.setMotors(50, 50);",
      "robot.setSpeed(80);",
      "robot.stop();",
      "print(tenu, robot.distance(), time());",
    );
    expect(compile(source).diagnostics).toEqual([]);
  });
});
