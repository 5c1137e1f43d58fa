/**
 * A session's rules as pure functions of its records and the time: its state, the scoreboard,
 * a graded submission as a pupil reads it. Fair by construction: everyone is graded on the same
 * seeds by the same runner, a pupil's best submission counts, and a tie goes to the one who
 * sent it first (the time it was received, never the time it was graded).
 */
import { mean, type ScoreLine } from "../challenges/node.ts";
import type { Locale } from "../i18n/index.ts";
import type { PupilRecord, SeedRun, SessionRecord, SubmissionRecord } from "./store.ts";

export type SessionState = "waiting" | "running" | "ended";

export function sessionState(session: SessionRecord, now: number): SessionState {
  if (session.startedAt === null) return "waiting";
  if (session.endedAt !== null || (session.endsAt !== null && now >= session.endsAt)) {
    return "ended";
  }
  return "running";
}

/** What `GET /api/session` answers. */
export function sessionView(
  session: SessionRecord,
  now: number,
  title: string,
): {
  challenge: string;
  title: string;
  state: SessionState;
  startedAt: string | null;
  endsAt: string | null;
  remainingMs: number | null;
  minutes: number;
  seeds: number[];
} {
  const state = sessionState(session, now);
  const ends = session.endedAt ?? session.endsAt;
  return {
    challenge: session.challengeName,
    title,
    state,
    startedAt: session.startedAt === null ? null : new Date(session.startedAt).toISOString(),
    endsAt: ends === null ? null : new Date(ends).toISOString(),
    remainingMs: state === "running" && ends !== null ? Math.max(0, ends - now) : null,
    minutes: session.minutes,
    seeds: session.seeds,
  };
}

export interface ScoreboardRow {
  rank: number | null;
  name: string;
  /** Best mean score over the seeds; null while nothing of theirs is graded. */
  best: number | null;
  maxScore: number | null;
  /** When the best submission was received. */
  at: string | null;
  submissionId: number | null;
  submissions: number;
}

/**
 * Best first; equal scores by the time the best one was received; pupils with nothing graded
 * yet last, by name.
 */
export function scoreboard(
  pupils: readonly PupilRecord[],
  submissions: readonly SubmissionRecord[],
): ScoreboardRow[] {
  const rows = pupils.map((pupil) => {
    const mine = submissions.filter((s) => s.pupilId === pupil.id);
    let best: SubmissionRecord | undefined;
    for (const s of mine) {
      if (s.status !== "graded" || s.score === null) continue;
      if (
        !best ||
        s.score > best.score! ||
        (s.score === best.score && s.receivedAt < best.receivedAt)
      ) {
        best = s;
      }
    }
    return { pupil, best, count: mine.length };
  });
  rows.sort((a, b) => {
    if (a.best && b.best) {
      return (
        b.best.score! - a.best.score! ||
        a.best.receivedAt - b.best.receivedAt ||
        a.pupil.name.localeCompare(b.pupil.name)
      );
    }
    if (a.best || b.best) return a.best ? -1 : 1;
    return a.pupil.name.localeCompare(b.pupil.name);
  });
  return rows.map((row, n) => {
    return {
      rank: row.best ? n + 1 : null,
      name: row.pupil.name,
      best: row.best ? row.best.score : null,
      maxScore: row.best ? row.best.maxScore : null,
      at: row.best ? new Date(row.best.receivedAt).toISOString() : null,
      submissionId: row.best ? row.best.id : null,
      submissions: row.count,
    };
  });
}

/** The runs of one submission, combined: the mean over seeds, as `robotyc grade` reports it. */
export function combineRuns(runs: readonly SeedRun[]): {
  score: number;
  maxScore: number;
  runs: SeedRun[];
} {
  return {
    score: mean(runs.map((r) => r.score)),
    maxScore: mean(runs.map((r) => r.maxScore ?? 0)),
    runs: [...runs],
  };
}

const lines = (breakdown: readonly ScoreLine[] | undefined, locale: Locale) =>
  (breakdown ?? []).map((line) => ({ points: line.points, reason: line.reason[locale] }));

/** What `GET /api/submissions/<id>` answers, in the reader's language. */
export function submissionView(s: SubmissionRecord, pupilName: string, locale: Locale) {
  const runs = s.runs ?? [];
  const failure = runs.find((r) => r.error);
  return {
    id: s.id,
    pupil: pupilName,
    receivedAt: new Date(s.receivedAt).toISOString(),
    status: s.status,
    score: s.score,
    maxScore: s.maxScore,
    perSeed: runs.map((r) => ({
      seed: r.seed,
      score: r.score,
      maxScore: r.maxScore ?? null,
      outcome: r.outcome,
      simTime: Math.round(r.simTime * 1000) / 1000,
    })),
    breakdown: runs.map((r) => ({ seed: r.seed, lines: lines(r.breakdown, locale) })),
    error: failure?.error
      ? {
          message: failure.error.message,
          ...(failure.error.line !== undefined ? { line: failure.error.line } : {}),
          seeds: runs.filter((r) => r.error).map((r) => r.seed),
        }
      : null,
  };
}
