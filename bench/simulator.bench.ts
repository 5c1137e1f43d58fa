/**
 * Simulator benchmark: real-time factor of a 180 s run in the reference arena (20 items) with a
 * pupil program that keeps moving and reading sensors (median of 5 after one warm-up run), world
 * build time, and peak memory. `npm run bench -- simulator`.
 *
 * The program is compiled here; the runs happen in a separate simulation host process
 * (`simulator-host.ts`) set up as the CLI and the grader's workers are: it never loads the
 * TypeScript compiler, and its heap is capped at SIMULATION_HEAP_MB. So the memory figure is the
 * simulator's, not the editor's.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SIMULATION_HEAP_MB } from "../challenges/node.ts";
import { compile } from "../runtime/index.ts";
import type { BenchRow } from "./harness.ts";
import { median } from "./harness.ts";
import type { HostReport } from "./simulator-host.ts";

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

export default async function simulatorBench(): Promise<BenchRow[]> {
  const compiled = compile(BENCH_PROGRAM, { locale: "en" });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join("; "));
  const dir = mkdtempSync(join(tmpdir(), "robotyc-bench-sim-"));
  let host: HostReport;
  try {
    const programFile = join(dir, "program.json");
    writeFileSync(programFile, JSON.stringify(compiled.program));
    const stdout = execFileSync(
      process.execPath,
      [
        `--max-old-space-size=${SIMULATION_HEAP_MB}`,
        "--import",
        import.meta.resolve("tsx"),
        fileURLToPath(new URL("./simulator-host.ts", import.meta.url)),
        programFile,
      ],
      { encoding: "utf8", maxBuffer: 16 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] },
    );
    host = JSON.parse(stdout.trim().split("\n").pop()!) as HostReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (host.typescriptLoaded) throw new Error("the simulation host loaded the TypeScript compiler");

  const rtf = median(host.wallFactors);
  const peak = host.peakRss;
  return [
    {
      suite: "simulator",
      name: `real-time factor, ${host.seconds} s run, 20 items, busy program (wall clock)`,
      median: rtf,
      unit: "sim s / wall s",
      ratio: rtf,
      target: "≥ 100x",
      ok: rtf >= 100,
      samples: host.wallFactors.length,
      note: `${host.ticks} ticks a run; machine load average ${loadavg()[0]!.toFixed(1)}`,
    },
    {
      suite: "simulator",
      name: "real-time factor, same runs (CPU time of the simulation host)",
      median: median(host.cpuFactors),
      unit: "sim s / CPU s",
      ratio: median(host.cpuFactors),
      samples: host.cpuFactors.length,
      note: "less sensitive to other processes on the machine than wall time",
    },
    {
      suite: "simulator",
      name: "world build time (reference arena, 20 items)",
      median: median(host.buildMs),
      unit: "ms",
      samples: host.buildMs.length,
    },
    {
      suite: "simulator",
      name: "peak RSS of the simulation host (6 runs of 180 s; no compiler)",
      median: peak,
      unit: "MB",
      target: "≤ 300 MB",
      ok: peak <= 300,
      note: `heap capped at ${host.heapLimitMb.toFixed(0)} MB; RSS once loaded, before any run: ${host.rssLoaded.toFixed(0)} MB`,
    },
  ];
}
