/** Same program + same seed + same driver → the same robot calls, bit for bit. */
import { describe, expect, it } from "vitest";
import { lines, runPupil as run } from "./test-helpers.ts";

const patrol = lines(
  "robot.setSpeed(40 + Math.floor(Math.random() * 40));",
  "for (let i = 0; i < 4; i++) {",
  "  const step = 5 + Math.random() * 10;",
  "  await robot.forward(step);",
  "  if (robot.distance() < 60) await robot.turnLeft(Math.random() * 90);",
  "  await wait(Math.random());",
  "}",
  "robot.setMotors(30, 30);",
  "while (robot.distance() > 20) {}",
  "robot.stop();",
  "print(time(), robot.heading(), Math.random());",
);

describe("determinism", () => {
  it("the same program and seed give identical call logs over 3 runs", async () => {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await run(patrol, { seed: 2024 }));
    for (const r of runs) expect(r.result.outcome).toBe("finished");
    expect(runs[0]!.driver.calls.length).toBeGreaterThan(100);
    expect(runs[1]!.driver.calls).toEqual(runs[0]!.driver.calls);
    expect(runs[2]!.driver.calls).toEqual(runs[0]!.driver.calls);
    expect(runs[1]!.printed).toEqual(runs[0]!.printed);
    expect(runs[2]!.result).toEqual(runs[0]!.result);
  });

  it("another seed gives other random draws", async () => {
    const a = await run("print(Math.random(), Math.random());", { seed: 1 });
    const b = await run("print(Math.random(), Math.random());", { seed: 2 });
    const a2 = await run("print(Math.random(), Math.random());", { seed: 1 });
    expect(a.printed).toEqual(a2.printed);
    expect(a.printed).not.toEqual(b.printed);
  });

  it("while (true) stops at the same instruction count every run", async () => {
    const counting = lines(
      "let n = 0;",
      "while (true) {",
      "  n++;",
      "  if (n % 1000 === 0) print(n);",
      "}",
    );
    const runs = [];
    for (let i = 0; i < 3; i++) {
      runs.push(await run(counting, { limits: { instructionBudget: 300 } }));
    }
    for (const r of runs) expect(r.result.error?.kind).toBe("budget");
    const last = runs.map((r) => r.printed.at(-1));
    expect(Number(last[0])).toBeGreaterThan(100_000);
    expect(last[1]).toBe(last[0]);
    expect(last[2]).toBe(last[0]);
    const checks = runs.map((r) => r.result.instructionChecks);
    // The prints count against the same budget (see meter.ts), so the loop stops a little sooner.
    expect(checks[0]).toBeGreaterThan(200);
    expect(checks[0]).toBeLessThanOrEqual(301);
    expect(checks).toEqual([checks[0], checks[0], checks[0]]);
  });
});

describe("runtime errors map back to the pupil's line", () => {
  it("through elided types, comments and blank lines", async () => {
    const { result } = await run(
      lines(
        "// Trieur",
        "interface Dechet {",
        "  kind: string;",
        "}",
        "type Bac = 'jaune' | 'vert';",
        "",
        "function bacPour(d: Dechet): Bac {",
        "  if (d.kind === 'glass') return 'vert';",
        "  throw new Error('inconnu : ' + d.kind);",
        "}",
        "await robot.forward(1);",
        "bacPour({ kind: 'metal' });",
      ),
      { locale: "en" },
    );
    expect(result.error).toMatchObject({ kind: "exception", line: 9, column: 18 });
    expect(result.error!.message).toBe(
      "Line 9, column 18: Your program threw an error without catching it: inconnu : metal",
    );
  });

  it("on the first line, after the wrapper's prologue", async () => {
    const { result } = await run("const o: any = null; print(o.x);");
    // The column too: the source map is of the code without the prologue.
    expect(result.error).toMatchObject({ kind: "exception", line: 1, column: 29 });
    expect(result.error!.detail).toContain("TypeError");
  });

  it("a value thrown that is not an Error is named", async () => {
    const { result } = await run('await wait(0.5);\nthrow "oups";', { locale: "en" });
    expect(result.error).toMatchObject({ kind: "exception" });
    expect(result.error!.message).toContain('threw "oups"');
  });
});

describe("Windows line endings", () => {
  it("CRLF sources give the same lines for type errors and runtime errors", async () => {
    const crlf = (...l: string[]) => l.join("\r\n");
    const typeError = await run(crlf("// a", "", "const x: string = 1;"), { locale: "en" });
    expect(typeError.result.error).toMatchObject({ kind: "compile", line: 3 });
    const runtimeError = await run(crlf("// a", "await wait(0.1);", "", "(null as any).x;"), {
      locale: "en",
    });
    expect(runtimeError.result.error).toMatchObject({ kind: "exception", line: 4 });
  });
});

describe("names a pupil may choose", () => {
  it("a top-level const named globalThis does not break the program's frame", async () => {
    const { result, printed } = await run(
      lines(
        "const globalThis = 3;",
        "let n = 0;",
        "while (n < 3) {",
        "  n++;",
        "}",
        "print(globalThis + n);",
      ),
    );
    expect(result.outcome).toBe("finished");
    expect(printed).toEqual(["6"]);
  });
});
