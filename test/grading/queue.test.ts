/**
 * A final graded across machines, on this one: Debian's redis-server on a free loopback port,
 * two `robotyc worker --queue` processes, `gradeFolder` with `queue`. One worker is killed with
 * SIGKILL as it starts a job: its job goes to the other worker, every result arrives once, and
 * the results equal a local grade bit for bit. Graded again with no worker left, the kept
 * results answer at once (a job is keyed by program hash, challenge version and seed).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  gradeFolder,
  localGrader,
  QUEUE_NAME,
  queueGrader,
  solutionFile,
  writeResults,
  type GradeReport,
} from "../../challenges/node.ts";
import { call, startTestClass } from "../../classroom/testing.ts";
import { main } from "../../cli/main.ts";
import { startRedis, type TestRedis } from "../redis.ts";

const CLI = fileURLToPath(new URL("../../cli/robotyc.mjs", import.meta.url));
const CHALLENGE = "trieur-2-pousser";
const SEEDS = [1, 2];

let redis: TestRedis;
const children: ChildProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await redis?.stop();
});

function classFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "robotyc-queue-"));
  copyFileSync(solutionFile(CHALLENGE), join(dir, "alice.ts"));
  writeFileSync(join(dir, "bob.ts"), "await robot.forward(\n");
  writeFileSync(
    join(dir, "chloe.ts"),
    "robot.setSpeed(80);\nawait robot.forward(95);\nthrow new Error('oups');\n",
  );
  writeFileSync(
    join(dir, "dan.ts"),
    "while (true) {\n  await robot.forward(30);\n  await robot.turnRight(120);\n}\n",
  );
  writeFileSync(
    join(dir, "eve.ts"),
    "robot.setSpeed(60);\nawait robot.forward(40);\nawait robot.turnLeft(45);\nawait robot.forward(30);\n",
  );
  return dir;
}

/** The class graded on this machine, once for the whole file: what the queue must equal. */
let localGrade: ReturnType<typeof gradeFolder> | undefined;
const gradedLocally = (folder: string) =>
  (localGrade ??= gradeFolder({
    folder,
    challenge: CHALLENGE,
    seeds: SEEDS,
    jobs: 2,
    locale: "fr",
  }));

/** A `robotyc worker --json` process; resolves once it is ready, with its events so far and to come. */
function startWorker(): Promise<{
  child: ChildProcess;
  events: Record<string, unknown>[];
  on: (f: (e: Record<string, unknown>) => void) => void;
}> {
  const child = spawn(
    process.execPath,
    [CLI, "worker", "--queue", redis.url, "--jobs", "1", "--json"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  children.push(child);
  const events: Record<string, unknown>[] = [];
  const listeners: ((e: Record<string, unknown>) => void)[] = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const event = JSON.parse(line) as Record<string, unknown>;
      events.push(event);
      for (const f of listeners) f(event);
      if (event.type === "ready") resolve({ child, events, on: (f) => listeners.push(f) });
    });
    child.once("exit", (code) => reject(new Error(`robotyc worker exited (${code})`)));
  });
}

describe("grading on a shared queue (BullMQ on Redis)", () => {
  it("two workers, one killed mid-job: every result arrives once and equals the local grade", async () => {
    const folder = classFolder();
    const local = await gradedLocally(folder);

    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    let killed: string | undefined;
    const killOnStart = (worker: typeof a) =>
      worker.on((event) => {
        if (event.type === "started" && killed === undefined) {
          killed = String(event.job);
          worker.child.kill("SIGKILL");
        }
      });
    killOnStart(a);
    const progress: number[] = [];
    const queued = await gradeFolder({
      folder,
      challenge: CHALLENGE,
      seeds: SEEDS,
      jobs: 1,
      locale: "fr",
      queue: redis.url,
      onProgress: (done) => progress.push(done),
    });
    expect(killed).toBeDefined();
    expect(a.child.signalCode).toBe("SIGKILL");

    // Bit for bit: the same rows, and the same final state of every run.
    expect(queued.rows).toEqual(local.rows);
    const exactly = (r: GradeReport["runs"][number]) => [
      r.program,
      r.seed,
      r.score,
      r.outcome,
      r.simTime,
      r.stateHash ?? null,
      r.error ?? null,
    ];
    expect(queued.runs.map(exactly)).toEqual(local.runs.map(exactly));
    expect(progress).toEqual(local.runs.map((_, n) => n + 1));
    // The killed worker's job was graded by the other one; each job was completed once.
    const doneByB = b.events.filter((e) => e.type === "done").map((e) => String(e.job));
    expect(doneByB).toContain(killed);
    expect(a.events.filter((e) => e.type === "done")).toEqual([]);
    expect(new Set(doneByB).size).toBe(doneByB.length);
    expect(doneByB).toHaveLength(local.runs.length);
    const queue = new Queue(QUEUE_NAME, { connection: { url: redis.url } });
    expect(await queue.getJobCounts("completed", "failed", "waiting", "active")).toEqual({
      completed: local.runs.length,
      failed: 0,
      waiting: 0,
      active: 0,
    });
    await queue.close();

    // No worker left: the same grading again is answered by the kept results.
    b.child.kill("SIGKILL");
    const out = join(folder, "..", `${folder.split("/").pop()}-queue.csv`);
    const lines: string[] = [];
    const code = await main(
      [
        "grade",
        folder,
        "--challenge",
        CHALLENGE,
        "--seeds",
        "1,2",
        "--queue",
        redis.url,
        "--out",
        out,
      ],
      {
        locale: "fr",
        out: (t) => lines.push(t),
        err: (t) => lines.push(t),
      },
    );
    expect(code).toBe(0);
    // The file a local `robotyc grade --out x.csv` writes from the local rows, byte for byte.
    const localOut = join(folder, "..", `${folder.split("/").pop()}-local.csv`);
    writeResults(localOut, local.rows, SEEDS, "fr");
    expect(readFileSync(out)).toEqual(readFileSync(localOut));
  }, 300_000);

  it("says clearly when the queue cannot be reached or its address is wrong", async () => {
    const errors: string[] = [];
    const io = { locale: "fr" as const, out: () => undefined, err: (t: string) => errors.push(t) };
    const folder = classFolder();
    expect(await main(["grade", folder, "--challenge", CHALLENGE, "--queue", "http://x"], io)).toBe(
      2,
    );
    expect(errors.at(-1)).toContain("Adresse de file invalide");
    expect(
      await main(["grade", folder, "--challenge", CHALLENGE, "--queue", "redis://127.0.0.1:9"], io),
    ).toBe(2);
    expect(errors.at(-1)).toContain("Impossible de joindre la file de notation");
    expect(await main(["worker", "--queue", "redis://127.0.0.1:9"], io)).toBe(2);
    expect(errors.at(-1)).toContain("Impossible de joindre la file de notation");
  }, 60_000);
});

describe("a classroom graded on the queue", () => {
  it("spreads a room's grading over `robotyc worker`s; scores and replays are the local ones", async () => {
    const worker = await startWorker();
    const cls = await startTestClass({
      challenge: CHALLENGE,
      seeds: SEEDS,
      grader: await queueGrader(redis.url),
      replays: () => localGrader(1),
    });
    try {
      await call(cls.url, "/api/session/start", { method: "POST", token: cls.teacher });
      const folder = classFolder();
      const names = ["alice.ts", "chloe.ts", "eve.ts"];
      const local = await gradedLocally(folder);
      const ids: number[] = [];
      for (const name of names) {
        const pupil = await call<{ token: string }>(cls.url, "/api/join", {
          body: { code: cls.code, name: name.replace(".ts", "") },
        });
        const sent = await call<{ id: number }>(cls.url, "/api/submissions", {
          token: pupil.data.token,
          body: { source: readFileSync(join(folder, name), "utf8") },
        });
        expect(sent.status).toBe(201);
        ids.push(sent.data.id);
      }
      await cls.classroom.idle();
      for (const [n, id] of ids.entries()) {
        const s = await call<{ perSeed: { score: number }[]; score: number }>(
          cls.url,
          `/api/submissions/${id}`,
          {
            token: cls.teacher,
          },
        );
        const row = local.rows.find((r) => r.program === names[n])!;
        expect(s.data.perSeed.map((p) => p.score)).toEqual(row.scores);
      }
      expect(worker.events.filter((e) => e.type === "done").length).toBeGreaterThan(0);
      const replay = await call(cls.url, `/api/submissions/${ids[0]}/replay?seed=1`, {
        token: cls.teacher,
      });
      expect(replay.status).toBe(200);
      expect(replay.headers.get("x-robotyc-same-score")).toBe("true");
    } finally {
      await cls.close();
      worker.child.kill("SIGKILL");
    }
  }, 300_000);
});
