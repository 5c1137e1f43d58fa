/**
 * What the compiler hands to the sandbox: the compiled program's format, its diagnostics, and the
 * wrapper the pupil's code runs in. Plain data and constants, no TypeScript: a process that only
 * runs programs (a simulation worker, the grader's workers) loads this, never the compiler.
 */
import type { Locale } from "../i18n.ts";
import type { ColumnTable, LineTable } from "./source-map.ts";

export interface Diagnostic {
  /** 1-based line in the pupil's source. */
  line: number;
  /** 1-based column in the pupil's source. */
  column: number;
  /** In the requested locale, in the pupil's words; names no position (the caller shows it). */
  message: string;
  /** TypeScript's own message (its long types cut), when `message` is ours: for who wants it. */
  detail?: string;
  /** `TS2322` for TypeScript's own checks, `ROBOTYC_…` for ours. */
  code: string;
  severity: "error" | "warning";
}

/** A compiled program: plain data, so it can be posted to a worker. */
export interface CompiledProgram {
  format: "robotyc-program/1";
  fileName: string;
  /** A script whose completion value is the promise of the whole program. */
  code: string;
  /** Generated position → pupil line (see source-map.ts); line 1 is shifted by `PROLOGUE`. */
  lines: LineTable;
  /** The pupil column of each segment of `lines`, so a runtime error names its column too. */
  columns?: ColumnTable;
}

export type CompileResult =
  | { ok: true; program: CompiledProgram; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

export interface CompileOptions {
  locale?: Locale;
  /** The name shown to the pupil; default `program.ts`. */
  fileName?: string;
}

/**
 * Name of the object through which every loop notes its line, so a loop stopped by the
 * instruction budget can be named to the pupil (QuickJS's interrupt carries no position).
 * The sandbox sets this global; the epilogue passes it to the program's function and removes it.
 * The pupil cannot reach it: the compiler refuses both names in a program (guards.ts), and the
 * function is an arrow, so the program has no `arguments` through which to find it.
 */
export const LOOP_LINE_GLOBAL = "__robotycLoopLine";
export const LOOP_LINE_LOCAL = "$robotycLoop";

/** The pupil's code runs inside this async function, on the same lines as in the output. */
export const PROLOGUE = `(async (${LOOP_LINE_LOCAL}) => { "use strict"; `;
/** Evaluated in the global scope, so a pupil's own top-level names cannot shadow `globalThis`. */
export const EPILOGUE = `\n})(((box) => (delete globalThis.${LOOP_LINE_GLOBAL}, box))(globalThis.${LOOP_LINE_GLOBAL}))`;
