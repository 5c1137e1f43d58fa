/** Writes `es-lib.generated.ts` (Node only): `node --import tsx runtime/compiler/generate-es-lib.ts`. */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildEsLib, esLibModule } from "./es-lib-source.ts";

const tsLibDir = dirname(createRequire(import.meta.url).resolve("typescript/lib/lib.es5.d.ts"));
const here = dirname(fileURLToPath(import.meta.url));
const lib = buildEsLib((part) => readFileSync(join(tsLibDir, `lib.${part}.d.ts`), "utf8"));
writeFileSync(join(here, "es-lib.generated.ts"), esLibModule(lib));
