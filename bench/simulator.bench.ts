/**
 * Simulator benchmark, in-process: the real-time factor of a pupil program that keeps moving and
 * reading sensors, in the reference arena (180 s, 20 items) and on the final challenge (300 s,
 * the busy run), median of 5 after one warm-up run each; world build time; peak memory.
 * `npm run bench -- simulator`.
 *
 * The program is compiled here; the runs happen in a separate simulation host process
 * (`simulator-host.mjs`) set up as the CLI and the grader's workers are: it runs the built modules
 * (built here first, as `npm install` does), never loads the TypeScript compiler, and its heap is
 * capped at SIMULATION_HEAP_MB. So the memory figure is the simulator's, not the editor's nor a
 * TypeScript loader's.
 *
 * Before and after in one run: `ROBOTYC_BENCH_BEFORE=<dir> npm run bench -- simulator`, <dir>
 * being a checkout of an older commit with node_modules (`git archive <commit> | tar -x -C <dir>`,
 * then a link to this node_modules). A second host then runs that checkout's simulator, and the
 * two hosts take turns run by run, so both see the same load; the ratio column is then this one
 * over the older one, and the note gives the older figures and whether both gave the same trace
 * hashes (a change that is not meant to change the physics keeps them).
 */
import { execFileSync, spawn, type ChildProcessByStdio } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { SIMULATION_HEAP_MB } from "../challenges/node.ts";
import { compile } from "../runtime/index.ts";
import type { BenchRow } from "./harness.ts";
import { median } from "./harness.ts";

/** One run, as the simulation host (simulator-host.mjs) answers it. */
interface RunSample {
  /** Simulated seconds of the program (before settling). */
  simTime: number;
  ticks: number;
  wall: number;
  /** CPU seconds of the whole process over the run (V8's background threads included). */
  cpu: number;
  hash: string;
  /** The host's memory right after the run (MB): what a run leaves behind shows as growth. */
  memory: { rss: number; heapUsed: number; external: number };
}

/** The simulation host's memory, as it answers `end`. */
interface MemoryReport {
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

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const RUNS = 5;
/** Simulated seconds of a run in the reference arena. */
const REFERENCE_SECONDS = 180;
const BEFORE = process.env.ROBOTYC_BENCH_BEFORE;

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

/** A simulation host process, asked one command at a time. */
class Host {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly lines: AsyncIterator<string>;

  constructor(programFile: string, checkout?: string) {
    // A checkout built before the host's entries were (see simulator-host.mjs): its sources.
    const built = existsSync(join(checkout ?? ROOT, "dist", "node", "simulator", "index.js"));
    this.child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${SIMULATION_HEAP_MB}`,
        ...(built ? [] : ["--import", import.meta.resolve("tsx")]),
        fileURLToPath(new URL("./simulator-host.mjs", import.meta.url)),
        programFile,
        ...(checkout ? [checkout] : []),
      ],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  async ask<T>(command: string): Promise<T> {
    this.child.stdin.write(command + "\n");
    const next = await this.lines.next();
    if (next.done) throw new Error(`the simulation host ended before answering "${command}"`);
    return JSON.parse(next.value) as T;
  }
}

interface Figures {
  reference: RunSample[];
  final: RunSample[];
  buildMs: number[];
  memory: MemoryReport;
}

const wallFactor = (runs: RunSample[]) => median(runs.map((r) => r.simTime / r.wall));
const cpuFactor = (runs: RunSample[]) => median(runs.map((r) => r.simTime / r.cpu));

export default async function simulatorBench(): Promise<BenchRow[]> {
  // The modules the host runs, as `npm install` leaves them: built from the sources now.
  execFileSync(process.execPath, [join(ROOT, "cli", "build.mjs")], { stdio: "ignore" });
  const compiled = compile(BENCH_PROGRAM, { locale: "en" });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join("; "));
  const dir = mkdtempSync(join(tmpdir(), "robotyc-bench-sim-"));
  const loadStart = loadavg()[0]!;
  let now: Figures;
  let before: Figures | undefined;
  try {
    const programFile = join(dir, "program.json");
    writeFileSync(programFile, JSON.stringify(compiled.program));
    const hosts = [new Host(programFile), ...(BEFORE ? [new Host(programFile, BEFORE)] : [])];
    const figures: Figures[] = hosts.map(() => ({
      reference: [],
      final: [],
      buildMs: [],
      memory: undefined as unknown as MemoryReport,
    }));
    // Warm-up: the first run pays for compiling the engines' wasm.
    for (const host of hosts) await host.ask(`reference 1 ${REFERENCE_SECONDS}`);
    for (const host of hosts) await host.ask("final 1");
    for (let run = 0; run < RUNS; run++) {
      for (const [i, host] of hosts.entries()) {
        figures[i]!.reference.push(
          await host.ask<RunSample>(`reference ${run + 2} ${REFERENCE_SECONDS}`),
        );
      }
      for (const [i, host] of hosts.entries()) {
        figures[i]!.final.push(await host.ask<RunSample>(`final ${run + 1}`));
      }
    }
    for (const [i, host] of hosts.entries()) {
      figures[i]!.buildMs = (await host.ask<{ buildMs: number[] }>("build")).buildMs;
      figures[i]!.memory = await host.ask<MemoryReport>("end");
    }
    [now, before] = figures as [Figures, Figures | undefined];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (now.memory.typescriptLoaded) {
    throw new Error("the simulation host loaded the TypeScript compiler");
  }
  // Other hashes: the older checkout has other physics (a change the golden traces record, in
  // challenges/pack/golden-traces.json); the figures still compare the same program and seeds.
  const samePhysics = !before || now.final.every((r, i) => r.hash === before.final[i]!.hash);
  const load = `machine load average ${loadStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`;
  const versus = (theirs: number | undefined, unit: string) =>
    theirs === undefined ? "" : `; before: ${theirs.toFixed(0)} ${unit}`;
  const speedup = (mine: number, theirs: number | undefined) =>
    theirs === undefined ? undefined : mine / theirs;

  const referenceWall = wallFactor(now.reference);
  const finalWall = wallFactor(now.final);
  const finalCpu = cpuFactor(now.final);
  const peak = now.memory.peakRss;
  const finalSeconds = now.final[0]!.simTime;
  return [
    {
      suite: "simulator",
      name: `real-time factor, ${REFERENCE_SECONDS} s run, 20 items, busy program (wall clock)`,
      median: referenceWall,
      unit: "sim s / wall s",
      ratio: speedup(referenceWall, before && wallFactor(before.reference)),
      target: "≥ 100x",
      ok: referenceWall >= 100,
      samples: now.reference.length,
      note:
        `${now.reference[0]!.ticks} ticks a run; ${load}` +
        versus(before && wallFactor(before.reference), "x"),
    },
    {
      suite: "simulator",
      name: "real-time factor, same runs (CPU time of the simulation host)",
      median: cpuFactor(now.reference),
      unit: "sim s / CPU s",
      ratio: speedup(cpuFactor(now.reference), before && cpuFactor(before.reference)),
      samples: now.reference.length,
      note:
        "less sensitive to other processes on the machine than wall time" +
        versus(before && cpuFactor(before.reference), "x"),
    },
    {
      suite: "simulator",
      name: `in-process real-time factor, busy program on the final (${finalSeconds.toFixed(0)} s simulated, wall clock)`,
      median: finalWall,
      unit: "sim s / wall s",
      ratio: speedup(finalWall, before && wallFactor(before.final)),
      target: "≥ 300x",
      ok: finalWall >= 300,
      samples: now.final.length,
      note:
        `per CPU second of the host: ${finalCpu.toFixed(0)}x` +
        (before
          ? `; before: ${wallFactor(before.final).toFixed(0)}x wall, ${cpuFactor(before.final).toFixed(0)}x per CPU second` +
            (samePhysics ? ", same trace hashes" : ", other trace hashes (other physics)")
          : "") +
        `; ${load}`,
    },
    {
      suite: "simulator",
      name: "world build time (reference arena, 20 items)",
      median: median(now.buildMs),
      unit: "ms",
      samples: now.buildMs.length,
    },
    {
      suite: "simulator",
      name: `peak RSS of the simulation host (${RUNS + 1} runs of ${REFERENCE_SECONDS} s and ${RUNS + 1} of the final; no compiler)`,
      median: peak,
      unit: "MB",
      target: "≤ 250 MB",
      ok: peak <= 250,
      note:
        `heap capped at ${now.memory.heapLimitMb.toFixed(0)} MB; RSS once loaded, before any run: ${now.memory.rssLoaded.toFixed(0)} MB` +
        versus(before?.memory.peakRss, "MB"),
    },
  ];
}
