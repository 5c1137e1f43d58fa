/** `runSimulation`: a pupil program (source or compiled) run in the sandbox against the world. */
import { atPosition, runProgram } from "../runtime/engine.ts";
import type { CompiledProgram, RunLimits } from "../runtime/engine.ts";
import { runWorld } from "./runner.ts";
import type { PilotResult, SimulationResult, WorldRunOptions } from "./runner.ts";

export interface SimulationOptions extends WorldRunOptions {
  /** TypeScript source, or a program compiled by the runtime's `compile`. */
  program: string | CompiledProgram;
  /** Where the program's `print` goes. */
  print?: (text: string) => unknown;
  /** The pupil's line of each robot.* and wait() call (see the runtime's `RunOptions.onCall`). */
  onCall?: (line: number | undefined) => void;
  /** Sandbox limits (memory, stack, instruction budget); the runtime's defaults otherwise. */
  limits?: RunLimits;
}

/**
 * Runs a pupil program in the arena, in lockstep, as fast as the CPU allows (or paced).
 * A program that does not compile ends at once with outcome "error" and the first diagnostic.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const locale = options.locale ?? "fr";
  let program: CompiledProgram | null = null;
  let failed: PilotResult | null = null;
  if (typeof options.program === "string") {
    // The compiler is loaded only for a source program: a run of a compiled one never loads it.
    const { compile } = await import("../runtime/index.ts");
    const compiled = compile(options.program, { locale });
    if (compiled.ok) program = compiled.program;
    else {
      const first =
        compiled.diagnostics.find((d) => d.severity === "error") ?? compiled.diagnostics[0];
      failed = {
        outcome: "error",
        error: first
          ? {
              message: atPosition(first.message, locale, first.line, first.column),
              line: first.line,
            }
          : { message: "?" },
      };
    }
  } else {
    program = options.program;
  }
  return runWorld(options, async (robot, maxTime) => {
    if (failed || !program) return failed!;
    const result = await runProgram({
      program,
      driver: robot,
      // The sandbox's Math.random draws from the run's one generator.
      seed: robot.world.random.uint32(),
      locale,
      maxTime,
      ...(options.print ? { print: options.print } : {}),
      ...(options.onCall ? { onCall: options.onCall } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    const error = result.error;
    return {
      outcome: result.outcome,
      ...(error
        ? {
            error: {
              message: error.message,
              ...(error.line ? { line: error.line } : {}),
              ...(error.column ? { column: error.column } : {}),
            },
          }
        : {}),
    };
  });
}
