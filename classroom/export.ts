/**
 * A session's results as files: a CSV the teacher's spreadsheet opens (written by the grader's
 * CSV writer, so `robotyc grade` and a classroom export read the same) and JSON for scripts.
 * One row per pupil, best first: their best submission's score on each seed and its mean.
 */
import { gradeRow, toCsv, type Challenge, type GradeRow } from "../challenges/index.ts";
import type { Locale } from "../runtime/index.ts";
import type { ScoreboardRow } from "./session.ts";
import type { SessionRecord, SubmissionRecord } from "./store.ts";

/** A scoreboard row with the pupil's best submission. */
export type ExportRow = ScoreboardRow & { submission: SubmissionRecord | undefined };

/** The pupil's best submission as a row of `robotyc grade`: its runs in the session's seed order. */
function row(r: ExportRow, seeds: readonly number[]): GradeRow {
  const runs = r.submission?.runs ?? [];
  const ordered = seeds.map(
    (seed) =>
      runs.find((run) => run.seed === seed) ?? {
        seed,
        score: 0,
        outcome: "error" as const,
        simTime: 0,
        wallMs: 0,
      },
  );
  return gradeRow(r.name, ordered);
}

export function exportCsv(rows: readonly ExportRow[], seeds: readonly number[], locale: Locale) {
  return toCsv(
    rows.map((r) => row(r, seeds)),
    seeds,
    locale,
  );
}

export function exportJson(
  rows: readonly ExportRow[],
  session: SessionRecord,
  challenge: Challenge,
): string {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return (
    JSON.stringify(
      {
        session: {
          code: session.code,
          challenge: challenge.id,
          seeds: session.seeds,
          minutes: session.minutes,
          startedAt: iso(session.startedAt),
          endsAt: iso(session.endedAt ?? session.endsAt),
        },
        results: rows.map((row) => ({
          rank: row.rank,
          name: row.name,
          best: row.submission?.score ?? null,
          maxScore: row.submission?.maxScore ?? null,
          at: row.at,
          submissions: row.submissions,
          perSeed: (row.submission?.runs ?? []).map((r) => ({
            seed: r.seed,
            score: r.score,
            outcome: r.outcome,
            ...(r.error ? { error: r.error } : {}),
          })),
        })),
      },
      null,
      2,
    ) + "\n"
  );
}
