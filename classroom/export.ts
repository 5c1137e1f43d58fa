/**
 * A session's results as files: a CSV the teacher's spreadsheet opens (written by the grader's
 * spreadsheet CSV writer, like `robotyc grade`'s) and JSON for scripts. One row per pupil, best
 * first: rank, pseudonym, best score, when it was sent, how many submissions, the best one's
 * score on each seed and its errors.
 */
import { spreadsheetCsv, type Challenge, type CsvValue } from "../challenges/node.ts";
import { format, type Locale, type Localized } from "../i18n/index.ts";
import type { ScoreboardRow } from "./session.ts";
import type { SessionRecord, SubmissionRecord } from "./store.ts";

/** A scoreboard row with the pupil's best submission. */
export type ExportRow = ScoreboardRow & { submission: SubmissionRecord | undefined };

const COLUMNS = {
  rank: { fr: "rang", en: "rank" },
  name: { fr: "pseudo", en: "pseudonym" },
  best: { fr: "meilleur score", en: "best score" },
  max: { fr: "score maximum", en: "maximum score" },
  at: { fr: "envoyé à", en: "sent at" },
  submissions: { fr: "envois", en: "submissions" },
  seed: { fr: "graine {seed}", en: "seed {seed}" },
  errors: { fr: "erreurs du meilleur envoi", en: "errors of the best submission" },
  error: { fr: "graine {seed} : {message}", en: "seed {seed}: {message}" },
  errorAt: {
    fr: "graine {seed} : {message} (ligne {line})",
    en: "seed {seed}: {message} (line {line})",
  },
} satisfies Record<string, Localized>;

/** The results as the CSV the teacher's spreadsheet opens (French: `;` and decimal commas). */
export function exportCsv(
  rows: readonly ExportRow[],
  seeds: readonly number[],
  locale: Locale,
): string {
  const w = (key: keyof typeof COLUMNS, params: Record<string, string | number> = {}) =>
    format(COLUMNS[key], locale, params);
  const time = (iso: string | null) =>
    iso === null
      ? null
      : new Date(iso).toLocaleTimeString(locale === "fr" ? "fr-FR" : "en-GB", { hour12: false });
  return spreadsheetCsv(
    {
      header: [
        w("rank"),
        w("name"),
        w("best"),
        w("max"),
        w("at"),
        w("submissions"),
        ...seeds.map((seed) => w("seed", { seed })),
        w("errors"),
      ],
      rows: rows.map((row): CsvValue[] => {
        const runs = row.submission?.runs ?? [];
        return [
          row.rank,
          row.name,
          row.best,
          row.maxScore,
          time(row.at),
          row.submissions,
          ...seeds.map((seed) => runs.find((r) => r.seed === seed)?.score),
          runs
            .filter((r) => r.error)
            .map((r) =>
              r.error!.line !== undefined
                ? w("errorAt", { seed: r.seed, message: r.error!.message, line: r.error!.line })
                : w("error", { seed: r.seed, message: r.error!.message }),
            )
            .join("; "),
        ];
      }),
    },
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
