/**
 * How a Node process that runs simulations is set up: the CLI (`run`, `grade`, `start`), the
 * grader's worker threads and the benchmarks use the same settings, so what is measured is what
 * runs.
 */
import { setFlagsFromString } from "node:v8";

/**
 * The JavaScript heap a simulation host may grow to (MB): a worker thread's `resourceLimits`, a
 * process's `--max-old-space-size`. A run needs ~50 MB of heap (its program lives in the sandbox's
 * own wasm memory); without a cap V8 lets garbage pile up to ~200 MB before collecting it.
 */
export const SIMULATION_HEAP_MB = 128;

let tuned = false;

/**
 * What a process does with its simulations: one run and exit (`robotyc run`), or many runs (the
 * grader and its worker threads, the benchmarks' hosts). V8 compiles their WebAssembly
 * differently (see `tuneSimulationHost`).
 */
export type SimulationHostKind = "one-run" | "many-runs";

/**
 * V8's settings for the simulation's WebAssembly (rapier, QuickJS, the classifier's backend).
 *
 * Many runs (the default): each function is compiled once, by the optimizing compiler (TurboFan),
 * on its first call, on the thread that calls it: ~1 s of compiling before the first run of the
 * process, then no baseline code, no background compiles. A process that runs many programs
 * pays that once; the compiles' buffers stay in one C heap (the calling thread's), which later
 * compiles reuse: the simulator bench's host peaked at 213 MB over its 12 runs (234–245 MB with
 * the one-run settings, whose background compiles each leave their buffers in the C heap of the
 * thread that ran them).
 *
 * One run (`robotyc run`):
 * - Each function first runs as baseline code (Liftoff: compiled in ~60 ms for all the functions a
 *   run calls), and only the functions that do a lot of work are compiled again, in the
 *   background, by TurboFan: rapier's world step (one 348 kB function, 0.6–1.4 s of TurboFan) is
 *   compiled while the first seconds of a run go on in baseline code, and a run that ends at once
 *   (a program that stops, a compile error) never waits for it: 0.35 instead of 1.45 s of CPU.
 * - "A lot of work" is a tiering budget far above V8's default (the most an int flag holds): a
 *   run that ends at once stays under it; a busy run passes it within its first simulated
 *   seconds. With the default budget, a no-op run on the final started compiling ~40 functions.
 * - One background compile at a time: each of TurboFan's compiles holds its own buffers (29 MB
 *   for the world step), and a busy run peaked ~18 MB higher when they ran side by side.
 *
 * Both: TurboFan without its loop unrolling nor its extra wasm reductions (`--no-wasm-opt`):
 * rapier's, QuickJS's and the classifier's wasm come out of an optimizing toolchain already, and
 * these passes added nothing measurable to the speed of the compiled code (in-process runs per
 * CPU second within 2 %, `npm run bench -- simulator`, twice each) while they cost the world
 * step's compile 40 % of its time and half its buffers (29 MB at their peak, 70 MB in all, instead
 * of 50 and 146): a busy `robotyc run` on the final peaks ~35 MB lower, the bench's host ~50 MB.
 *
 * None of this changes what the code computes (only which compiler made it): traces and scores
 * stay the same to the bit (the golden traces' tests, the benchmarks' hash checks).
 *
 * The heap: V8 collects the old generation once it has grown 30 % past what the last collection
 * kept (`--heap-growing-percent`, read at each collection, so setting it at run time works),
 * instead of letting a run's garbage pile up to twice its live data: a busy 300 s run on the final
 * peaked ~18 MB lower (old generation 34 → 19 MB), for the same CPU time (a collection of its
 * ~20 MB of live data takes ~3 ms). The young generation is asked to stay at its first size
 * (`--semi-space-growth-factor=1`); on a main thread it has its full 32 MB from the start anyway.
 *
 * Call before the first simulation; once is enough for the process and its worker threads (the
 * first call decides).
 */
export function tuneSimulationHost(kind: SimulationHostKind = "many-runs"): void {
  if (tuned) return;
  tuned = true;
  for (const flag of WASM_FLAGS[kind]) setFlagsFromString(flag);
  setFlagsFromString("--semi-space-growth-factor=1");
  setFlagsFromString("--heap-growing-percent=30");
}

/** The flags `tuneSimulationHost` sets for WebAssembly (see there). */
export const WASM_FLAGS: Record<SimulationHostKind, readonly string[]> = {
  "many-runs": ["--no-liftoff", "--no-wasm-loop-unrolling", "--no-wasm-opt"],
  "one-run": [
    "--liftoff",
    "--wasm-dynamic-tiering",
    `--wasm-tiering-budget=${2 ** 31 - 1}`,
    "--wasm-num-compilation-tasks=1",
    "--no-wasm-loop-unrolling",
    "--no-wasm-opt",
  ],
};
