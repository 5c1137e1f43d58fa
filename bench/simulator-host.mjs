/**
 * The simulator benchmark's simulation host: a process that runs compiled programs and nothing
 * else, set up as the CLI and the grader's workers are: the built modules (dist/node/, what
 * `robotyc` and the grader's worker threads run; `npm run build`), `tuneSimulationHost`, a heap
 * capped at SIMULATION_HEAP_MB by the parent. It never loads the compiler. Plain JavaScript, so
 * that no TypeScript loader sits in the process it measures (tsx and the sources' maps: ~90 MB).
 *
 *   node simulator-host.mjs <program.json> [<checkout>]
 *
 * The simulator, the challenges and the sandbox come from `<checkout>` (this one by default), so
 * the same host measures an older commit's simulator beside this one (`ROBOTYC_BENCH_BEFORE`). A
 * checkout whose build has no `simulator/index.js` (older than this host) is loaded from its
 * sources: the parent then starts the host with `--import tsx`.
 * Commands come one a line on stdin, each answered by one JSON line on stdout, so the parent can
 * alternate two hosts run by run and both see the same load:
 *   `reference <seed> <seconds>`  a run in the reference arena (20 items): `RunSample`
 *   `final <seed>`      a 300 s run on the final challenge (the same program): `RunSample`
 *   `build`             world build times, reference arena: `{ buildMs: number[] }`
 *   `end`               `MemoryReport`, then the host exits
 * (both types: simulator.bench.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

const [programFile, checkout] = process.argv.slice(2);
const root = checkout ?? join(import.meta.dirname, "..");
/** Whether `root` has the built entries this host loads (else its sources, through tsx). */
const built = existsSync(join(root, "dist", "node", "simulator", "index.js"));
const load = (path) =>
  import(
    pathToFileURL(
      built ? join(root, "dist", "node", path.replace(/\.ts$/, ".js")) : join(root, path),
    ).href
  );

// What these modules export has not changed since the simulator benchmark was first written: an
// older checkout's work the same way.
const challenges = await load("challenges/node.ts");
const simulator = await load("simulator/index.ts");
const engine = await load("runtime/engine.ts");
const cameras = await load("challenges/camera.ts");

challenges.tuneSimulationHost();
const program = JSON.parse(readFileSync(programFile, "utf8"));
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

async function timed(run) {
  const wall0 = performance.now();
  const cpu0 = cpuSeconds();
  const result = await run();
  const wall = (performance.now() - wall0) / 1000;
  const cpu = cpuSeconds() - cpu0;
  const m = process.memoryUsage();
  const mb = (bytes) => Math.round(bytes / 1e5) / 10;
  const memory = { rss: mb(m.rss), heapUsed: mb(m.heapUsed), external: mb(m.external) };
  return { ...result, wall, cpu, memory };
}

async function reference(seed, seconds) {
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

async function final(seed) {
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

async function answer(line) {
  const [command, seed, seconds] = line.trim().split(/\s+/);
  if (command === "reference") return reference(Number(seed), Number(seconds));
  if (command === "final") return final(Number(seed));
  if (command === "build") {
    const buildMs = [];
    for (let i = -2; i < 15; i++) {
      const start = performance.now();
      (await simulator.World.create({ arena, seed: 1 })).dispose();
      if (i >= 0) buildMs.push(performance.now() - start);
    }
    return { buildMs };
  }
  if (command === "end") {
    const { getHeapStatistics } = await import("node:v8");
    const report = {
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
