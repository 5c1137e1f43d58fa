/**
 * Grading benchmark: a class of 30 programs × 3 seeds on the flagship level (trieur-5-finale),
 * graded with 2 worker threads, as `robotyc grade --jobs 2` does: with the built grader (dist/node/,
 * its built worker threads and its compile cache), built first. Wall time (median of 3 gradings,
 * each with an empty compile cache: a class graded the first time), CPU time, one grading again
 * with the cache warm (the same class graded again), and the real-time factor of each run
 * (simulated seconds per wall second, median).
 * The class is a realistic mix: full solutions, partial ones, simple movers, wanderers that run
 * until the time limit, and broken programs.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FLAGSHIP_ID, solutionFile } from "../challenges/node.ts";
import type { GradeOptions, GradeReport } from "../challenges/node.ts";
import { median, type BenchRow } from "./harness.ts";

const SEEDS = [1, 2, 3];
const JOBS = 2;

/** The class's programs by file name. */
export function classPrograms(): Record<string, string> {
  const reference = readFileSync(solutionFile(FLAGSHIP_ID), "utf8");
  const programs: Record<string, string> = {};
  // 6 full solutions, at different speeds.
  [100, 100, 95, 90, 85, 80].forEach((speed, n) => {
    programs[`full-${n + 1}.ts`] = reference.replace(
      "robot.setSpeed(100);",
      `robot.setSpeed(${speed});`,
    );
  });
  // 10 partial solutions: they sort the first k items, then stop.
  for (let k = 1; k <= 10; k++) {
    programs[`partial-${k}.ts`] = reference.replace(
      "for (let n = 0; n < 12; n++) {",
      `for (let n = 0; n < ${k}; n++) {`,
    );
  }
  // 8 simple movers.
  for (let k = 1; k <= 8; k++) {
    programs[`mover-${k}.ts`] =
      `robot.setSpeed(${40 + 5 * k});\nawait robot.forward(${10 * k});\nawait robot.turnLeft(90);\n` +
      `await robot.forward(${5 * k});\nprint("distance", robot.distance());\n`;
  }
  // 3 wanderers: they never end by themselves (timeout at the time limit).
  for (let k = 1; k <= 3; k++) {
    programs[`wander-${k}.ts`] =
      `while (true) {\n  await robot.forward(${20 + 10 * k});\n  await robot.turnRight(${60 + 30 * k});\n}\n`;
  }
  // 3 broken programs.
  programs["broken-syntax.ts"] = "await robot.forward(\n";
  programs["broken-throws.ts"] = "await robot.forward(10);\nthrow new Error('oops');\n";
  programs["broken-loop.ts"] = "let n = 0;\nwhile (true) { n++; }\n";
  return programs;
}

export function writeClass(dir: string): number {
  const programs = classPrograms();
  for (const [name, text] of Object.entries(programs)) writeFileSync(join(dir, name), text);
  return Object.keys(programs).length;
}

type Grader = (options: GradeOptions) => Promise<GradeReport>;

/** `gradeFolder` of a checkout's built command (what `robotyc grade` runs), built from its sources. */
async function builtGrader(root: string): Promise<Grader> {
  execFileSync(process.execPath, [join(root, "cli", "build.mjs")], { stdio: "ignore" });
  const work = (await import(join(root, "dist", "node", "cli", "work", "grade.js"))) as {
    gradeFolder: Grader;
  };
  return work.gradeFolder;
}

/**
 * Before and after in one run: `ROBOTYC_BENCH_BEFORE=<dir>`, a checkout of an older commit (see
 * cli.bench.ts), whose built grader grades the same class right after each grading of this one.
 */
const BEFORE = process.env.ROBOTYC_BENCH_BEFORE;

export default async function bench(): Promise<BenchRow[]> {
  const gradeFolder = await builtGrader(fileURLToPath(new URL("..", import.meta.url)));
  const older = BEFORE ? await builtGrader(BEFORE) : undefined;
  const dir = mkdtempSync(join(tmpdir(), "robotyc-bench-class-"));
  const folder = join(dir, "class");
  const cacheBefore = process.env.ROBOTYC_COMPILE_CACHE;
  try {
    mkdirSync(folder);
    const count = writeClass(folder);
    const walls: number[] = [];
    const cpus: number[] = [];
    const factors: number[] = [];
    const loads: number[] = [];
    const olderWalls: number[] = [];
    const olderCpus: number[] = [];
    let simSeconds = 0;
    const grade = async (grader: Grader = gradeFolder) => {
      const start = performance.now();
      const cpu0 = process.cpuUsage();
      const report = await grader({
        folder,
        challenge: FLAGSHIP_ID,
        seeds: SEEDS,
        jobs: JOBS,
        locale: "en",
      });
      const cpu = process.cpuUsage(cpu0);
      return {
        report,
        wall: (performance.now() - start) / 1000,
        cpu: (cpu.user + cpu.system) / 1e6,
      };
    };
    for (let i = 0; i < 3; i++) {
      // An empty compile cache: the class is graded for the first time.
      process.env.ROBOTYC_COMPILE_CACHE = join(dir, `cache-${i}`);
      const { report, wall, cpu } = await grade();
      walls.push(wall);
      cpus.push(cpu);
      loads.push(loadavg()[0]!);
      simSeconds = report.runs.reduce((sum, r) => sum + r.simTime, 0);
      for (const run of report.runs) {
        if (run.simTime > 0) factors.push(run.simTime / (run.wallMs / 1000));
      }
      if (older) {
        process.env.ROBOTYC_COMPILE_CACHE = join(dir, `older-cache-${i}`);
        const before = await grade(older);
        olderWalls.push(before.wall);
        olderCpus.push(before.cpu);
      }
    }
    // The same class again, its programs in the compile cache of the last grading.
    const again = await grade();
    const wall = median(walls);
    return [
      {
        suite: "challenges",
        name: `grade ${count} programs x ${SEEDS.length} seeds, ${FLAGSHIP_ID}, --jobs ${JOBS}`,
        median: wall,
        unit: "s",
        target: "≤ 15 s",
        ok: wall <= 15,
        samples: walls.length,
        ...(older ? { ratio: median(olderWalls) / wall } : {}),
        note:
          `${simSeconds.toFixed(0)} simulated s per grading; each with an empty compile cache; load average ${median(loads).toFixed(1)} (2 cores)` +
          (older
            ? `; before: ${median(olderWalls).toFixed(1)} s, CPU ${median(olderCpus).toFixed(1)} s (ratio = before / now)`
            : ""),
      },
      {
        suite: "challenges",
        name: "the same class graded again (its programs in the compile cache)",
        median: again.wall,
        unit: "s",
        samples: 1,
        note: `CPU ${again.cpu.toFixed(1)} s`,
      },
      {
        suite: "challenges",
        name: "CPU time of one grading (all threads of the process)",
        median: median(cpus),
        unit: "s",
        samples: cpus.length,
        note: "less sensitive than wall time to other processes on the machine; 2 cores here",
      },
      {
        suite: "challenges",
        name: "real-time factor per run (simulated s / wall s)",
        median: median(factors),
        unit: "x",
        samples: factors.length,
      },
      {
        suite: "challenges",
        name: "grading throughput (simulated s / wall s, 2 workers)",
        median: simSeconds / wall,
        unit: "x",
        samples: walls.length,
      },
    ];
  } finally {
    if (cacheBefore === undefined) delete process.env.ROBOTYC_COMPILE_CACHE;
    else process.env.ROBOTYC_COMPILE_CACHE = cacheBefore;
    rmSync(dir, { recursive: true, force: true });
  }
}
