/**
 * The simulator benchmark's simulation host: a process that runs compiled programs and nothing
 * else, set up as the CLI and the grader's workers are (`tuneSimulationHost`, a heap capped at
 * SIMULATION_HEAP_MB by the parent). It never loads the compiler. Reads the compiled program from
 * the file named by its first argument; prints its measurements as JSON on the last line.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tuneSimulationHost } from "../challenges/node.ts";
import { warmUpSandbox, type CompiledProgram } from "../runtime/engine.ts";
import {
  REFERENCE_ARENA,
  World,
  loadArena,
  loadRapier,
  runSimulation,
} from "../simulator/index.ts";
import { timeRuns } from "./harness.ts";

export interface HostReport {
  seconds: number;
  ticks: number;
  wallFactors: number[];
  cpuFactors: number[];
  buildMs: number[];
  /** RSS once everything is loaded, before the first run (MB). */
  rssLoaded: number;
  /** Peak RSS of the process (MB). */
  peakRss: number;
  heapLimitMb: number;
  typescriptLoaded: boolean;
}

const SECONDS = 180;
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

tuneSimulationHost();
const program = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as CompiledProgram;
const arena = loadArena(REFERENCE_ARENA);
await loadRapier();
warmUpSandbox();
await new Promise((resolve) => setTimeout(resolve, 10));
const rssLoaded = process.memoryUsage().rss / 1e6;

const wallFactors: number[] = [];
const cpuFactors: number[] = [];
let ticks = 0;
for (let run = 0; run < 6; run++) {
  const wall0 = performance.now();
  const cpu0 = cpuSeconds();
  const result = await runSimulation({ program, arena, seed: run + 1, maxTime: SECONDS });
  const wall = (performance.now() - wall0) / 1000;
  const cpu = cpuSeconds() - cpu0;
  if (result.outcome === "error") throw new Error(result.error?.message);
  ticks = result.trace.ticks;
  if (run === 0) continue; // warm-up: the first run pays for compiling the engines' wasm
  wallFactors.push(result.simTime / wall);
  cpuFactors.push(result.simTime / cpu);
}
const buildMs = await timeRuns(
  async () => (await World.create({ arena, seed: 1 })).dispose(),
  15,
  2,
);
const { getHeapStatistics } = await import("node:v8");
const report: HostReport = {
  seconds: SECONDS,
  ticks,
  wallFactors,
  cpuFactors,
  buildMs,
  rssLoaded,
  peakRss: process.resourceUsage().maxRSS / 1024,
  heapLimitMb: getHeapStatistics().heap_size_limit / 1024 / 1024,
  // CommonJS modules imported from ESM are cached here too: the compiler would show.
  typescriptLoaded: Object.keys(createRequire(import.meta.url).cache).some((path) =>
    /[\\/]typescript[\\/]lib[\\/]typescript\.js$/.test(path),
  ),
};
process.stdout.write("\n" + JSON.stringify(report) + "\n");
process.exit(0);
