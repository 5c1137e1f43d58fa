/**
 * The simulator benchmark's simulation host: a process that runs compiled programs and nothing
 * else, set up as the CLI and the grader's workers are (`tuneSimulationHost`, a heap capped at
 * SIMULATION_HEAP_MB by the parent). It never loads the compiler.
 *
 *   node --import tsx simulator-host.ts <program.json> [<checkout>]
 *
 * The simulator, the challenges and the sandbox come from `<checkout>` (this one by default), so
 * the same host measures an older commit's simulator beside this one (`ROBOTYC_BENCH_BEFORE`).
 * Commands come one a line on stdin, each answered by one JSON line on stdout, so the parent can
 * alternate two hosts run by run and both see the same load:
 *   `reference <seed> <seconds>`  a run in the reference arena (20 items): `RunSample`
 *   `final <seed>`      a 300 s run on the final challenge (the same program): `RunSample`
 *   `build`             world build times, reference arena: `{ buildMs: number[] }`
 *   `end`               `MemoryReport`, then the host exits
 */
import { createInterface } from "node:readline";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { timeRuns } from "./harness.ts";

export interface RunSample {
  /** Simulated seconds of the program (before settling). */
  simTime: number;
  ticks: number;
  wall: number;
  /** CPU seconds of the whole process over the run (V8's background threads included). */
  cpu: number;
  hash: string;
}

export interface MemoryReport {
  /** RSS once everything is loaded, before the first run (MB). */
  rssLoaded: number;
  /** Peak RSS of the process (MB). */
  peakRss: number;
  heapLimitMb: number;
  /** At the end: V8's heap (total, used) and memory outside it (wasm memories, buffers), MB. */
  heapTotal: number;
  heapUsed: number;
  external: number;
  typescriptLoaded: boolean;
}

const [programFile, checkout] = process.argv.slice(2);
const root = checkout ?? join(import.meta.dirname, "..");
const load = (path: string) => import(pathToFileURL(join(root, path)).href);

// What these modules export has not changed since the simulator benchmark was first written: an
// older checkout's work the same way.
const challenges = await load("challenges/node.ts");
const simulator = await load("simulator/index.ts");
const engine = await load("runtime/engine.ts");
const cameras = await load("challenges/camera.ts");

challenges.tuneSimulationHost();
const program = JSON.parse(readFileSync(programFile!, "utf8"));
const arena = simulator.loadArena(simulator.REFERENCE_ARENA);
// The program classifies what it grabs: the shipped model and image bank, as a challenge run has.
const camera = cameras.lazyCamera(challenges.shippedChallengeCamera);
const { challenge } = challenges.resolveChallenge(challenges.FLAGSHIP_ID);
await simulator.loadRapier();
engine.warmUpSandbox();
await new Promise((resolve) => setTimeout(resolve, 10));
const rssLoaded = process.memoryUsage().rss / 1e6;

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function timed(
  run: () => Promise<{ simTime: number; hash: string; ticks: number }>,
): Promise<RunSample> {
  const wall0 = performance.now();
  const cpu0 = cpuSeconds();
  const result = await run();
  return {
    ...result,
    wall: (performance.now() - wall0) / 1000,
    cpu: cpuSeconds() - cpu0,
  };
}

async function reference(seed: number, seconds: number): Promise<RunSample> {
  return timed(async () => {
    const result = await simulator.runSimulation({
      program,
      arena,
      seed,
      maxTime: seconds,
      ...camera,
    });
    if (result.outcome === "error") throw new Error(result.error?.message);
    return { simTime: result.simTime, hash: result.trace.hash, ticks: result.trace.ticks };
  });
}

async function final(seed: number): Promise<RunSample> {
  return timed(async () => {
    const result = await challenges.runChallenge({
      source: { ok: true, program, diagnostics: [] },
      challenge,
      seed,
      locale: "en",
    });
    if (result.outcome === "error") throw new Error(result.error?.message);
    return {
      simTime: result.simTime,
      hash: result.trace.hash,
      ticks: Math.round(result.simTime * 120),
    };
  });
}

async function answer(line: string): Promise<unknown> {
  const [command, seed, seconds] = line.trim().split(/\s+/);
  if (command === "reference") return reference(Number(seed), Number(seconds));
  if (command === "final") return final(Number(seed));
  if (command === "build") {
    const buildMs = await timeRuns(
      async () => (await simulator.World.create({ arena, seed: 1 })).dispose(),
      15,
      2,
    );
    return { buildMs };
  }
  if (command === "end") {
    const { getHeapStatistics } = await import("node:v8");
    const report: MemoryReport = {
      rssLoaded,
      peakRss: process.resourceUsage().maxRSS / 1024,
      heapLimitMb: getHeapStatistics().heap_size_limit / 1024 / 1024,
      heapTotal: process.memoryUsage().heapTotal / 1e6,
      heapUsed: process.memoryUsage().heapUsed / 1e6,
      external: process.memoryUsage().external / 1e6,
      // CommonJS modules imported from ESM are cached here too: the compiler would show.
      typescriptLoaded: Object.keys(createRequire(import.meta.url).cache).some((path) =>
        /[\\/]typescript[\\/]lib[\\/]typescript\.js$/.test(path),
      ),
    };
    return report;
  }
  throw new Error(`simulator host: unknown command ${JSON.stringify(line)}`);
}

for await (const line of createInterface({ input: process.stdin })) {
  const reply = await answer(line);
  process.stdout.write(JSON.stringify(reply) + "\n");
  if (line.trim() === "end") break;
}
process.exit(0);
