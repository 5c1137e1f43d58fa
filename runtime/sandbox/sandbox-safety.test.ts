/**
 * The sandbox holds: escape attempts fail, runaway programs end with their own message, and the
 * host survives and runs the next program.
 */
import { describe, expect, it } from "vitest";
import { EPILOGUE, PROLOGUE, type CompiledProgram } from "../compiler/compile.ts";
import { createScriptedDriver } from "../testing/scripted-driver.ts";
import { runProgram } from "./run-program.ts";
import { lines, runPupil as run } from "./test-helpers.ts";

/** After anything nasty, the host must still run an ordinary program. */
async function expectHostStillWorks() {
  const { result, driver } = await run("await robot.forward(3);");
  expect(result.outcome).toBe("finished");
  expect(driver.calls).toEqual(["0.000 forward(3)"]);
}

describe("escape attempts fail", () => {
  it("no host names in scope: process, require, fetch, Date, timers, eval, WebAssembly", async () => {
    const names = [
      "process",
      "require",
      "fetch",
      "Date",
      "setTimeout",
      "setInterval",
      "queueMicrotask",
      "eval",
      "WebAssembly",
      "console",
      "XMLHttpRequest",
      "std",
      "os",
      "module",
      "global",
      "SharedArrayBuffer",
      "Atomics",
      "WeakRef",
      "FinalizationRegistry",
    ];
    const { result, printed } = await run(
      `const g = globalThis as any;\nprint(${JSON.stringify(names)}.map((n) => n + ":" + typeof g[n]).join(" "));`,
    );
    expect(result.outcome).toBe("finished");
    expect(printed[0]).toBe(names.map((n) => `${n}:undefined`).join(" "));
  });

  it("a walk of globalThis and `this` finds only the language and the robot API", async () => {
    const { result, printed } = await run(
      lines(
        "const seen = new Set<unknown>();",
        "const found: string[] = [];",
        "function walk(value: any, path: string, depth: number) {",
        "  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;",
        "  if (seen.has(value) || depth > 4) return;",
        "  seen.add(value);",
        "  for (const key of Reflect.ownKeys(value)) {",
        "    const d = Object.getOwnPropertyDescriptor(value, key)!;",
        "    if (/process|require|fetch|import|module|host|__/i.test(String(key))) found.push(path + '.' + String(key));",
        "    if ('value' in d) walk(d.value, path + '.' + String(key), depth + 1);",
        "  }",
        "  walk(Object.getPrototypeOf(value), path + '.__proto__', depth + 1);",
        "}",
        "walk(globalThis, 'globalThis', 0);",
        "const self = (function (this: unknown) { return this; })();",
        "print(found.join(','), '|', typeof self, Object.getOwnPropertyNames(robot).length);",
      ),
    );
    expect(result.outcome).toBe("finished");
    // `__proto__`, `__defineGetter__` & co. are the language's own; nothing else may match.
    const found = printed[0]!.split(" | ")[0]!.split(",").filter(Boolean);
    expect(
      found.filter(
        (f) => !/\.__(proto|defineGetter|defineSetter|lookupGetter|lookupSetter)__$/.test(f),
      ),
    ).toEqual([]);
    expect(printed[0]!.split(" | ")[1]).toBe("undefined 14");
  });

  it.each([
    [
      "constructor.constructor",
      '(robot.forward as any).constructor.constructor("return process")()',
    ],
    ["Function", '(globalThis as any).Function("return 1")()'],
    ["an arrow's constructor", '((() => 1) as any).constructor("return 1")()'],
    ["AsyncFunction", 'Object.getPrototypeOf(async function () {}).constructor("return 1")'],
    ["GeneratorFunction", 'Object.getPrototypeOf(function* () {}).constructor("yield 1")'],
    ["AsyncGeneratorFunction", 'Object.getPrototypeOf(async function* () {}).constructor("1")'],
  ])("%s cannot compile code from text", async (_name, attempt) => {
    const { result } = await run(`\n${attempt};`, { locale: "en" });
    expect(result.error).toMatchObject({ kind: "api", line: 2 });
    expect(result.error!.message).toMatch(
      /^Line 2, column \d+: "\w+" is not available in a robot program\.$/,
    );
  });

  it("eval is gone, directly or indirectly", async () => {
    const { result } = await run('\nconst e = (globalThis as any)["ev" + "al"];\ne("1");', {
      locale: "en",
    });
    expect(result.error).toMatchObject({ kind: "exception", line: 3 });
    expect(result.error!.detail).toContain("TypeError");
  });

  it("import() is refused even when it reaches the sandbox", async () => {
    // The compiler refuses import(); this program is built by hand to test the sandbox alone.
    const program: CompiledProgram = {
      format: "robotyc-program/1",
      fileName: "hand-made.ts",
      code: PROLOGUE + 'await import("node:fs");' + EPILOGUE,
      lines: [[0, 1]],
    };
    const result = await runProgram({ program, driver: createScriptedDriver(), seed: 1 });
    expect(result.outcome).toBe("error");
    expect(result.error!.kind).toBe("exception");
  });

  it.each([
    ["reassign a method", "(robot as any).forward = () => 0;"],
    ["redefine a method", 'Object.defineProperty(robot, "forward", { value: () => 0 });'],
    ["replace the robot", "(globalThis as any).robot = {};"],
    ["swap its prototype", "Object.setPrototypeOf(robot, { forward: () => 0 });"],
    ["reseed Math.random", "(Math as any).random = () => 0.5;"],
    ["replace print", "(globalThis as any).print = () => 0;"],
  ])("the API objects are frozen: %s fails", async (_name, attempt) => {
    const { result, driver } = await run(lines("", attempt, "await robot.forward(2);"));
    expect(result.error).toMatchObject({ kind: "exception", line: 2 });
    expect(result.error!.detail).toContain("TypeError");
    expect(driver.calls).toEqual([]);
  });

  it("polluting Object.prototype changes nothing for the robot", async () => {
    const { result, driver } = await run(
      lines(
        "(Object.prototype as any).forward = () => 0;",
        "(Object.getPrototypeOf(() => 0) as any).call = () => 0;",
        "await robot.forward(4);",
      ),
    );
    expect(result.outcome).toBe("finished");
    expect(driver.calls).toEqual(["0.000 forward(4)"]);
    await expectHostStillWorks();
  });
});

describe("runaway programs end with their own localized message", () => {
  it("while (true) {} ends by the instruction budget, with its line", async () => {
    const { result } = await run(
      lines("print('go');", "let n = 0;", "while (true) {", "  n++;", "}"),
    );
    expect(result.error).toMatchObject({ kind: "budget", line: 3 });
    expect(result.error!.message).toMatch(
      /^Ligne 3 : Ton programme tourne en boucle sans jamais attendre/,
    );
    await expectHostStillWorks();
  });

  it("the budget restarts at each sensor read and each awaited call", async () => {
    // Each chunk of work is well under the budget; all of them together are far over it.
    const chunk = "for (let j = 0; j < 100000; j++) x += j % 7;";
    const withYields = await run(
      lines(
        "let x = 0;",
        "for (let i = 0; i < 30; i++) {",
        `  ${chunk}`,
        "  if (i % 2) robot.distance(); else await wait(0.01);",
        "}",
      ),
      { limits: { instructionBudget: 100 } },
    );
    expect(withYields.result.outcome).toBe("finished");
    const without = await run(
      lines("let x = 0;", "for (let i = 0; i < 30; i++) {", `  ${chunk}`, "}"),
      {
        limits: { instructionBudget: 100 },
      },
    );
    expect(without.result.error?.kind).toBe("budget");
  });

  it("a loop that catches everything is still stopped", async () => {
    const { result } = await run(lines("for (;;) {", "  try { while (true) {} } catch { }", "}"), {
      locale: "en",
    });
    expect(result.error).toMatchObject({ kind: "budget", line: 2 });
    expect(result.error!.message).toMatch(/^Line 2: Your program loops without ever waiting/);
  });

  it("infinite recursion ends with the recursion message", async () => {
    const { result } = await run(
      lines(
        "function descend(n: number): number {",
        "  return descend(n + 1) + 1;",
        "}",
        "descend(0);",
      ),
    );
    expect(result.error).toMatchObject({ kind: "stack", line: 2 });
    expect(result.error!.message).toContain("s'appelle elle-même sans fin");
    await expectHostStillWorks();
  });

  it("a promise that never resolves ends with its own message", async () => {
    const { result } = await run(
      lines("await robot.forward(1);", "await new Promise<void>(() => {});"),
    );
    expect(result.error?.kind).toBe("never-settles");
    expect(result.error!.message).toContain("n'arrivera jamais");
    expect(result.robotCalls).toBe(1);
    await expectHostStillWorks();
  });

  describe("memory bombs hit the wall and end with the memory message", () => {
    it.each([
      [
        "40 x 1 MB ArrayBuffers",
        lines(
          "const kept: ArrayBuffer[] = [];",
          "for (let i = 0; i < 40; i++) {",
          "  kept.push(new ArrayBuffer(1024 * 1024));",
          "}",
        ),
        3,
      ],
      ["a string that doubles", lines("let s = 'x';", "while (true) {", "  s = s + s;", "}"), 3],
      [
        "an array that grows forever",
        lines(
          "const a: string[] = [];",
          "while (true) {",
          "  a.push('déchet n° ' + a.length);",
          "}",
        ),
        undefined,
      ],
      [
        "typed arrays without end",
        lines(
          "const a: Float64Array[] = [];",
          "while (true) {",
          "  a.push(new Float64Array(100000));",
          "}",
        ),
        undefined,
      ],
    ])("%s", async (_name, source, line) => {
      const before = process.memoryUsage().rss;
      const { result } = await run(source);
      expect(result.error?.kind).toBe("memory");
      expect(result.error!.message).toContain("Ton programme utilise trop de mémoire");
      if (line !== undefined) expect(result.error!.line).toBe(line);
      // The wall is the sandbox's own wasm memory (32 MB by default), not the host's.
      expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
      await expectHostStillWorks();
    });
  });
});

describe("the sandbox's own helpers do not depend on what the program replaces", () => {
  it("refused calls and print still work after Error, JSON and Array are replaced", async () => {
    const { result, printed } = await run(
      lines(
        "const g = globalThis as any;",
        "g.Error = function () { return Object.freeze({}); };",
        "g.JSON = { stringify: () => 'piège' };",
        "(Array.prototype as any).map = () => ['piège'];",
        "print('ok', [1, 'a'], { b: true });",
        'await robot.forward("x" as any);',
      ),
      { locale: "en" },
    );
    expect(printed).toEqual(['ok [1, "a"] { b: true }']);
    expect(result.error).toMatchObject({ kind: "api", line: 6 });
  });
});
