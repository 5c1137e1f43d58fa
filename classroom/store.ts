/**
 * Where a classroom session lives: one SQLite file in the teacher's data folder (WAL, every
 * commit synced), so sessions, pupils, submissions and results survive a crash or a restart of
 * the teacher's machine. A submission is committed before the server answers 201.
 */
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Locale } from "../i18n/index.ts";
import type { GradeJobResult } from "../challenges/node.ts";

export const DATABASE_FILE = "classroom.sqlite";
const SCHEMA_VERSION = 1;

export interface SessionRecord {
  id: number;
  code: string;
  /** Kept in clear: the teacher's link is printed again after a restart. */
  teacherToken: string;
  /** The challenge as the teacher named it (a pack id or a file). */
  challengeName: string;
  /** The challenge's definition when the session was made: a later edit changes nothing. */
  challengeJson: string;
  seeds: number[];
  minutes: number;
  locale: Locale;
  createdAt: number;
  startedAt: number | null;
  endsAt: number | null;
  endedAt: number | null;
}

export interface PupilRecord {
  id: number;
  sessionId: number;
  name: string;
  /** The language the pupil reads: their messages are graded in it. */
  locale: Locale;
  joinedAt: number;
}

/** One seed of a graded submission, as stored (reasons in every language). */
export type SeedRun = GradeJobResult & { seed: number };

export interface SubmissionRecord {
  id: number;
  sessionId: number;
  pupilId: number;
  source: string;
  receivedAt: number;
  status: "queued" | "graded";
  /** Mean over the session's seeds. */
  score: number | null;
  maxScore: number | null;
  runs: SeedRun[] | null;
  gradedAt: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  teacher_token TEXT NOT NULL,
  challenge_name TEXT NOT NULL,
  challenge_json TEXT NOT NULL,
  seeds TEXT NOT NULL,
  minutes REAL NOT NULL,
  locale TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  ends_at INTEGER,
  ended_at INTEGER
);
CREATE TABLE IF NOT EXISTS pupils (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  locale TEXT NOT NULL,
  joined_at INTEGER NOT NULL,
  UNIQUE (session_id, name_key)
);
CREATE TABLE IF NOT EXISTS submissions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  pupil_id INTEGER NOT NULL REFERENCES pupils(id),
  source TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'graded')),
  score REAL,
  max_score REAL,
  runs TEXT,
  graded_at INTEGER
);
CREATE INDEX IF NOT EXISTS submissions_by_session ON submissions (session_id, status, id);
CREATE TABLE IF NOT EXISTS runs (key TEXT PRIMARY KEY, result TEXT NOT NULL);
`;

interface SessionRow {
  id: number;
  code: string;
  teacher_token: string;
  challenge_name: string;
  challenge_json: string;
  seeds: string;
  minutes: number;
  locale: Locale;
  created_at: number;
  started_at: number | null;
  ends_at: number | null;
  ended_at: number | null;
}

interface SubmissionRow {
  id: number;
  session_id: number;
  pupil_id: number;
  source: string;
  received_at: number;
  status: "queued" | "graded";
  score: number | null;
  max_score: number | null;
  runs: string | null;
  graded_at: number | null;
}

const session = (r: SessionRow): SessionRecord => ({
  id: r.id,
  code: r.code,
  teacherToken: r.teacher_token,
  challengeName: r.challenge_name,
  challengeJson: r.challenge_json,
  seeds: JSON.parse(r.seeds) as number[],
  minutes: r.minutes,
  locale: r.locale,
  createdAt: r.created_at,
  startedAt: r.started_at,
  endsAt: r.ends_at,
  endedAt: r.ended_at,
});

const submission = (r: SubmissionRow): SubmissionRecord => ({
  id: r.id,
  sessionId: r.session_id,
  pupilId: r.pupil_id,
  source: r.source,
  receivedAt: r.received_at,
  status: r.status,
  score: r.score,
  maxScore: r.max_score,
  runs: r.runs === null ? null : (JSON.parse(r.runs) as SeedRun[]),
  gradedAt: r.graded_at,
});

const PUPIL_COLUMNS = "id, session_id AS sessionId, name, locale, joined_at AS joinedAt";

export class ClassroomStore {
  private readonly db: Database.Database;

  constructor(readonly folder: string) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const file = join(folder, DATABASE_FILE);
    this.db = new Database(file);
    // The teacher's token is in this file: readable by the teacher's account only.
    chmodSync(file, 0o600);
    this.db.pragma("journal_mode = WAL");
    // FULL: a commit survives a power cut, not only a crash of the process.
    this.db.pragma("synchronous = FULL");
    this.db.pragma("foreign_keys = ON");
    this.db.exec(SCHEMA);
    const version = this.db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as
      { value: string } | undefined;
    if (!version) {
      this.db
        .prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)")
        .run(String(SCHEMA_VERSION));
    } else if (Number(version.value) > SCHEMA_VERSION) {
      this.db.close();
      throw new NewerDataError(Number(version.value));
    }
  }

  close(): void {
    this.db.close();
  }

  /** The most recent session of this folder. */
  latestSession(): SessionRecord | undefined {
    const row = this.db.prepare("SELECT * FROM sessions ORDER BY id DESC LIMIT 1").get() as
      SessionRow | undefined;
    return row && session(row);
  }

  sessionById(id: number): SessionRecord | undefined {
    const row = this.db.prepare("SELECT * FROM sessions WHERE id = ?").get(id) as
      SessionRow | undefined;
    return row && session(row);
  }

  createSession(s: Omit<SessionRecord, "id" | "startedAt" | "endsAt" | "endedAt">): SessionRecord {
    const info = this.db
      .prepare(
        `INSERT INTO sessions (code, teacher_token, challenge_name, challenge_json, seeds, minutes, locale, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.code,
        s.teacherToken,
        s.challengeName,
        s.challengeJson,
        JSON.stringify(s.seeds),
        s.minutes,
        s.locale,
        s.createdAt,
      );
    return this.sessionById(Number(info.lastInsertRowid))!;
  }

  setTimes(
    id: number,
    times: Partial<Pick<SessionRecord, "startedAt" | "endsAt" | "endedAt">>,
  ): SessionRecord {
    const current = this.sessionById(id)!;
    const next = { ...current, ...times };
    this.db
      .prepare("UPDATE sessions SET started_at = ?, ends_at = ?, ended_at = ? WHERE id = ?")
      .run(next.startedAt, next.endsAt, next.endedAt, id);
    return next;
  }

  /** A new pupil, or "taken" when the pseudonym (`nameKey`) is already in the session. */
  addPupil(
    sessionId: number,
    name: string,
    nameKey: string,
    tokenHash: string,
    locale: Locale,
    at: number,
  ): PupilRecord | "taken" {
    try {
      const info = this.db
        .prepare(
          "INSERT INTO pupils (session_id, name, name_key, token_hash, locale, joined_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .run(sessionId, name, nameKey, tokenHash, locale, at);
      return { id: Number(info.lastInsertRowid), sessionId, name, locale, joinedAt: at };
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return "taken";
      throw error;
    }
  }

  /** Every pupil of a session with the hash of their token, to check tokens against. */
  pupilTokens(sessionId: number): (PupilRecord & { tokenHash: string })[] {
    return this.db
      .prepare(`SELECT ${PUPIL_COLUMNS}, token_hash AS tokenHash FROM pupils WHERE session_id = ?`)
      .all(sessionId) as (PupilRecord & { tokenHash: string })[];
  }

  pupils(sessionId: number): PupilRecord[] {
    return this.db
      .prepare(`SELECT ${PUPIL_COLUMNS} FROM pupils WHERE session_id = ? ORDER BY id`)
      .all(sessionId) as PupilRecord[];
  }

  addSubmission(sessionId: number, pupilId: number, source: string, at: number): number {
    const info = this.db
      .prepare(
        "INSERT INTO submissions (session_id, pupil_id, source, received_at, status) VALUES (?, ?, ?, ?, 'queued')",
      )
      .run(sessionId, pupilId, source, at);
    return Number(info.lastInsertRowid);
  }

  submission(id: number): SubmissionRecord | undefined {
    const row = this.db.prepare("SELECT * FROM submissions WHERE id = ?").get(id) as
      SubmissionRow | undefined;
    return row && submission(row);
  }

  /** A session's submissions, oldest first. */
  submissions(sessionId: number, status?: "queued" | "graded"): SubmissionRecord[] {
    const rows = (
      status
        ? this.db
            .prepare("SELECT * FROM submissions WHERE session_id = ? AND status = ? ORDER BY id")
            .all(sessionId, status)
        : this.db
            .prepare("SELECT * FROM submissions WHERE session_id = ? ORDER BY id")
            .all(sessionId)
    ) as SubmissionRow[];
    return rows.map(submission);
  }

  saveResult(
    id: number,
    result: { score: number; maxScore: number; runs: SeedRun[] },
    at: number,
  ): void {
    this.db
      .prepare(
        "UPDATE submissions SET status = 'graded', score = ?, max_score = ?, runs = ?, graded_at = ? WHERE id = ?",
      )
      .run(result.score, result.maxScore, JSON.stringify(result.runs), at, id);
  }

  /** A run already graded, by its job key (program, challenge version, seed, language). */
  cachedRun(key: string): GradeJobResult | undefined {
    const row = this.db.prepare("SELECT result FROM runs WHERE key = ?").get(key) as
      { result: string } | undefined;
    return row && (JSON.parse(row.result) as GradeJobResult);
  }

  saveRun(key: string, result: GradeJobResult): void {
    this.db
      .prepare("INSERT OR IGNORE INTO runs (key, result) VALUES (?, ?)")
      .run(key, JSON.stringify(result));
  }
}

/** The data folder was written by a newer Robotyc Studio. */
export class NewerDataError extends Error {
  constructor(readonly version: number) {
    super(`classroom data format ${version} is newer than ${SCHEMA_VERSION}`);
  }
}
