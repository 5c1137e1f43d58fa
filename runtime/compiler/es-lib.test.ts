import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildEsLib, esLibModule } from "./es-lib-source.ts";
import { ES_LIB_DTS } from "./es-lib.generated.ts";

const here = dirname(fileURLToPath(import.meta.url));
const tsLib = dirname(createRequire(import.meta.url).resolve("typescript/lib/lib.es5.d.ts"));

describe("shipped ES library declarations", () => {
  it("are what the installed typescript gives (regenerate: generate-es-lib.ts)", () => {
    const lib = buildEsLib((part) => readFileSync(join(tsLib, `lib.${part}.d.ts`), "utf8"));
    expect(readFileSync(join(here, "es-lib.generated.ts"), "utf8")).toBe(esLibModule(lib));
    expect(ES_LIB_DTS).toBe(lib);
  });

  it("leave out what the sandbox removes", () => {
    expect(ES_LIB_DTS).not.toContain("declare var Date:");
    expect(ES_LIB_DTS).not.toContain("declare function eval(");
    expect(ES_LIB_DTS).toContain("interface PromiseConstructor");
  });
});
