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
 * Sets V8 up for the simulation's WebAssembly (rapier, QuickJS, the classifier's backend): each
 * function is compiled once by the optimizing compiler, rather than by the baseline compiler
 * first and again when hot. Measured on a 180 s run: the same speed, ~35 MB less memory (the
 * baseline code and the second compile's buffers).
 *
 * And the young generation stays at its first size instead of doubling under a run's steady
 * stream of short-lived objects (poses, sensor readings): a busy 300 s run on the final peaks
 * ~17 MB lower (245 instead of 263 MB), for the same CPU time (what survives a collection is
 * small). Unlike the heap's limits, this flag is read at each growth, so setting it at run time
 * works.
 *
 * Call before the first simulation; once is enough for the process and its worker threads.
 */
export function tuneSimulationHost(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString("--no-liftoff");
  setFlagsFromString("--semi-space-growth-factor=1");
}
