import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../compiler/compile.ts";
import { createScriptedDriver } from "../testing/scripted-driver.ts";
import { runProgram } from "./run-program.ts";
import { lines, runPupil as run } from "./test-helpers.ts";

describe("runProgram: lockstep with a driver", () => {
  it("runs motions, waits and sensor reads in order against the driver's clock", async () => {
    const { result, driver, printed } = await run(
      lines(
        "await robot.forward(20);",
        "await robot.turnRight(90);",
        "print(robot.heading(), Math.round(time()));",
        "await wait(1.5);",
        'print("t", Math.round(time() * 10) / 10);',
      ),
    );
    expect(result).toMatchObject({ outcome: "finished", robotCalls: 4 });
    expect(driver.calls.map((c) => c.split(" ")[1])).toEqual([
      "forward(20)",
      "turn(90)",
      "heading()",
      "wait(1.5)",
    ]);
    expect(printed).toEqual(["90 2", "t 3.5"]);
    expect(driver.position()).toBeCloseTo(20, 6);
  });

  it("a polling loop without await stops at the wall (sensor reads move the world)", async () => {
    const { result, driver, printed } = await run(
      lines(
        "robot.setMotors(50, 50);",
        "while (robot.distance() > 10) {}",
        "robot.stop();",
        "print(robot.distance());",
      ),
      { world: { wallAt: 100 } },
    );
    expect(result.outcome).toBe("finished");
    expect(driver.position()).toBeGreaterThan(89.9);
    expect(driver.position()).toBeLessThanOrEqual(90.05);
    expect(Number(printed[0])).toBeGreaterThan(9.9);
    expect(driver.calls.at(-2)).toMatch(/stop\(\)$/);
  });

  it("returns sensor objects and timed results to the program", async () => {
    const { result, printed } = await run(
      lines(
        "const l = robot.line();",
        "const c = robot.color();",
        "const held = await robot.grab();",
        "const item = await robot.classify();",
        "print(l.center, c.name, c.r, held, item.kind, item.confidence);",
        "await robot.release();",
      ),
      { world: { grabs: [true], classifications: [{ kind: "glass", confidence: 0.75 }] } },
    );
    expect(result.outcome).toBe("finished");
    expect(printed).toEqual(["false white 250 true glass 0.75"]);
  });

  it("ends with outcome timeout when the driver's time reaches maxTime", async () => {
    const { result, driver } = await run("while (true) await wait(1);", { maxTime: 5 });
    expect(result.outcome).toBe("timeout");
    expect(driver.time()).toBeCloseTo(5, 6);
  });

  it("compile errors come back as an error of kind compile", async () => {
    const { result } = await run("\nconst x: string = 1;", { locale: "en" });
    expect(result.error).toMatchObject({ kind: "compile", line: 2 });
    expect(result.error!.message).toBe('Line 2, column 7: "x" must hold a text, not the number 1.');
  });

  it("runs a compiled program given directly", async () => {
    const compiled = compile("await robot.backward(5);");
    if (!compiled.ok) throw new Error("did not compile");
    const driver = createScriptedDriver();
    const result = await runProgram({ program: compiled.program, driver, seed: 1 });
    expect(result.outcome).toBe("finished");
    expect(driver.calls).toEqual(["0.000 forward(-5)"]);
  });
});

describe("runProgram: arguments and parts", () => {
  it('robot.forward("vingt") names the call and the line, in French', async () => {
    const { result } = await run(lines("", "", 'await robot.forward("vingt" as any);'));
    expect(result.error).toMatchObject({ kind: "api", line: 3 });
    expect(result.error!.message).toBe(
      'Ligne 3, colonne 20 : robot.forward attend un nombre (des centimètres), mais a reçu le texte "vingt".',
    );
  });

  it("NaN and out-of-range values are refused, in English too", async () => {
    const nan = await run(lines("const d = 0 / 0;", "await robot.turnLeft(d);"), { locale: "en" });
    expect(nan.result.error).toMatchObject({ kind: "api", line: 2 });
    expect(nan.result.error!.message).toBe(
      "Line 2, column 21: robot.turnLeft expects a number (degrees), but got NaN.",
    );
    const range = await run("robot.setMotors(50, 150);", { locale: "en" });
    expect(range.result.error!.message).toContain("between -100 and 100");
    const missing = await run("(robot.setSpeed as any)();", { locale: "fr" });
    expect(missing.result.error!.message).toContain("n'a rien reçu");
  });

  it("a refused call can be caught by the program", async () => {
    const { result, printed } = await run(
      lines("try {", "  await wait(-1);", "} catch (e) {", "  print((e as Error).name);", "}"),
    );
    expect(result.outcome).toBe("finished");
    expect(printed).toEqual(["RobotError"]);
  });

  it("a robot without gripper refuses grab() naming the missing part", async () => {
    const { result } = await run("\nawait robot.grab();", {
      world: { parts: ["motors", "ultrasonic"] },
    });
    expect(result.error).toMatchObject({ kind: "api", line: 2 });
    expect(result.error!.message).toBe(
      "Ligne 2, colonne 17 : Ce robot n'a pas de pince : robot.grab est impossible.",
    );
  });
});

describe("runProgram: a failing driver", () => {
  it("a motion that fails ends the run with a driver error naming the call", async () => {
    const driver = createScriptedDriver();
    driver.forward = () => Promise.reject(new Error("câble débranché"));
    const compiled = compile("\nawait robot.forward(10);");
    if (!compiled.ok) throw new Error("did not compile");
    const result = await runProgram({ program: compiled.program, driver, seed: 1 });
    expect(result.error).toMatchObject({ kind: "driver" });
    expect(result.error!.message).toBe(
      "Le robot n'a pas pu exécuter robot.forward : câble débranché",
    );
  });

  it("a sensor that throws ends the run even if the program catches errors", async () => {
    const driver = createScriptedDriver();
    driver.distance = () => {
      throw new Error("capteur muet");
    };
    const compiled = compile("while (true) {\n  try { robot.distance(); } catch { }\n}", {
      locale: "en",
    });
    if (!compiled.ok) throw new Error("did not compile");
    const result = await runProgram({ program: compiled.program, driver, seed: 1, locale: "en" });
    expect(result.error?.kind).toBe("driver");
    expect(result.error!.message).toContain("robot.distance: capteur muet");
  });

  it("a driver whose motions never end and whose time stands still is declared stuck", async () => {
    const driver = createScriptedDriver();
    driver.forward = () => new Promise<void>(() => {});
    driver.advance = async () => {};
    const compiled = compile("await robot.forward(10);");
    if (!compiled.ok) throw new Error("did not compile");
    const result = await runProgram({ program: compiled.program, driver, seed: 1, locale: "en" });
    expect(result.error).toMatchObject({ kind: "driver" });
    expect(result.error!.message).toContain("no longer answers");
  });
});

describe("runProgram: long waits and the time limit", () => {
  it("a very long wait ends at maxTime, not when the wait is over", async () => {
    const { result, driver } = await run("await wait(1e9);", { maxTime: 10 });
    expect(result.outcome).toBe("timeout");
    expect(driver.time()).toBeCloseTo(10, 6);
  });
});

describe("examples/", () => {
  it("hello.ts runs to the end against the scripted driver", async () => {
    const source = readFileSync(new URL("../../examples/hello.ts", import.meta.url));
    const { result, printed, driver } = await run(source);
    expect(result.outcome).toBe("finished");
    expect(printed[0]).toBe("Bonjour ! Distance au mur : 100 cm");
    expect(printed.at(-1)).toMatch(/^Fini en \d+ secondes\.$/);
    expect(driver.position()).toBeGreaterThan(50);
  });
});
