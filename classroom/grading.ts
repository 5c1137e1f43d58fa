/**
 * Grading a session's submissions as they arrive, first come first served: each one compiled off
 * the main thread, then run on every seed of the session by a grader (this machine's threads or
 * a shared queue), with the same jobs and worker module as `robotyc grade`. A run's result is kept
 * under its job key, so a program sent twice (or by two pupils) is simulated once and a restart
 * re-runs only what no result covers. A program that does not compile, throws or runs away is a
 * score of 0 with its message; it never stops the others.
 */
import {
  challengeVersion,
  jobKey,
  type Challenge,
  type Compiler,
  type GradeJob,
  type GradeJobResult,
  type Grader,
} from "../challenges/node.ts";
import type { Locale } from "../i18n/index.ts";
import { combineRuns } from "./session.ts";
import type { ClassroomStore, SeedRun, SessionRecord, SubmissionRecord } from "./store.ts";

/** The file name pupils' programs get in messages: one name for all, so equal programs share runs. */
export const PROGRAM_FILE = "programme.ts";

export interface SessionGraderOptions {
  store: ClassroomStore;
  session: SessionRecord;
  challenge: Challenge;
  /** A file holding the session's copy of the challenge, for the grading workers. */
  challengeFile: string;
  grader: Grader;
  compiler: Compiler;
  /** The language each pupil's messages are graded in. */
  localeOf: (pupilId: number) => Locale;
  onGraded: (submission: SubmissionRecord) => void;
  now?: () => number;
}

export class SessionGrader {
  private readonly challengeHash: string;
  private readonly running = new Map<string, Promise<GradeJobResult>>();
  private readonly pending = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly options: SessionGraderOptions) {
    this.challengeHash = challengeVersion(options.challenge);
  }

  /** Everything accepted and not graded yet (after a restart: what the crash left). */
  resume(): number {
    const queued = this.options.store.submissions(this.options.session.id, "queued");
    for (const s of queued) this.enqueue(s);
    return queued.length;
  }

  enqueue(submission: SubmissionRecord): void {
    const task = this.grade(submission).catch((error: unknown) => {
      // Only a closed grader or a broken database lands here; the submission stays queued and
      // is graded after the next start.
      if (!this.closed) console.error(error);
    });
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  /** Resolves once nothing is waiting to be graded. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  get backlog(): number {
    return this.pending.size;
  }

  private async grade(submission: SubmissionRecord): Promise<void> {
    const { store, session, compiler, grader, challengeFile } = this.options;
    const locale = this.options.localeOf(submission.pupilId);
    const compiled = await compiler.compile(submission.source, locale, PROGRAM_FILE);
    const runs = await Promise.all(
      session.seeds.map(async (seed): Promise<SeedRun> => {
        const job: GradeJob = {
          programPath: PROGRAM_FILE,
          compiled,
          challenge: challengeFile,
          seed,
          locale,
        };
        const key = jobKey(job, this.challengeHash);
        let result = store.cachedRun(key);
        if (!result) {
          let running = this.running.get(key);
          if (!running) {
            running = grader.run(job);
            this.running.set(key, running);
            void running.finally(() => this.running.delete(key)).catch(() => undefined);
          }
          result = await running;
          if (this.closed) throw new Error("grader closed");
          store.saveRun(key, result);
        }
        return { ...result, seed };
      }),
    );
    if (this.closed) return;
    store.saveResult(submission.id, combineRuns(runs), (this.options.now ?? Date.now)());
    this.options.onGraded(store.submission(submission.id)!);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
