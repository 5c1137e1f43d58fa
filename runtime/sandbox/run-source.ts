import { DEFAULT_LOCALE } from "../i18n.ts";
import { atPosition } from "../position.ts";
import { compile } from "../compiler/compile.ts";
import { runProgram, type ProgramResult, type RunOptions } from "./run-program.ts";

export type RunSourceOptions = Omit<RunOptions, "program"> & { fileName?: string };

/** Compiles then runs; a program that does not compile ends with an error of kind "compile". */
export async function runSource(
  source: string | Uint8Array,
  opts: RunSourceOptions,
): Promise<ProgramResult> {
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const compiled = compile(source, {
    locale,
    ...(opts.fileName ? { fileName: opts.fileName } : {}),
  });
  if (!compiled.ok) {
    const first =
      compiled.diagnostics.find((d) => d.severity === "error") ?? compiled.diagnostics[0]!;
    const message = atPosition(first.message, locale, first.line, first.column);
    return {
      outcome: "error",
      error: { kind: "compile", message, line: first.line, column: first.column },
      robotCalls: 0,
      instructionChecks: 0,
    };
  }
  return runProgram({ ...opts, program: compiled.program });
}
