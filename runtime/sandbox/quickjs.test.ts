import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { compile } from "../compiler/compile.ts";
import { createScriptedDriver } from "../testing/scripted-driver.ts";
import { setQuickJSWasmModule } from "./quickjs.ts";
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
