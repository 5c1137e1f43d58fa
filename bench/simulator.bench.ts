/**
 * Simulator benchmark: real-time factor of a 180 s run in the reference arena (20 items) with a
 * pupil program that keeps moving and reading sensors (median of 5 after one warm-up run), world
 * build time, and peak memory. `npm run bench -- simulator`.
 */
import { loadavg } from "node:os";
import { compile } from "../runtime/index.ts";
import { REFERENCE_ARENA, World, loadArena, runSimulation } from "../simulator/index.ts";
import type { BenchRow } from "./harness.ts";
import { median, timeRuns } from "./harness.ts";

const SECONDS = 180;

/** Drives around, turns away from what is close, follows the line a little, grabs and sorts. */
export const BENCH_PROGRAM = `
let n = 0;
while (true) {
  n++;
  if (robot.distance() < 25) {
    await robot.turnRight(n % 2 ? 70 : -110);
  } else {
    await robot.forward(12);
  }
  const l = robot.line();
  const c = robot.color();
  if (l.center && c.name === "black") robot.setSpeed(40);
  if (n % 6 === 0 && (await robot.grab())) {
    const seen = await robot.classify();
    if (seen.kind !== "none") await robot.turnLeft(30);
    await robot.release();
  }
  robot.setMotors(35, 30);
  for (let i = 0; i < 40; i++) {
    if (robot.distance() < 20) break;
    robot.heading();
  }
  robot.stop();
}
`;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export default async function simulatorBench(): Promise<BenchRow[]> {
  const compiled = compile(BENCH_PROGRAM, { locale: "en" });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join("; "));
  const arena = loadArena(REFERENCE_ARENA);
  // Everything loaded (TypeScript compiler, QuickJS, rapier), nothing simulated yet.
  const rssBefore = process.memoryUsage().rss / 1e6;

  const wallFactors: number[] = [];
  const cpuFactors: number[] = [];
  let ticks = 0;
  for (let run = 0; run < 6; run++) {
    const wall0 = performance.now();
    const cpu0 = cpuMs();
    const result = await runSimulation({
      program: compiled.program,
      arena,
      seed: run + 1,
      maxTime: SECONDS,
    });
    const wall = (performance.now() - wall0) / 1000;
    const cpu = (cpuMs() - cpu0) / 1000;
    if (result.outcome === "error") throw new Error(result.error?.message);
    ticks = result.trace.ticks;
    if (run === 0) continue; // warm-up: wasm tiers up to optimized code during the first run
    wallFactors.push(result.simTime / wall);
    cpuFactors.push(result.simTime / cpu);
  }

  const build = await timeRuns(
    async () => (await World.create({ arena, seed: 1 })).dispose(),
    15,
    2,
  );
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const simulationMb = peakMb - rssBefore;
  const rtf = median(wallFactors);
  return [
    {
      suite: "simulator",
      name: `real-time factor, ${SECONDS} s run, 20 items, busy program (wall clock)`,
      median: rtf,
      unit: "sim s / wall s",
      ratio: rtf,
      target: "≥ 100x",
      ok: rtf >= 100,
      samples: wallFactors.length,
      note: `${ticks} ticks a run; machine load average ${loadAverage()}`,
    },
    {
      suite: "simulator",
      name: "real-time factor, same runs (CPU time of this process)",
      median: median(cpuFactors),
      unit: "sim s / CPU s",
      ratio: median(cpuFactors),
      samples: cpuFactors.length,
      note: "less sensitive to other processes on the machine than wall time",
    },
    {
      suite: "simulator",
      name: "world build time (reference arena, 20 items)",
      median: median(build),
      unit: "ms",
      samples: build.length,
    },
    {
      suite: "simulator",
      name: "peak RSS of the benchmark process (runs + TypeScript compiler + QuickJS)",
      median: peakMb,
      unit: "MB",
      target: "≤ 300 MB",
      ok: peakMb <= 300,
      note: "includes the TypeScript compiler (~85 MB in plain Node, more under tsx) and tsx itself",
    },
    {
      suite: "simulator",
      name: "peak RSS added by the runs (peak minus RSS once everything is loaded)",
      median: simulationMb,
      unit: "MB",
      note: `RSS once loaded: ${rssBefore.toFixed(0)} MB`,
    },
  ];
}

function loadAverage(): string {
  return loadavg()[0]!.toFixed(1);
}
