/**
 * The golden set of pupil mistakes: every program in `fixtures/` is a mistake pupils really make,
 * and `<name>.fr.txt` / `<name>.en.txt` hold exactly what they are told, compile time and run time
 * (against the scripted driver). `golden.test.ts` checks them; after a deliberate change of
 * wording, regenerate with `node --import tsx runtime/golden/write-golden.ts` and read the diff.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Locale } from "../i18n.ts";
import { compile } from "../compiler/compile.ts";
import { runProgram } from "../sandbox/run-program.ts";
import { createScriptedDriver } from "../testing/scripted-driver.ts";

export const GOLDEN_DIR = fileURLToPath(new URL("./fixtures/", import.meta.url));

export const goldenPrograms = (): string[] =>
  readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith(".ts"))
    .sort();

export const goldenFile = (program: string, locale: Locale) =>
  join(GOLDEN_DIR, program.replace(/\.ts$/, `.${locale}.txt`));

const warning: Record<Locale, string> = { fr: "attention : ", en: "warning: " };

/**
 * What a pupil is told about `program`: one line per diagnostic, `line:column: message` as
 * `robotyc check` prints it; then, if it compiles, how its run ends (`run: message`).
 */
export async function pupilFeedback(program: string, locale: Locale): Promise<string> {
  const source = readFileSync(join(GOLDEN_DIR, program));
  const compiled = compile(source, { locale, fileName: program });
  const out = compiled.diagnostics.map(
    (d) => `${d.line}:${d.column}: ${d.severity === "warning" ? warning[locale] : ""}${d.message}`,
  );
  if (compiled.ok) {
    const driver = createScriptedDriver({ grabs: [true], wallAt: 200 });
    const result = await runProgram({
      program: compiled.program,
      driver,
      seed: 1,
      locale,
      maxTime: 30,
      print: () => {},
    });
    out.push(`run: ${result.error?.message ?? result.outcome}`);
  }
  return out.join("\n") + "\n";
}
