/**
 * Classroom benchmarks, on the final level (trieur-5-finale, 3 seeds):
 * - a class of 30 pupils (real HTTP and WebSocket clients on loopback) sends 3 programs each, as
 *   fast as the rules allow (one submission per pupil every 5 s: the whole class in ~10 s, the
 *   worst case of a rush at the end): time from the last submission to the final scoreboard on
 *   every pupil's feed, with the server grading on 2 threads;
 * - scoreboard update latency: from a submission's result being stored to the new scoreboard
 *   arriving on each pupil's feed;
 * - a grading of the 30-program class on the queue (BullMQ on Debian's redis-server) with two
 *   local `robotyc worker --jobs 1` processes, against the local pool (`--jobs 2`).
 * Every submission is a different program (a pupil's drafts, then their final one), so no result
 * is shared: the server simulates all 270 runs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { FLAGSHIP_ID, gradeFolder } from "../challenges/node.ts";
import { call, LiveFeed, startTestClass } from "../classroom/testing.ts";
import { startRedis } from "../test/redis.ts";
import { classPrograms } from "./challenges.bench.ts";
import { median, type BenchRow } from "./harness.ts";

const SEEDS = [1, 2, 3];
const PUPILS = 30;
const CLI = fileURLToPath(new URL("../cli/robotyc.mjs", import.meta.url));

const load = () => loadavg()[0]!.toFixed(1);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

/** Pupil i's three submissions: a first mover, a partial sort, then their final program. */
function submissionsOf(i: number, programs: Record<string, string>): string[] {
  const final = Object.keys(programs).sort()[i]!;
  const drafts = [`mover-${(i % 8) + 1}.ts`, `partial-${(i % 10) + 1}.ts`];
  return [...drafts, final].map(
    (name, k) => `// élève ${i + 1}, essai ${k + 1}\n${programs[name]}`,
  );
}

async function classSession(): Promise<BenchRow[]> {
  const programs = classPrograms();
  const loadBefore = load();
  const cls = await startTestClass({ challenge: FLAGSHIP_ID, seeds: SEEDS, threads: 2 });
  try {
    const { url, code, teacher } = cls;
    const joined = await Promise.all(
      Array.from({ length: PUPILS }, (_, i) =>
        call<{ token: string }>(url, "/api/join", { body: { code, name: `Élève ${i + 1}` } }),
      ),
    );
    const tokens = joined.map((r) => r.data.token);
    const feeds = await Promise.all(tokens.map((t) => LiveFeed.open(url, t)));
    await call(url, "/api/session/start", { method: "POST", token: teacher });
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    let lastAccepted = 0;
    for (let round = 0; round < 3; round++) {
      if (round > 0) await new Promise((r) => setTimeout(r, 5100));
      const replies = await Promise.all(
        tokens.map((token, i) =>
          call(url, "/api/submissions", {
            token,
            body: { source: submissionsOf(i, programs)[round] },
          }),
        ),
      );
      if (replies.some((r) => r.status !== 201)) throw new Error("a submission was refused");
      lastAccepted = Date.now();
    }
    await cls.classroom.idle();
    // The final scoreboard: the one sent after the last result; when did every pupil have it?
    const lastGraded = Math.max(...cls.classroom.submissions().map((s) => s.gradedAt ?? 0));
    const arrivals = await Promise.all(
      feeds.map(async (feed) => {
        const m = await feed.next((x) => x.type === "scoreboard" && x.gradedAt === lastGraded);
        return m.receivedAt as number;
      }),
    );
    const toFinal = (Math.max(...arrivals) - lastAccepted) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const wall = (performance.now() - wall0) / 1000;
    const latencies = feeds.flatMap((feed) =>
      feed.messages
        .filter((m) => m.type === "scoreboard" && typeof m.gradedAt === "number")
        .map((m) => m.receivedAt - (m.gradedAt as number)),
    );
    const simSeconds = cls.classroom
      .submissions()
      .reduce((sum, s) => sum + (s.runs ?? []).reduce((a, r) => a + r.simTime, 0), 0);
    for (const feed of feeds) feed.close();
    const note = `load average ${loadBefore} before, ${load()} after; ${simSeconds.toFixed(0)} simulated s in ${PUPILS * 3} submissions x ${SEEDS.length} seeds`;
    return [
      {
        suite: "classroom",
        name: `${PUPILS} pupils x 3 submissions x ${SEEDS.length} seeds, ${FLAGSHIP_ID}: last submission -> final scoreboard`,
        median: toFinal,
        unit: "s",
        target: "≤ 60 s",
        ok: toFinal <= 60,
        samples: 1,
        note,
      },
      {
        suite: "classroom",
        name: "the same session: CPU time of the server process (all threads), first submission -> final scoreboard",
        median: (cpu.user + cpu.system) / 1e6,
        unit: "s",
        samples: 1,
        note: `${wall.toFixed(1)} s wall; 2 cores`,
      },
      {
        suite: "classroom",
        name: "scoreboard update latency: result stored -> new scoreboard on a pupil's feed (median)",
        median: median(latencies),
        unit: "ms",
        target: "≤ 1000 ms",
        ok: percentile(latencies, 0.95) <= 1000,
        samples: latencies.length,
        note: `p95 ${percentile(latencies, 0.95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms, ${PUPILS} feeds`,
      },
    ];
  } finally {
    await cls.close();
  }
}

/** A `robotyc worker --json` process, resolved once ready. */
function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, "worker", "--queue", url, "--jobs", "1", "--json"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if ((JSON.parse(line) as { type: string }).type === "ready") resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`robotyc worker exited (${code})`)));
  });
}

async function queueAgainstLocal(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "robotyc-bench-queue-"));
  for (const [name, text] of Object.entries(classPrograms())) writeFileSync(join(dir, name), text);
  const redis = await startRedis();
  const workers: ChildProcess[] = [];
  try {
    workers.push(await startWorker(redis.url), await startWorker(redis.url));
    const flush = new Redis(redis.url);
    const options = {
      folder: dir,
      challenge: FLAGSHIP_ID,
      seeds: SEEDS,
      jobs: 2,
      locale: "en" as const,
    };
    const local: number[] = [];
    const queued: number[] = [];
    let simSeconds = 0;
    for (let i = 0; i < 2; i++) {
      let start = performance.now();
      const report = await gradeFolder(options);
      local.push((performance.now() - start) / 1000);
      simSeconds = report.runs.reduce((sum, r) => sum + r.simTime, 0);
      // Nothing kept from the last grading: every job is simulated again.
      await flush.flushall();
      start = performance.now();
      await gradeFolder({ ...options, queue: redis.url });
      queued.push((performance.now() - start) / 1000);
    }
    flush.disconnect();
    const ratio = median(local) / median(queued);
    return [
      {
        suite: "classroom",
        name: `grade 30 programs x ${SEEDS.length} seeds, ${FLAGSHIP_ID}: local pool, --jobs 2`,
        median: median(local),
        unit: "s",
        samples: local.length,
        note: `${simSeconds.toFixed(0)} simulated s per grading; load average ${load()}`,
      },
      {
        suite: "classroom",
        name: "the same on the queue (BullMQ on redis-server), two robotyc worker --jobs 1 processes",
        median: median(queued),
        unit: "s",
        ratio,
        samples: queued.length,
        note: "ratio = queue throughput / local pool throughput (workers already running)",
      },
    ];
  } finally {
    for (const w of workers) w.kill("SIGTERM");
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<BenchRow[]> {
  return [...(await classSession()), ...(await queueAgainstLocal())];
}
