/**
 * Compiled pupil programs kept on disk (Node only): compiling loads TypeScript (~0.2 s and ~40 MB
 * before the first program, ~0.2 s more for it), so `robotyc run` of a program already compiled,
 * or a second grading of a class, skips the compiler altogether.
 *
 * An entry is keyed by the source's bytes, the file name and the locale (both appear in
 * diagnostics), and the compiler's fingerprint: TypeScript's version and every source of the
 * runtime (its compiler and the pupil API), stamped by the build into the built command. Without
 * that stamp (running from the TypeScript sources, as the tests do) nothing is cached.
 *
 * Where: `ROBOTYC_COMPILE_CACHE` (a directory, or `off`), else the user's cache directory
 * (`$XDG_CACHE_HOME/robotyc/programs`, `~/.cache/robotyc/programs`; `%LOCALAPPDATA%` on
 * Windows). An entry that cannot be read is compiled again; one that cannot be written is not
 * kept. A program is never refused because of the cache.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { CompileResult, Locale } from "../runtime/engine.ts";
import { compileProgram } from "./runner.ts";

/** Set by the build (cli/build.mjs) to the compiler's fingerprint; absent in the sources. */
declare const __ROBOTYC_COMPILER__: string | undefined;

const FORMAT = "robotyc-compiled/1";

function compilerFingerprint(): string | undefined {
  return typeof __ROBOTYC_COMPILER__ === "string" ? __ROBOTYC_COMPILER__ : undefined;
}

/** The cache's directory, or undefined when caching is off. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.ROBOTYC_COMPILE_CACHE;
  if (chosen === "off" || chosen === "0") return undefined;
  if (chosen) return chosen;
  if (process.platform === "win32" && env.LOCALAPPDATA) {
    return join(env.LOCALAPPDATA, "robotyc", "programs");
  }
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "robotyc", "programs");
}

function entryKey(compiler: string, source: Uint8Array, locale: Locale, fileName: string): string {
  return createHash("sha256")
    .update(`${FORMAT}\n${compiler}\n${locale}\n${fileName}\n`)
    .update(source)
    .digest("hex");
}

/**
 * `compileProgram`, through the cache when the built command runs (see above). Same result as
 * compiling: the entry holds exactly what the compiler returned.
 */
export async function compileCached(
  source: string | Uint8Array,
  locale: Locale,
  fileName = "program.ts",
  compile: typeof compileProgram = compileProgram,
): Promise<CompileResult> {
  const compiler = compilerFingerprint();
  const dir = compiler ? compileCacheDir() : undefined;
  if (!compiler || !dir) return compile(source, locale, fileName);
  const bytes = typeof source === "string" ? new TextEncoder().encode(source) : source;
  const key = entryKey(compiler, bytes, locale, fileName);
  const file = join(dir, key.slice(0, 2), `${key}.json`);
  try {
    const entry = JSON.parse(readFileSync(file, "utf8")) as { key: string; result: CompileResult };
    if (entry.key === key && typeof entry.result?.ok === "boolean") return entry.result;
  } catch {
    // Not there yet, or unreadable: compile.
  }
  const result = await compile(source, locale, fileName);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
    writeFileSync(temp, JSON.stringify({ key, result }));
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
  return result;
}
