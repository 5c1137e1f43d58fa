/**
 * A classroom session on the teacher's machine: opened from (or resumed in) a data folder, it
 * lets pupils join with the class code and a pseudonym, takes their submissions while the
 * countdown runs, grades them, keeps the scoreboard and tells whoever listens what changed.
 * The HTTP server (server.ts) is a thin face over this.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  compilerThread,
  parseChallenge,
  resolveChallenge,
  writeFileWhole,
  type Challenge,
  type Compiler,
  type Grader,
} from "../challenges/node.ts";
import { LocalizedError, type Locale, type Localized } from "../i18n/index.ts";
import { exportCsv, exportJson } from "./export.ts";
import { PROGRAM_FILE, SessionGrader } from "./grading.ts";
import {
  cleanName,
  newClassCode,
  newToken,
  nameKey,
  normalizeCode,
  sameSecret,
  tokenHash,
  NAME_MAX,
} from "./identity.ts";
import type { ApiErrorCode } from "./messages.ts";
import {
  scoreboard,
  sessionState,
  sessionView,
  type ScoreboardRow,
  type SessionState,
} from "./session.ts";
import {
  ClassroomStore,
  NewerDataError,
  type PupilRecord,
  type SessionRecord,
  type SubmissionRecord,
} from "./store.ts";

export const MAX_PUPILS = 200;
/** A pupil sends at most one program per this many milliseconds. */
export const SUBMIT_EVERY_MS = 5000;
export const MAX_MINUTES = 24 * 60;

export interface ClassroomOptions {
  /** The folder that holds the session (created if needed). */
  data: string;
  /** A pack id or a challenge file. */
  challenge: string;
  minutes: number;
  seeds: number[];
  /** The teacher's language (exports, terminal). */
  locale: Locale;
  grader: Grader;
  /**
   * Where replays are recorded (a teacher opening a run): this machine's threads. Defaults to
   * `grader`; a session graded on a queue passes local threads, made when first needed.
   */
  replays?: () => Grader;
  /** Start a new session even when the folder holds one that is not over. */
  fresh?: boolean;
  now?: () => number;
}

export type Principal = { kind: "teacher" } | { kind: "pupil"; pupil: PupilRecord };

export type ClassroomEvent =
  | { type: "joined"; pupil: string; pupils: number }
  | { type: "submitted"; id: number; pupil: string }
  | { type: "graded"; id: number; pupil: string; score: number; maxScore: number; at: number }
  | { type: "session"; state: SessionState; endsAt: string | null }
  | { type: "exported"; csv: string; json: string };

/** A refusal the API turns into an HTTP status and a localized message. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly retryAfterS?: number,
  ) {
    super(code);
  }
}

const text = {
  otherChallenge: {
    fr: "Le dossier « {data} » contient une séance pas terminée sur le défi « {other} » (code {code}). Termine-la, choisis un autre dossier (--data), ou ajoute --new pour en commencer une nouvelle.",
    en: 'The folder "{data}" holds an unfinished session on the challenge "{other}" (code {code}). End it, choose another folder (--data), or add --new to start a new one.',
  },
  newerData: {
    fr: "Le dossier « {data} » a été écrit par une version plus récente de Robotyc Studio (format {version}). Mets à jour Robotyc Studio ou choisis un autre dossier.",
    en: 'The folder "{data}" was written by a newer version of Robotyc Studio (format {version}). Update Robotyc Studio or choose another folder.',
  },
} satisfies Record<string, Localized>;

export class Classroom {
  readonly challenge: Challenge;
  private session: SessionRecord;
  private readonly pupilsByToken = new Map<string, PupilRecord>();
  private readonly pupilsById = new Map<number, PupilRecord>();
  private readonly lastSubmission = new Map<number, number>();
  private readonly listeners = new Set<(event: ClassroomEvent) => void>();
  private readonly sessionGrader: SessionGrader;
  private readonly compiler: Compiler;
  private endTimer: NodeJS.Timeout | undefined;
  private replayGrader: Grader | undefined;
  private readonly challengeFile: string;
  private readonly now: () => number;
  /** Whether this start resumed a session the folder already held. */
  readonly resumed: boolean;
  /** Submissions a restart found accepted but not graded, now graded again. */
  readonly requeued: number;

  private constructor(
    private readonly store: ClassroomStore,
    session: SessionRecord,
    resumed: boolean,
    private readonly options: ClassroomOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.session = session;
    this.resumed = resumed;
    this.challenge = parseChallenge(JSON.parse(session.challengeJson), "session");
    const challengeFile = join(store.folder, `session-${session.id}-challenge.json`);
    this.challengeFile = challengeFile;
    if (!existsSync(challengeFile)) writeFileWhole(challengeFile, session.challengeJson);
    for (const pupil of store.pupilTokens(session.id)) {
      const { tokenHash: hash, ...record } = pupil;
      this.pupilsByToken.set(hash, record);
      this.pupilsById.set(record.id, record);
    }
    this.compiler = compilerThread();
    this.sessionGrader = new SessionGrader({
      store,
      session,
      challenge: this.challenge,
      challengeFile,
      grader: options.grader,
      compiler: this.compiler,
      localeOf: (id) => this.pupilsById.get(id)?.locale ?? session.locale,
      onGraded: (s) => this.graded(s),
      now: this.now,
    });
    this.requeued = this.sessionGrader.resume();
    this.scheduleEnd();
  }

  /** Opens the folder's session, or a new one (see ClassroomOptions.fresh). */
  static open(options: ClassroomOptions): Classroom {
    let store: ClassroomStore;
    try {
      store = new ClassroomStore(options.data);
    } catch (error) {
      if (error instanceof NewerDataError) {
        throw new LocalizedError(text.newerData, {
          data: resolve(options.data),
          version: error.version,
        });
      }
      throw error;
    }
    try {
      const now = (options.now ?? Date.now)();
      const latest = store.latestSession();
      const unfinished =
        latest &&
        (sessionState(latest, now) !== "ended" || store.submissions(latest.id, "queued").length);
      if (latest && unfinished && !options.fresh) {
        if (latest.challengeName !== options.challenge) {
          throw new LocalizedError(text.otherChallenge, {
            data: resolve(options.data),
            other: latest.challengeName,
            code: latest.code,
          });
        }
        return new Classroom(store, latest, true, options);
      }
      const { challenge } = resolveChallenge(options.challenge);
      const session = store.createSession({
        code: newClassCode(),
        teacherToken: newToken(),
        challengeName: options.challenge,
        challengeJson: JSON.stringify(challenge),
        seeds: options.seeds,
        minutes: options.minutes,
        locale: options.locale,
        createdAt: now,
      });
      return new Classroom(store, session, false, options);
    } catch (error) {
      store.close();
      throw error;
    }
  }

  get code(): string {
    return this.session.code;
  }

  get teacherToken(): string {
    return this.session.teacherToken;
  }

  get record(): SessionRecord {
    return this.session;
  }

  get folder(): string {
    return this.store.folder;
  }

  onEvent(listener: (event: ClassroomEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ClassroomEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  state(): SessionState {
    return sessionState(this.session, this.now());
  }

  view(locale: Locale) {
    return sessionView(this.session, this.now(), this.challenge.title[locale]);
  }

  /** Who holds this bearer token: the teacher, a pupil, or nobody. */
  authenticate(token: string | undefined): Principal | undefined {
    if (!token) return undefined;
    if (sameSecret(token, this.session.teacherToken)) return { kind: "teacher" };
    // Looked up by its SHA-256: the time taken says nothing about the tokens held.
    const pupil = this.pupilsByToken.get(tokenHash(token));
    return pupil && { kind: "pupil", pupil };
  }

  join(code: unknown, name: unknown, locale: Locale): { token: string; pupilId: number } {
    if (typeof code !== "string" || !sameSecret(normalizeCode(code), this.session.code)) {
      throw new Refusal(403, "badCode");
    }
    const clean = cleanName(name);
    if (!clean) throw new Refusal(400, "badName", { max: NAME_MAX });
    if (this.state() === "ended") throw new Refusal(409, "ended");
    if (this.pupilsById.size >= MAX_PUPILS)
      throw new Refusal(409, "classFull", { max: MAX_PUPILS });
    const token = newToken();
    const hash = tokenHash(token);
    const added = this.store.addPupil(
      this.session.id,
      clean,
      nameKey(clean),
      hash,
      locale,
      this.now(),
    );
    if (added === "taken") throw new Refusal(409, "nameTaken", { name: clean });
    const pupil = added;
    this.pupilsByToken.set(hash, pupil);
    this.pupilsById.set(pupil.id, pupil);
    this.emit({ type: "joined", pupil: clean, pupils: this.pupilsById.size });
    return { token, pupilId: pupil.id };
  }

  /** Stores a pupil's program (committed before this returns) and queues it for grading. */
  submit(pupil: PupilRecord, source: unknown): number {
    const state = this.state();
    if (state === "waiting") throw new Refusal(409, "notStarted");
    if (state === "ended") throw new Refusal(409, "ended");
    if (typeof source !== "string") throw new Refusal(400, "noSource");
    if (source.trim() === "") throw new Refusal(400, "emptySource");
    const now = this.now();
    const last = this.lastSubmission.get(pupil.id);
    if (last !== undefined && now - last < SUBMIT_EVERY_MS) {
      const seconds = Math.ceil((SUBMIT_EVERY_MS - (now - last)) / 1000);
      throw new Refusal(429, "tooSoon", { seconds, every: SUBMIT_EVERY_MS / 1000 }, seconds);
    }
    this.lastSubmission.set(pupil.id, now);
    const id = this.store.addSubmission(this.session.id, pupil.id, source, now);
    this.emit({ type: "submitted", id, pupil: pupil.name });
    this.sessionGrader.enqueue(this.store.submission(id)!);
    return id;
  }

  submission(id: number): SubmissionRecord | undefined {
    const s = this.store.submission(id);
    return s && s.sessionId === this.session.id ? s : undefined;
  }

  submissions(pupilId?: number): SubmissionRecord[] {
    const all = this.store.submissions(this.session.id);
    return pupilId === undefined ? all : all.filter((s) => s.pupilId === pupilId);
  }

  pupilName(id: number): string {
    return this.pupilsById.get(id)?.name ?? "?";
  }

  pupils(): PupilRecord[] {
    return [...this.pupilsById.values()];
  }

  scoreboard(): ScoreboardRow[] {
    return scoreboard(this.pupils(), this.store.submissions(this.session.id));
  }

  start(): void {
    if (this.state() !== "waiting") throw new Refusal(409, "alreadyStarted");
    const now = this.now();
    this.session = this.store.setTimes(this.session.id, {
      startedAt: now,
      endsAt: now + Math.round(this.session.minutes * 60_000),
    });
    this.scheduleEnd();
    this.emitSession();
  }

  /** Gives the class more time (or less, with a negative number), while it runs. */
  extend(minutes: number): void {
    if (this.state() !== "running") throw new Refusal(409, "alreadyEnded");
    const endsAt = Math.max(this.now(), this.session.endsAt! + Math.round(minutes * 60_000));
    this.session = this.store.setTimes(this.session.id, { endsAt });
    this.scheduleEnd();
    this.emitSession();
  }

  end(): void {
    if (this.state() === "ended") throw new Refusal(409, "alreadyEnded");
    const now = this.now();
    this.session = this.store.setTimes(this.session.id, {
      startedAt: this.session.startedAt ?? now,
      endsAt: Math.min(this.session.endsAt ?? now, now),
      endedAt: now,
    });
    this.scheduleEnd();
    this.emitSession();
  }

  private emitSession(): void {
    const view = this.view(this.session.locale);
    this.emit({ type: "session", state: view.state, endsAt: view.endsAt });
  }

  private scheduleEnd(): void {
    clearTimeout(this.endTimer);
    this.endTimer = undefined;
    if (this.state() === "ended") {
      this.writeExports();
      return;
    }
    if (this.session.endsAt === null) return;
    // Timers fire at most ~24.8 days ahead; a session is at most a day.
    this.endTimer = setTimeout(
      () => {
        this.emitSession();
        this.writeExports();
      },
      Math.max(0, this.session.endsAt - this.now()) + 5,
    );
  }

  private graded(s: SubmissionRecord): void {
    this.emit({
      type: "graded",
      id: s.id,
      pupil: this.pupilName(s.pupilId),
      score: s.score!,
      maxScore: s.maxScore!,
      at: s.gradedAt!,
    });
    if (this.state() === "ended") this.writeExports();
  }

  /** The results as the teacher exports them. */
  exportCsv(locale: Locale): string {
    return exportCsv(this.exportRows(), this.session.seeds, locale);
  }

  exportJson(): string {
    return exportJson(this.exportRows(), this.session, this.challenge);
  }

  private exportRows() {
    const subs = this.store.submissions(this.session.id);
    return this.scoreboard().map((row) => ({
      ...row,
      submission: subs.find((s) => s.id === row.submissionId),
    }));
  }

  /** Files beside the database, rewritten whenever the results change after the end. */
  exportFiles(): { csv: string; json: string } {
    const base = join(this.store.folder, `resultats-${this.session.code}`);
    return { csv: `${base}.csv`, json: `${base}.json` };
  }

  private writeExports(): void {
    const files = this.exportFiles();
    writeFileWhole(files.csv, this.exportCsv(this.session.locale));
    writeFileWhole(files.json, this.exportJson());
    this.emit({ type: "exported", ...files });
  }

  /**
   * The replay of a graded submission on one of the session's seeds: the run again, recorded
   * (the simulation is deterministic, so it is the graded run; `sameScore` checks it). Kept in
   * the data folder once made.
   */
  async replay(
    s: SubmissionRecord,
    seed: number,
  ): Promise<{ replay: unknown; sameScore: boolean }> {
    if (!this.session.seeds.includes(seed)) {
      throw new Refusal(400, "badSeed", { seeds: this.session.seeds.join(", ") });
    }
    if (s.status !== "graded") throw new Refusal(409, "notGraded");
    const graded = s.runs!.find((r) => r.seed === seed)!;
    const file = join(this.store.folder, "replays", `${s.id}-${seed}.json`);
    if (existsSync(file)) {
      return { replay: JSON.parse(readFileSync(file, "utf8")), sameScore: true };
    }
    const locale = this.pupilsById.get(s.pupilId)?.locale ?? this.session.locale;
    const compiled = await this.compiler.compile(s.source, locale, PROGRAM_FILE);
    if (!compiled.ok)
      throw new Refusal(409, "replayFailed", { detail: graded.error?.message ?? "" });
    this.replayGrader ??= this.options.replays?.() ?? this.options.grader;
    const result = await this.replayGrader.run({
      programPath: PROGRAM_FILE,
      compiled,
      challenge: this.challengeFile,
      seed,
      locale,
      record: true,
    });
    if (result.replay === undefined) {
      throw new Refusal(409, "replayFailed", { detail: result.error?.message ?? "" });
    }
    const sameScore = result.score === graded.score && result.stateHash === graded.stateHash;
    if (sameScore) {
      mkdirSync(join(this.store.folder, "replays"), { recursive: true });
      writeFileWhole(file, JSON.stringify(result.replay));
    }
    return { replay: result.replay, sameScore };
  }

  /** Resolves once every accepted submission is graded. */
  idle(): Promise<void> {
    return this.sessionGrader.idle();
  }

  get backlog(): number {
    return this.sessionGrader.backlog;
  }

  async close(): Promise<void> {
    clearTimeout(this.endTimer);
    await this.sessionGrader.close();
    await this.compiler.close();
    await this.options.grader.close();
    if (this.replayGrader && this.replayGrader !== this.options.grader) {
      await this.replayGrader.close();
    }
    this.store.close();
  }
}
