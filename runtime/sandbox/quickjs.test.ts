import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { compile } from "../compiler/compile.ts";
import { createScriptedDriver } from "../testing/scripted-driver.ts";
import {
  newQuickJSInstance,
  QUICKJS_BASE_MEMORY,
  releaseQuickJSInstance,
  setQuickJSWasmModule,
} from "./quickjs.ts";
import { runProgram } from "./run-program.ts";

describe("the QuickJS wasm given by the host", () => {
  const compiled = compile("await robot.forward(1);");
  if (!compiled.ok) throw new Error("did not compile");
  const program = compiled.program;

  it("a sandbox that cannot be made is an error result, not a crash", async () => {
    setQuickJSWasmModule(Promise.reject(new Error("wasm introuvable")));
    const result = await runProgram({ program, driver: createScriptedDriver(), seed: 1 });
    expect(result).toMatchObject({ outcome: "error", error: { kind: "exception" } });
    expect(result.error!.message).toContain("wasm introuvable");
  });

  it("runs with a module compiled by the host (as a browser does)", async () => {
    const path = createRequire(import.meta.url).resolve("@jitl/quickjs-wasmfile-release-sync/wasm");
    setQuickJSWasmModule(WebAssembly.compile(readFileSync(path)));
    const driver = createScriptedDriver();
    const result = await runProgram({ program, driver, seed: 1 });
    expect(result.outcome).toBe("finished");
    expect(driver.calls).toEqual(["0.000 forward(1)"]);
  });
});

describe("the memory of a run that is over", () => {
  const SIZE = QUICKJS_BASE_MEMORY + 1024 * 1024;

  it("serves the next instance of its size, zeroed, its wall reset", async () => {
    const first = await newQuickJSInstance(SIZE);
    const bytes = new Uint8Array(first.memory.buffer);
    // What a run leaves behind, at the very top (no instantiation writes there) and throughout.
    bytes.fill(0xa5, bytes.length - 4096);
    bytes.fill(0x5a, QUICKJS_BASE_MEMORY / 2, QUICKJS_BASE_MEMORY / 2 + 65536);
    // A grow past its size is refused, and remembered as the wall being hit.
    expect(() => first.memory.grow(1)).toThrow(RangeError);
    expect(first.wallHit()).toBe(true);
    releaseQuickJSInstance(first);
    const second = await newQuickJSInstance(SIZE);
    expect(second.memory).toBe(first.memory);
    const again = new Uint8Array(second.memory.buffer);
    expect(again.subarray(again.length - 4096).every((b) => b === 0)).toBe(true);
    const middle = again.subarray(QUICKJS_BASE_MEMORY / 2, QUICKJS_BASE_MEMORY / 2 + 65536);
    expect(middle.every((b) => b === 0)).toBe(true);
    expect(second.wallHit()).toBe(false);
    // The instance works: a context evaluates code in it.
    const context = second.quickjs.newContext();
    expect(context.dump(context.unwrapResult(context.evalCode("6 * 7")))).toBe(42);
    context.dispose();
  });

  it("is not given to an instance of another size; an unreleased memory is never reused", async () => {
    const first = await newQuickJSInstance(SIZE);
    releaseQuickJSInstance(first);
    const larger = await newQuickJSInstance(SIZE + 65536);
    expect(larger.memory).not.toBe(first.memory);
    const next = await newQuickJSInstance(SIZE);
    expect(next.memory).not.toBe(first.memory);
    expect(next.memory).not.toBe(larger.memory);
  });

  it("a program's run starts from the same bytes whether its memory is new or reused", async () => {
    // Math.random, object layout and garbage collection inside QuickJS all read its memory.
    const source =
      "const a: { i: number; s: string }[] = [];\n" +
      "for (let i = 0; i < 2000; i++) a.push({ i, s: 'x'.repeat(i % 50) });\n" +
      "print(JSON.stringify(a).length, Math.random());\n";
    const c = compile(source);
    if (!c.ok) throw new Error("did not compile");
    const printed: string[] = [];
    for (let i = 0; i < 3; i++) {
      await runProgram({
        program: c.program,
        driver: createScriptedDriver(),
        seed: 7,
        print: (t) => printed.push(t),
      });
    }
    expect(printed).toHaveLength(3);
    expect(new Set(printed).size).toBe(1);
  });
});
