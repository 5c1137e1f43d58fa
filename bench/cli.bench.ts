/**
 * Whole-process benchmarks of the built `robotyc` command: each figure is a fresh process (median
 * of 5), as a teacher or a grading script starts it, beside the in-process figure of the same
 * work. `npm run bench -- cli`.
 *
 * Wall time is what a person waits; CPU time (user + system, every thread) is printed beside it,
 * since ~8 people share this machine's 2 cores and wall time follows their load. The ratio of the
 * busy run is in-process RTF / whole-process RTF: how much of a run start-up takes.
 *
 * Before and after in one run: `ROBOTYC_BENCH_BEFORE=<dir> npm run bench -- cli`, <dir> being a
 * checkout of an older commit with its node_modules (`git archive <commit> | tar -x -C <dir>`,
 * then `npm ci` there or a link to this node_modules). Each sample of the older command is taken
 * right after the same sample of this one, so both see the same load; the ratio column is then
 * older / this one, and the note gives the older figures.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FLAGSHIP_ID } from "../challenges/index.ts";
import { median, type BenchRow } from "./harness.ts";
import { BENCH_PROGRAM } from "./simulator.bench.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BEFORE = process.env.ROBOTYC_BENCH_BEFORE;
const USAGE = fileURLToPath(new URL("./report-usage.mjs", import.meta.url));
const RUNS = 5;

interface Sample {
  wall: number;
  cpu: number;
  rss: number;
  stdout: string;
}

function once(args: string[], env: Record<string, string>, dir: string, root = ROOT): Sample {
  const usageFile = join(dir, "usage.json");
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    ["--import", USAGE, join(root, "cli", "robotyc.mjs"), ...args],
    {
      cwd: root,
      env: { ...process.env, ROBOTYC_LANG: "en", ROBOTYC_USAGE_FILE: usageFile, ...env },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`robotyc ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, "utf8")) as {
    cpuSeconds: number;
    peakRssMb: number;
  };
  return { wall, cpu: usage.cpuSeconds, rss: usage.peakRssMb, stdout: r.stdout };
}

interface Samples {
  now: Sample[];
  /** The same command of the older checkout (ROBOTYC_BENCH_BEFORE), each right after ours. */
  before?: Sample[];
}

function samples(args: string[], env: Record<string, string>, dir: string): Samples {
  const now: Sample[] = [];
  const before: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    now.push(once(args, env, dir));
    if (BEFORE) before.push(once(args, env, dir, BEFORE));
  }
  return BEFORE ? { now, before } : { now };
}

const wallOf = (s: Sample[]) => median(s.map((x) => x.wall));
const cpuOf = (s: Sample[]) => median(s.map((x) => x.cpu));
const rssOf = (s: Sample[]) => Math.max(...s.map((x) => x.rss));

const figures = (s: Sample[]) =>
  `wall ${wallOf(s).toFixed(2)} s, CPU ${cpuOf(s).toFixed(2)} s, peak RSS ${rssOf(s).toFixed(0)} MB`;

function timeRows(what: string, { now, before }: Samples, target: number): BenchRow[] {
  const wall = wallOf(now);
  return [
    {
      suite: "cli",
      name: `${what} (wall, separate processes)`,
      median: wall,
      unit: "s",
      ...(before ? { ratio: wallOf(before) / wall } : {}),
      target: `≤ ${target} s`,
      ok: wall <= target,
      samples: now.length,
      note:
        `CPU ${cpuOf(now).toFixed(2)} s; peak RSS ${rssOf(now).toFixed(0)} MB; load average ${loadavg()[0]!.toFixed(1)}` +
        (before ? `; before: ${figures(before)} (ratio = before / now, wall)` : ""),
    },
  ];
}

export default async function cliBench(): Promise<BenchRow[]> {
  // The command as `npm install` leaves it: built from the sources now.
  execFileSync(process.execPath, [join(ROOT, "cli", "build.mjs")], { stdio: "ignore" });
  const dir = mkdtempSync(join(tmpdir(), "robotyc-bench-cli-"));
  try {
    const noop = join(dir, "noop.ts");
    writeFileSync(noop, 'print("bonjour");\n');
    const busy = join(dir, "busy.ts");
    writeFileSync(busy, BENCH_PROGRAM);
    const off = { ROBOTYC_COMPILE_CACHE: "off" };
    const cached = { ROBOTYC_COMPILE_CACHE: join(dir, "compiled") };
    const rows: BenchRow[] = [];

    rows.push(...timeRows("robotyc --help", samples(["--help"], off, dir), 0.3));
    rows.push(...timeRows("robotyc challenges", samples(["challenges"], off, dir), 0.5));
    const noopArgs = ["run", noop, "--challenge", FLAGSHIP_ID];
    rows.push(
      ...timeRows(
        `robotyc run, a program that stops at once, ${FLAGSHIP_ID} (compiled each time)`,
        samples(noopArgs, off, dir),
        0.8,
      ),
    );
    once(noopArgs, cached, dir);
    rows.push(
      ...timeRows(`same, compiled before (compile cache)`, samples(noopArgs, cached, dir), 0.8),
    );

    const busyArgs = ["run", busy, "--challenge", FLAGSHIP_ID, "--json"];
    once(busyArgs, cached, dir);
    const { now: busyRuns, before: busyBefore } = samples(busyArgs, cached, dir);
    const simTime = (JSON.parse(busyRuns[0]!.stdout) as { simTime: number }).simTime;
    const whole = simTime / wallOf(busyRuns);
    const host = execFileSync(
      process.execPath,
      [fileURLToPath(new URL("./cli-host.mjs", import.meta.url)), busy, FLAGSHIP_ID, String(RUNS)],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...off } },
    );
    const inProcess = median(JSON.parse(host.trim().split("\n").pop()!) as number[]);
    rows.push(
      {
        suite: "cli",
        name: `robotyc run, busy program, ${FLAGSHIP_ID} (${simTime.toFixed(0)} s simulated): real-time factor of the whole process`,
        median: whole,
        unit: "sim s / wall s",
        ratio: inProcess / whole,
        target: "≥ 200x",
        ok: whole >= 200,
        samples: busyRuns.length,
        note:
          `ratio = in-process / whole-process; wall ${wallOf(busyRuns).toFixed(2)} s, CPU ${cpuOf(busyRuns).toFixed(2)} s (compiled before)` +
          (busyBefore
            ? `; before: real-time factor ${(simTime / wallOf(busyBefore)).toFixed(0)}x, ${figures(busyBefore)}`
            : ""),
      },
      {
        suite: "cli",
        name: "same program and challenge, in-process real-time factor (after a warm-up run)",
        median: inProcess,
        unit: "sim s / wall s",
        samples: RUNS,
      },
      {
        suite: "cli",
        name: `peak RSS of one robotyc run, busy program, ${FLAGSHIP_ID}`,
        median: rssOf(busyRuns),
        unit: "MB",
        target: "≤ 250 MB",
        ok: rssOf(busyRuns) <= 250,
        samples: busyRuns.length,
        note:
          "largest of the runs" +
          (busyBefore ? `; before: ${rssOf(busyBefore).toFixed(0)} MB` : ""),
      },
    );
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
