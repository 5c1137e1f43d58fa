/**
 * Messages between the page and the compile worker (the pupil compiler, TypeScript, loaded only
 * there), checked where they enter.
 */
import { z } from "zod";

const locale = z.enum(["fr", "en"]);

export const ToCompilerSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("compile"),
    id: z.number().int().nonnegative(),
    source: z.string().max(2_000_000),
    locale,
    fileName: z.string().min(1).max(200),
  }),
  /** TypeScript → blocks, where TypeScript is already loaded (for the Blocks editor). */
  z.object({
    type: z.literal("toBlocks"),
    id: z.number().int().nonnegative(),
    source: z.string().max(2_000_000),
  }),
  /** The typings an editor needs: the ES library and the pupil API in each language. */
  z.object({ type: z.literal("typings") }),
]);

export const DiagnosticSchema = z.object({
  line: z.number().int(),
  column: z.number().int(),
  message: z.string(),
  code: z.string(),
  severity: z.enum(["error", "warning"]),
});

export const FromCompilerSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("compiled"),
    id: z.number().int().nonnegative(),
    result: z.union([
      z.object({
        ok: z.literal(true),
        program: z.unknown(),
        diagnostics: z.array(DiagnosticSchema),
      }),
      z.object({ ok: z.literal(false), diagnostics: z.array(DiagnosticSchema) }),
    ]),
  }),
  z.object({
    type: z.literal("typings"),
    esLib: z.string(),
    pupil: z.object({ fr: z.string(), en: z.string() }),
  }),
  z.object({
    type: z.literal("blocks"),
    id: z.number().int().nonnegative(),
    /** `typeScriptToBlocks`'s result: the workspace, « code » block count, syntax error. */
    result: z.object({ state: z.unknown(), codeBlocks: z.number() }).loose(),
  }),
  z.object({ type: z.literal("failed"), id: z.number().int().optional(), message: z.string() }),
]);

export type ToCompiler = z.infer<typeof ToCompilerSchema>;
export type FromCompiler = z.infer<typeof FromCompilerSchema>;
