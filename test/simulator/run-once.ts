/**
 * Runs the wandering pilot on the reference arena and prints the trace as JSON: used by the
 * determinism tests, as a child process (`node --import tsx run-once.ts <seed> <seconds>`) and as a
 * worker thread (which posts the trace instead).
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { REFERENCE_ARENA, runWorld } from "../../simulator/index.ts";
import { wanderer } from "./pilots.ts";

export async function traceOf(seed: number, seconds: number) {
  const result = await runWorld({ arena: REFERENCE_ARENA, seed, maxTime: seconds }, wanderer);
  return { ...result.trace, outcome: result.outcome, events: result.events };
}

if (!isMainThread && parentPort && workerData?.runOnce) {
  const { seed, seconds } = workerData as { seed: number; seconds: number };
  parentPort.postMessage(await traceOf(seed, seconds));
} else if (isMainThread && process.argv[1]?.endsWith("run-once.ts")) {
  const [seed, seconds] = process.argv.slice(2).map(Number);
  process.stdout.write(JSON.stringify(await traceOf(seed!, seconds!)) + "\n");
}
