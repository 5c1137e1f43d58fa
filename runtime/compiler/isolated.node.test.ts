/**
 * The compiler's last walls: what would make TypeScript itself run away is refused before type
 * checking, with our own words; what still runs away is stopped in its worker thread.
 */
import { describe, expect, it } from "vitest";
import { closeCompiler, compileIsolated, compilerThreadId } from "./isolated.node.ts";
import { compile } from "./compile.ts";
import { LIMITS } from "./guards.ts";

const letters = (n: number) =>
  Array.from({ length: n }, (_, i) => `"${String.fromCharCode(97 + (i % 26))}${i}"`).join(" | ");

describe("refused before type checking, in the pupil's words", () => {
  it.each([
    [
      "1,000 nested parentheses",
      `const x = ${"(".repeat(1000)}1${")".repeat(1000)};`,
      /more than 100 brackets open at once \(line 1\)/,
    ],
    [
      "a 120,000-term expression",
      `const x = ${Array(120000).fill("1").join("+")};`,
      /nested too deeply/,
    ],
    [
      "5,000 chained conditionals",
      `let c = 0;\nconst x = ${Array.from({ length: 5000 }, (_, i) => `c === ${i} ? ${i} : `).join("")}0;`,
      /nested too deeply/,
    ],
    [
      "thousands of aliases of a huge union",
      `type U = ${letters(1500)};\n${Array.from({ length: 3000 }, (_, i) => `type A${i} = U;`).join("\n")}`,
      /its types are too many or too elaborate/,
    ],
    [
      "a type defined by itself",
      'type R<T, N extends unknown[] = []> = N["length"] extends 40 ? T : R<[T, T], [...N, 0]>;',
      /the type "R" is defined in terms of itself \(line 1\)/,
    ],
    [
      "types that name each other",
      "type A<T> = B<[T, T]>;\ntype B<T> = A<[T]>;",
      /defined in terms of itself/,
    ],
    ["a union of 5,000 members", `type U = ${letters(5000)};`, /its types are too many/],
  ])("%s", (_name, source, message) => {
    const start = performance.now();
    const result = compile(source, { locale: "en" });
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.code).toBe("ROBOTYC_TOO_COMPLEX");
    expect(result.diagnostics[0]!.message).toMatch(/^Your program is too complicated to check: /);
    expect(result.diagnostics[0]!.message).toMatch(message);
  });

  it("in French, as the pupil reads it", () => {
    const result = compile(`const x = ${"[".repeat(200)}${"]".repeat(200)};`);
    expect(result.diagnostics[0]!.message).toMatch(/^Ton programme est trop compliqué à vérifier/);
  });

  it("an ordinary program with types, loops and nesting passes", () => {
    const source = [
      'type Couleur = "rouge" | "vert" | "bleu";',
      "interface Mesure { distance: number; couleur: Couleur }",
      "const mesures: Mesure[] = [];",
      "for (let i = 0; i < 3; i++) {",
      "  if (i % 2 === 0) { while (robot.distance() > 10) { mesures.push({ distance: robot.distance(), couleur: 'rouge' }); } }",
      "}",
      `const total = ${Array(200).fill("1").join(" + ")};`,
    ].join("\n");
    expect(compile(source, { locale: "en" }).diagnostics).toEqual([]);
    expect(LIMITS.depth).toBeGreaterThan(200);
  });

  it("brackets inside strings, comments and templates do not count", () => {
    const many = "(".repeat(500);
    const source = `const a = "${many}";\n// ${many}\n/* ${many} */\nconst b = \`${many}\${1 + (2)}${many}\`;`;
    expect(compile(source, { locale: "en" }).ok).toBe(true);
  });
});

describe("compileIsolated: a runaway takes only its worker down", () => {
  // Under every static limit, yet TypeScript takes gigabytes and minutes on it in-process.
  const pairs = "abcdefghijklmnopqrstuvwxyzABCD";
  const union = [...pairs].flatMap((c) => [...pairs].map((d) => `"${c}${d}"`)).join(" | ");
  const bomb = `type L = ${union};\ntype M = { [K in L]: { [J in L]: [K, J] } };\ntype V = M[L][L];\nconst v: V = ["aa", "bb"];\nconst w: "x" = v;\n`;

  it("gives the same result as compile for an ordinary program", async () => {
    const source = "await robot.forward(10);\nconst s: string = 1;\n";
    expect(await compileIsolated(source, { locale: "en" })).toEqual(
      compile(source, { locale: "en" }),
    );
  });

  it("the watchdog counts the compile, not the worker's start-up (slow on a busy machine)", async () => {
    // A fresh worker loads TypeScript and its library (~1-2 s, far more under load) before it is
    // ready; an honest one-line program then takes a few milliseconds, well inside 2 s.
    await closeCompiler();
    const result = await compileIsolated("await robot.forward(10);", {}, { timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: true, diagnostics: [] });
  });

  it("one worker compiles program after program (it loads TypeScript once)", async () => {
    expect((await compileIsolated("await robot.forward(10);", { locale: "en" })).ok).toBe(true);
    const first = compilerThreadId();
    expect(first).toBeGreaterThan(0);
    for (const source of [
      "await wait(1);",
      "const s: string = 1;\n",
      "await robot.turnLeft(90);",
    ]) {
      await compileIsolated(source, { locale: "fr" });
      expect(compilerThreadId()).toBe(first);
    }
  });

  it("a type-level bomb past the watchdog: our message, then the next program compiles", async () => {
    await compileIsolated("await wait(1);");
    const before = compilerThreadId();
    const start = performance.now();
    const result = await compileIsolated(bomb, { locale: "en" }, { timeoutMs: 5000 });
    expect(performance.now() - start).toBeLessThan(15_000);
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: "ROBOTYC_TOO_COMPLEX", line: 1 });
    expect(result.diagnostics[0]!.message).toBe(
      "Your program is too complicated to check: checking it took more than 5 s or 512 MB. Simplify its types and expressions.",
    );
    // Its worker was dropped: the next program gets a fresh one, kept for the programs after it.
    expect(compilerThreadId()).toBeUndefined();
    const next = await compileIsolated("await robot.forward(10);", { locale: "en" });
    expect(next.ok).toBe(true);
    const fresh = compilerThreadId();
    expect(fresh).not.toBe(before);
    expect((await compileIsolated("await wait(2);", { locale: "en" })).ok).toBe(true);
    expect(compilerThreadId()).toBe(fresh);
  });

  it("past the heap cap: the same message, not a crash of this process", async () => {
    const result = await compileIsolated(
      bomb,
      { locale: "fr" },
      { heapMb: 200, timeoutMs: 60_000 },
    );
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]!.message).toMatch(
      /^Ton programme est trop compliqué à vérifier : sa vérification a dépassé 60 s ou 200 Mo/,
    );
    expect((await compileIsolated("await wait(1);")).ok).toBe(true);
  });
});
