/**
 * The sandbox's last walls, attacked with hostile programs: loops that take no time, host-call
 * floods, runaway built-ins, print floods, code that tries to run after the program failed or to
 * forge its result, and calls that used to leak internal messages. Each program must end with its
 * own localized message, and the host must run the next program as usual.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../compiler/compile.ts";
import { createScriptedDriver } from "../testing/scripted-driver.ts";
import { MAX_PRINT_BYTES, MAX_PRINT_LINES } from "./print-budget.ts";
import { runProgram } from "./run-program.ts";
import { lines, runPupil as run } from "./test-helpers.ts";

async function expectHostStillWorks() {
  const { result, driver } = await run("await robot.forward(3);");
  expect(result.outcome).toBe("finished");
  expect(driver.calls).toEqual(["0.000 forward(3)"]);
}

describe("loops that take no time end, with the loop's line", () => {
  it.each([
    [
      "await robot.backward(0)",
      lines("let n = 0;", "while (true) {", "  n++;", "  await robot.backward(0);", "}"),
      2,
    ],
    ["await robot.forward(0)", lines("", "while (true) await robot.forward(0);"), 2],
    ["await robot.turnLeft(0)", lines("for (;;) {", "  await robot.turnLeft(0);", "}"), 1],
    [
      "a helper that waits 0",
      lines(
        "async function pause() { await robot.turnRight(0); }",
        "let i = 0;",
        "do {",
        "  await pause();",
        "} while (i < 1);",
      ),
      3,
    ],
  ])("%s", async (_name, source, line) => {
    const { result } = await run(source);
    expect(result.error).toMatchObject({ kind: "zero-time", line });
    expect(result.error!.message).toMatch(
      new RegExp(`^Ligne ${line} : Ta boucle attend 0 seconde à chaque tour`),
    );
    // Stopped after about a thousand turns, at the same turn every run.
    expect(result.robotCalls).toBeGreaterThan(1000);
    expect(result.robotCalls).toBeLessThan(1100);
    const again = await run(source);
    expect(again.result.robotCalls).toBe(result.robotCalls);
    await expectHostStillWorks();
  });

  it("in English too", async () => {
    // (The scripted driver's wait(0) lasts one step; the simulator's is instant: see simulator/.)
    const { result } = await run("while (true) await robot.forward(0);", { locale: "en" });
    expect(result.error!.message).toMatch(/^Line 1: Your loop waits 0 seconds on every turn/);
  });

  it("a few zero-second waits, then real ones, are fine", async () => {
    const { result } = await run(
      lines(
        "for (let i = 0; i < 5000; i++) {",
        "  await wait(0);",
        "  if (i % 500 === 0) await wait(0.01);",
        "}",
      ),
    );
    expect(result.outcome).toBe("finished");
  });
});

describe("host calls count against the budget", () => {
  it("millions of setSpeed calls between two sensor reads end with the budget message", async () => {
    const { result } = await run(
      lines(
        "while (true) {",
        "  for (let i = 0; i < 1000000; i++) robot.setSpeed(50);",
        "  robot.distance();",
        "}",
      ),
    );
    expect(result.error).toMatchObject({ kind: "budget", line: 2 });
    // The calls cost the budget: far fewer loop turns than the budget's bare operations.
    expect(result.instructionChecks).toBeLessThan(2000);
  });

  it("a loop of time() reads ends too (reading the clock lets no time pass)", async () => {
    const { result } = await run(lines("let t = 0;", "while (t < 1) {", "  t = time();", "}"));
    expect(result.error).toMatchObject({ kind: "budget", line: 2 });
  });

  it("a program that always yields still has a run budget", async () => {
    const { result } = await run(
      lines("while (true) {", "  for (let i = 0; i < 200000; i++) {}", "  robot.distance();", "}"),
      { limits: { runBudget: 300 }, locale: "en" },
    );
    expect(result.error).toMatchObject({ kind: "run-budget" });
    expect(result.error!.message).toMatch(/computes far too much for one run/);
    expect(result.error!.line).toBeGreaterThanOrEqual(1);
  });
});

describe("built-ins that run away are stopped by the watchdog, as its own outcome", () => {
  it.each([
    [
      "indexOf on a 4 MB string in a loop",
      lines(
        "const s = 'a'.repeat(4 * 1024 * 1024);",
        "let n = 0;",
        "while (true) {",
        "  n += s.indexOf('b');",
        "}",
      ),
    ],
    [
      "BigInt multiplication in a loop",
      lines("let x = 3n ** 60000n;", "for (;;) {", "  x = (x * x) % (7n ** 50000n);", "}"),
    ],
    [
      "one call that never returns",
      "Array.prototype.includes.call({ length: 2 ** 53 - 1 } as any, 0);",
    ],
  ])("%s", async (_name, source) => {
    // The interrupt handler runs too rarely here (or never): the watchdog thread stops the run.
    const start = performance.now();
    const { result } = await run(source, { limits: { watchdogMs: 300 } });
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(result.outcome).toBe("watchdog");
    expect(result.error!.kind).toBe("watchdog");
    expect(result.error!.message).toMatch(/^Ton programme a été arrêté par sécurité/);
    await expectHostStillWorks();
  });

  it("where the interrupt handler still runs, it stops the loop itself, with its line", async () => {
    const { result } = await run(
      lines(
        "const s = 'a'.repeat(200);",
        "let n = 0;",
        "while (true) {",
        "  n += s.indexOf('b') + s.lastIndexOf('b');",
        "}",
      ),
      { limits: { watchdogMs: 300 }, locale: "en" },
    );
    expect(result.outcome).toBe("watchdog");
    expect(result.error).toMatchObject({ kind: "watchdog", line: 3 });
    expect(result.error!.message).toMatch(/^Line 3: Your program was stopped for safety/);
  });

  it("waiting does not count: a long honest run never reaches it", async () => {
    const { result } = await run(
      lines("for (let i = 0; i < 50; i++) {", "  await wait(1);", "  robot.distance();", "}"),
      { limits: { watchdogMs: 50 } },
    );
    expect(result.outcome).toBe("finished");
  });
});

describe("print has a budget per run", () => {
  it("a print flood is cut once, with one message, and the run goes on", async () => {
    const { result, printed } = await run(
      lines(
        "const s = 'x'.repeat(2000);",
        "while (true) {",
        "  for (let i = 0; i < 100; i++) print(s);",
        "  robot.distance();",
        "}",
      ),
      { maxTime: 1 },
    );
    expect(result.outcome).toBe("timeout");
    const bytes = printed.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
    expect(bytes).toBeLessThanOrEqual(MAX_PRINT_BYTES + 200);
    expect(printed.length).toBeLessThanOrEqual(MAX_PRINT_LINES + 1);
    expect(printed.at(-1)).toMatch(/^… ton programme a affiché plus de 10000 lignes ou 1024 Ko/);
    expect(printed.filter((l) => l.startsWith("…"))).toHaveLength(1);
  });

  it("many short lines are cut at the line budget", async () => {
    const { printed } = await run("for (let i = 0; i < 20000; i++) print(i);");
    expect(printed).toHaveLength(MAX_PRINT_LINES + 1);
    expect(printed[MAX_PRINT_LINES - 1]).toBe(String(MAX_PRINT_LINES - 1));
  });

  it("one print is cut at 2,000 characters, before it leaves the sandbox", async () => {
    const { printed } = await run("print('é'.repeat(5000000));");
    expect(printed[0]).toHaveLength(2001);
    expect(printed[0]!.endsWith("…")).toBe(true);
  });

  it("a full sink makes the run wait at the program's next pause (back-pressure)", async () => {
    const driver = createScriptedDriver();
    const compiled = compile(
      lines("for (let i = 0; i < 50; i++) {", "  print('ligne', i);", "  await wait(0.1);", "}"),
    );
    if (!compiled.ok) throw new Error("compile");
    let queued = 0;
    let mostQueued = 0;
    const result = await runProgram({
      program: compiled.program,
      driver,
      seed: 1,
      print: () => {
        queued++;
        mostQueued = Math.max(mostQueued, queued);
        return new Promise<void>((resolve) =>
          setTimeout(() => {
            queued = 0;
            resolve();
          }, 1),
        );
      },
    });
    expect(result.outcome).toBe("finished");
    // The sink never had more than one line waiting: the run waited for each.
    expect(mostQueued).toBe(1);
  });
});

describe("after a program fails, none of its code runs again", () => {
  it("a planted Object.prototype.toJSON cannot drive the robot or replace the error", async () => {
    const { result, driver } = await run(
      lines(
        "(Object.prototype as any).toJSON = function () {",
        "  robot.setMotors(100, 100);",
        "  while (robot.distance() > 5) {}",
        "  return { message: 'forged', name: 'X' };",
        "};",
        "throw new Error('boom');",
      ),
      { locale: "en" },
    );
    expect(result.error).toMatchObject({
      kind: "exception",
      line: 6,
      thrown: { name: "Error", message: "boom" },
    });
    expect(result.error!.message).toMatch(/^Line 6\b.*boom/);
    expect(result.error!.message).not.toMatch(/forged/);
    expect(driver.calls).toEqual([]);
  });

  it("getters, toString and valueOf on the error are never called", async () => {
    const { result, driver } = await run(
      lines(
        "const drive = () => { robot.setMotors(100, 100); return 'forged'; };",
        "Object.defineProperty(Error.prototype, 'name', { get: drive });",
        "(Error.prototype as any).toString = drive;",
        "const e: any = new Error('vrai');",
        "Object.defineProperty(e, 'message', { get: drive });",
        "e.valueOf = drive;",
        "throw e;",
      ),
    );
    // The line where the error was made (its stack), read as data like the rest.
    expect(result.error).toMatchObject({ kind: "exception", line: 4 });
    expect(result.error!.message).not.toContain("forged");
    expect(driver.calls).toEqual([]);
  });

  it("a thrown object whose every property is a trap reads as nothing", async () => {
    const { result, driver } = await run(
      lines(
        "const trap: any = {};",
        "for (const k of ['name', 'message', 'stack', 'then', 'toJSON', 'constructor']) {",
        "  Object.defineProperty(trap, k, { get() { robot.setMotors(100, 100); return 'x'; } });",
        "}",
        "throw trap;",
      ),
    );
    expect(result.error!.kind).toBe("exception");
    expect(driver.calls).toEqual([]);
  });

  it("Proxy is not available (its traps would run wherever a value is looked at)", async () => {
    const { result } = await run(
      lines("", "throw new Proxy({}, { get: () => { robot.setMotors(100, 100); return 'x'; } });"),
      { locale: "en" },
    );
    expect(result.error).toMatchObject({ kind: "api", line: 2 });
    expect(result.error!.message).toMatch(
      /^Line 2(, column \d+)?: "Proxy" is not available in a robot program\.$/,
    );
  });

  it("a look-alike of a robot refusal is an ordinary uncaught error", async () => {
    const { result } = await run("throw { name: 'RobotError', message: 'Score : 40 / 40' };", {
      locale: "en",
    });
    expect(result.error).toMatchObject({
      kind: "exception",
      thrown: { name: "RobotError", message: "Score : 40 / 40" },
    });
    // A plain object has no stack, so no line either; and it is said as thrown by the program.
    expect(result.error!.line).toBeUndefined();
    expect(result.error!.message).toMatch(/^Your program threw .*Score : 40 \/ 40/);
  });

  it("a refusal caught and thrown again keeps its own words", async () => {
    const { result } = await run(
      lines(
        "let kept: unknown;",
        "try { await robot.forward(NaN); } catch (e) { kept = e; }",
        "throw kept;",
      ),
      { locale: "en" },
    );
    expect(result.error!.kind).toBe("api");
    expect(result.error!.message).toMatch(/robot\.forward expects a number/);
  });

  it("a thrown primitive is text; a thrown symbol too", async () => {
    expect((await run("throw 42;")).result.error).toMatchObject({
      kind: "exception",
      thrown: { value: "42" },
    });
    expect((await run("throw Symbol('x');")).result.error!.thrown).toEqual({
      value: "Symbol(x)",
    });
  });

  it("the robot stays where it was when the program failed", async () => {
    const { result, driver } = await run(
      lines(
        "(Object.prototype as any).toJSON = function () { robot.setMotors(100, 100); while (robot.distance() > 5) {} };",
        "await robot.forward(10);",
        "throw new Error('boom');",
      ),
    );
    expect(result.outcome).toBe("error");
    expect(driver.position()).toBeCloseTo(10, 0);
  });
});

describe("the loop-line record cannot be forged", () => {
  it.each([
    [
      "an ambient declaration",
      "declare const $robotycLoop: { line: number };\n$robotycLoop.line = 99;",
    ],
    ["the global it comes from", "(globalThis as any).__robotycLoopLine = { line: 99 };"],
  ])("the compiler refuses %s", (_name, source) => {
    const compiled = compile(source, { locale: "en" });
    expect(compiled.ok).toBe(false);
    expect(compiled.diagnostics[0]).toMatchObject({ code: "ROBOTYC_RESERVED", line: 1 });
    expect(compiled.diagnostics[0]!.message).toMatch(/is a name reserved by Robotyc/);
  });

  it("the program's function has no `arguments` to find the record through", async () => {
    const { result } = await run(
      lines("// @ts-nocheck", "arguments[0].line = 99;", "while (true) {}"),
      { locale: "en" },
    );
    expect(result.error).toMatchObject({ kind: "exception", line: 2 });
    expect(result.error!.detail).toMatch(/ReferenceError/);
  });
});

describe("no internal message reaches the pupil", () => {
  it("memory-heavy programs with timed calls no longer see a detached ArrayBuffer", async () => {
    // The kept promises make most of the memory the program takes: with a wasm memory that
    // grew, one grew inside the host's making of a promise, and failed there.
    const { result, printed } = await run(
      lines(
        "const keep: Promise<void>[] = [];",
        "for (let i = 0; i < 100000; i++) {",
        "  keep.push(wait(0.01));",
        "  if (i % 900 === 899) await keep[i];",
        "}",
        "print(keep.length);",
      ),
    );
    expect(result.error?.message ?? "").not.toMatch(/detached|interne|internal/i);
    expect(result.outcome).toBe("finished");
    expect(printed).toEqual(["100000"]);
  });

  it("thousands of timed calls never awaited are refused before they fill the host", async () => {
    const { result } = await run(
      lines(
        "const keep: unknown[] = [];",
        "for (let i = 0; i < 100000; i++) {",
        "  void wait(1);",
        "}",
      ),
      { locale: "en" },
    );
    expect(result.error).toMatchObject({ kind: "api", line: 3 });
    expect(result.error!.message).toMatch(
      /wait: your program started more than 1000 actions without waiting for them to end/,
    );
  });

  it.each([
    ["robot.forward", "(robot.forward as any)(...new Array(60000).fill(1));", "1", "60000"],
    ["robot.setMotors", "(robot.setMotors as any)(1, 2, 3);", "2", "3"],
    ["wait", "(wait as any)(...new Array(60000).fill(0));", "1", "60000"],
    ["robot.stop", "(robot.stop as any)(1);", "0", "1"],
  ])("%s with an absurd argument count is refused clearly", async (call, source, max, count) => {
    const { result, driver } = await run(`\n${source}`, { locale: "en" });
    expect(result.error).toMatchObject({ kind: "api", line: 2 });
    expect(result.error!.message).toMatch(
      new RegExp(
        `^Line 2(, column \\d+)?: ${call.replace(".", "\\.")} expects at most ${max} value\\(s\\), but got ${count}\\.$`,
      ),
    );
    expect(driver.calls).toEqual([]);
  });
});
