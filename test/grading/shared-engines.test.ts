/**
 * The grader's threads share the engines its main thread compiled and warmed (challenges/grader/warm-up.ts): checked
 * on the built `robotyc grade` itself, through V8's trace of the WebAssembly functions it compiles.
 * Before, each grading thread warmed up on its own at the same moment, and V8 compiled rapier's
 * world step (its largest function, ~350 kB) once a thread, 0.5–0.7 s each.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { solutionFile } from "../../challenges/pack/files.node.ts";

const cli = fileURLToPath(new URL("../../cli/robotyc.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "robotyc-shared-engines-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One line of `--trace-wasm-compilation-times`: which function of which module, its body size. */
const COMPILED = /^Compiled function (0x[0-9a-f]+)#(\d+) using TurboFan, .* bodysize (\d+) /;

describe("robotyc grade with two threads", () => {
  it("compiles each engine function once for the whole grading, and grades as before", () => {
    writeFileSync(join(dir, "a.ts"), "await robot.forward(20);\nawait robot.turnLeft(90);\n");
    copyFileSync(solutionFile("trieur-1-zone"), join(dir, "b.ts"));
    const args = [cli, "grade", dir, "--challenge", "trieur-1-zone", "--seeds", "1,2", "--jobs"];
    const env = { ...process.env, ROBOTYC_LANG: "en" };
    const traced = spawnSync(process.execPath, ["--trace-wasm-compilation-times", ...args, "2"], {
      env,
      encoding: "utf8",
    });
    expect(traced.status).toBe(0);
    const compiles = traced.stdout.split("\n").flatMap((line) => {
      const m = COMPILED.exec(line);
      return m ? [{ fn: `${m[1]}#${m[2]}`, size: Number(m[3]) }] : [];
    });
    // The trace works, and the engines' functions were compiled (by the main thread's warm-up).
    expect(compiles.length).toBeGreaterThan(100);
    const largest = compiles.reduce((a, b) => (b.size > a.size ? b : a));
    expect(largest.size).toBeGreaterThan(100_000);
    expect(compiles.filter((c) => c.fn === largest.fn)).toHaveLength(1);
    // The scores, as one thread alone gives them (the table the command prints).
    const alone = spawnSync(process.execPath, [...args, "1"], { env, encoding: "utf8" });
    expect(alone.status).toBe(0);
    const table = (out: string) => out.split("\n").filter((line) => /^[ab]\.ts\b/.test(line));
    expect(table(alone.stdout)).toHaveLength(2);
    expect(table(alone.stdout)[1]).not.toMatch(/^b\.ts;0;0;/);
    expect(table(traced.stdout)).toEqual(table(alone.stdout));
  });
});
