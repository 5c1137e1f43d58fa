/**
 * Grading on a shared job queue (BullMQ on Redis), for a departmental final on many machines:
 * one machine enqueues a job per program × seed (`robotyc grade --queue`, or a classroom with
 * `--queue`), any number of `robotyc worker --queue` machines take them and run them on their own
 * grading threads, the same worker module as a local grade, so the results are the same bit for
 * bit.
 *
 * - A job's id is its job key (program hash, challenge version, seed, language): enqueueing it
 *   again is a no-op and its kept result is read back, so a job is graded once (idempotent).
 * - A program and a challenge travel once, under their hash, not once per job.
 * - A worker holds a job under a lock it renews while the run goes on; a worker that dies
 *   (SIGKILL, power cut) stops renewing, and another worker takes the job again: nothing is lost,
 *   and its result arrives once.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue, QueueEvents, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { LocalizedError, type Localized } from "../../i18n/index.ts";
import type { CompileResult, Locale } from "../../runtime/engine.ts";
import type { Challenge } from "../format/schema.ts";
import { resolveChallenge } from "../pack/files.node.ts";
import { challengeVersion } from "../runner.ts";
import { jobKey, localGrader, programHash, type Grader } from "./graders.ts";
import { failed, type GradeJob, type GradeJobResult } from "./job.ts";

export const QUEUE_NAME = "robotyc-grading";
const BLOBS = "robotyc:blob";
/** Programs, challenges and results are kept a week: long enough for any final. */
const KEEP_SECONDS = 7 * 24 * 3600;
/** A worker's hold on a job: renewed every half of it while the job runs. */
export const LOCK_MS = 10_000;
/** How often workers look for jobs whose worker died. */
export const STALLED_CHECK_MS = 5_000;

/** What a queued job carries: hashes of what it needs, fetched once per worker. */
interface QueueJobData {
  program: string;
  challenge: string;
  seed: number;
  locale: Locale;
  /** The program's file name, for messages. */
  name: string;
}

const MESSAGES = {
  badQueue: {
    fr: "Adresse de file invalide : « {url} » (attendu : redis://<hôte>:6379).",
    en: 'Invalid queue address: "{url}" (expected: redis://<host>:6379).',
  },
  unreachable: {
    fr: "Impossible de joindre la file de notation « {url} » : {detail}. Redis tourne-t-il sur cette machine, et son port est-il ouvert ?",
    en: 'Cannot reach the grading queue "{url}": {detail}. Is Redis running on that machine, and is its port open?',
  },
} satisfies Record<string, Localized>;

/** A Redis address a person typed: `redis://host:6379` or `rediss://…`. */
export function isQueueUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === "redis:" || u.protocol === "rediss:") && u.hostname !== "";
  } catch {
    return false;
  }
}

/** Refuses, with a clear message, an address that is no Redis address. */
export function checkQueueUrl(url: string): void {
  if (!isQueueUrl(url)) throw new LocalizedError(MESSAGES.badQueue, { url });
}

/**
 * A Redis connection that has answered once (or a clear error, within `timeoutMs`); later it
 * reconnects by itself, so a Redis restart during a final only pauses it.
 */
export async function connectRedis(url: string, timeoutMs = 5000): Promise<Redis> {
  checkQueueUrl(url);
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectTimeout: timeoutMs,
  });
  // Errors while reconnecting are retried; without a listener they would be printed.
  redis.on("error", () => undefined);
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs),
      ),
    ]);
    return redis;
  } catch (error) {
    redis.disconnect();
    const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new LocalizedError(MESSAGES.unreachable, { url, detail });
  }
}

const connection = (url: string) => ({ url, maxRetriesPerRequest: null });

/** Grades on the queue at `url`: each job waits for a worker somewhere to take it. */
export async function queueGrader(url: string): Promise<Grader> {
  const redis = await connectRedis(url);
  const queue = new Queue<QueueJobData, GradeJobResult>(QUEUE_NAME, {
    connection: connection(url),
  });
  const events = new QueueEvents(QUEUE_NAME, { connection: connection(url) });
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  const pending = new Map<
    string,
    { promise: Promise<GradeJobResult>; resolve: (r: GradeJobResult) => void; locale: Locale }
  >();
  const challenges = new Map<string, { challenge: Challenge; version: string }>();
  const sent = new Set<string>();

  const settle = (id: string, result: GradeJobResult) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    entry.resolve(result);
  };
  const failure = (id: string, reason: string) =>
    settle(id, failed(new Error(reason), pending.get(id)?.locale ?? "fr"));
  events.on("completed", ({ jobId, returnvalue }) => {
    settle(
      jobId,
      (typeof returnvalue === "string" ? JSON.parse(returnvalue) : returnvalue) as GradeJobResult,
    );
  });
  events.on("failed", ({ jobId, failedReason }) => failure(jobId, failedReason));

  /** A job already finished (graded before, or while we looked away) settles from its record. */
  const settleFinished = async (job: Job<QueueJobData, GradeJobResult> | undefined) => {
    if (!job) return;
    const state = await job.getState();
    if (state === "completed") settle(job.id!, job.returnvalue);
    else if (state === "failed") await job.retry();
  };
  // Events can be missed (a reconnection): now and then, look at the jobs still awaited.
  const sweep = setInterval(() => {
    for (const id of [...pending.keys()].slice(0, 200)) {
      void queue
        .getJob(id)
        .then(settleFinished)
        .catch(() => undefined);
    }
  }, 10_000);

  const upload = async (key: string, text: string) => {
    if (sent.has(key)) return;
    await redis.set(`${BLOBS}:${key}`, text, "EX", KEEP_SECONDS);
    sent.add(key);
  };

  return {
    async run(job: GradeJob): Promise<GradeJobResult> {
      // A replay is big and wanted at once: it is recorded on the asking machine.
      if (job.record) throw new Error("replays are recorded by local threads, not on the queue");
      let entry = challenges.get(job.challenge);
      if (!entry) {
        const challenge = resolveChallenge(job.challenge).challenge;
        entry = { challenge, version: challengeVersion(challenge) };
        challenges.set(job.challenge, entry);
      }
      const id = jobKey(job, entry.version);
      const waiting = pending.get(id);
      if (waiting) return waiting.promise;
      let resolve!: (r: GradeJobResult) => void;
      const promise = new Promise<GradeJobResult>((r) => (resolve = r));
      pending.set(id, { promise, resolve, locale: job.locale });
      try {
        const program = programHash(job.compiled);
        await upload(`challenge:${entry.version}`, JSON.stringify(entry.challenge));
        await upload(`program:${program}`, JSON.stringify(job.compiled));
        await queue.add(
          "grade",
          {
            program,
            challenge: entry.version,
            seed: job.seed,
            locale: job.locale,
            name: job.programPath.split(/[\\/]/).pop()!,
          },
          {
            jobId: id,
            removeOnComplete: { age: KEEP_SECONDS },
            removeOnFail: { age: 24 * 3600 },
          },
        );
        // Already graded (the same job in an earlier grading): its kept result settles it.
        await settleFinished(await queue.getJob(id));
      } catch (error) {
        pending.delete(id);
        throw error;
      }
      return promise;
    },
    async close() {
      clearInterval(sweep);
      await Promise.all([events.close(), queue.close()]);
      redis.disconnect();
    },
  };
}

export interface QueueWorkerEvent {
  type: "started" | "done";
  job: string;
  program: string;
  seed: number;
  score?: number;
  wallMs?: number;
}

export interface QueueWorker {
  /** Finishes the jobs in hand, then stops. */
  close(): Promise<void>;
}

/** Takes jobs from the queue at `url` and runs them on `threads` local grading threads. */
export async function startQueueWorker(options: {
  url: string;
  threads: number;
  onEvent?: (event: QueueWorkerEvent) => void;
}): Promise<QueueWorker> {
  const redis = await connectRedis(options.url);
  const grader = localGrader(options.threads);
  const folder = mkdtempSync(join(tmpdir(), "robotyc-worker-"));
  const programs = new Map<string, CompileResult>();
  const challengeFiles = new Map<string, string>();

  const blob = async (key: string): Promise<string> => {
    const text = await redis.get(`${BLOBS}:${key}`);
    if (text === null) throw new Error(`${key} is no longer on the queue`);
    return text;
  };
  const programOf = async (hash: string) => {
    let program = programs.get(hash);
    if (!program) {
      program = JSON.parse(await blob(`program:${hash}`)) as CompileResult;
      if (programs.size > 500) programs.delete(programs.keys().next().value!);
      programs.set(hash, program);
    }
    return program;
  };
  const challengeFileOf = async (version: string) => {
    let file = challengeFiles.get(version);
    if (!file) {
      file = join(folder, `challenge-${version}.json`);
      writeFileSync(file, await blob(`challenge:${version}`));
      challengeFiles.set(version, file);
    }
    return file;
  };

  const worker = new Worker<QueueJobData, GradeJobResult>(
    QUEUE_NAME,
    async (job) => {
      const data = job.data;
      options.onEvent?.({ type: "started", job: job.id!, program: data.name, seed: data.seed });
      const result = await grader.run({
        programPath: data.name,
        compiled: await programOf(data.program),
        challenge: await challengeFileOf(data.challenge),
        seed: data.seed,
        locale: data.locale,
      });
      options.onEvent?.({
        type: "done",
        job: job.id!,
        program: data.name,
        seed: data.seed,
        score: result.score,
        wallMs: Math.round(result.wallMs),
      });
      return result;
    },
    {
      connection: connection(options.url),
      concurrency: options.threads,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
      // A job is taken again after its worker died, a few times; more is not a dead worker.
      maxStalledCount: 5,
    },
  );
  worker.on("error", () => undefined);
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      await grader.close();
      redis.disconnect();
    },
  };
}

/** Every job on the queue, results in job order (the queue side of `gradeFolder`). */
export async function gradeOnQueue(
  url: string,
  jobs: readonly GradeJob[],
  onProgress?: (done: number, total: number) => void,
): Promise<GradeJobResult[]> {
  const grader = await queueGrader(url);
  let done = 0;
  try {
    return await Promise.all(
      jobs.map(async (job) => {
        const result = await grader.run(job);
        onProgress?.(++done, jobs.length);
        return result;
      }),
    );
  } finally {
    await grader.close();
  }
}
