/**
 * `robotyc grade <folder> --challenge <id> [--seeds 1,2,3] [--jobs <n>] [--queue <redis url>]
 * [--out <file>]`: grades every program of a folder (and of its subfolders: a folder per pupil) on
 * every seed in parallel worker threads, or on a shared queue that `robotyc worker`s on other
 * machines take jobs from. Writes a CSV or JSON file (by extension), whole or not at all; the output path is
 * checked before grading, and if the write still fails the results are printed. Without --out,
 * prints the table.
 */
import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import {
  findPrograms,
  checkPlacementSeeds,
  checkQueueUrl,
  formatOf,
  gradeFolder,
  resolveChallenge,
  toCsv,
  writeResults,
  type SkippedEntry,
} from "../../challenges/node.ts";
import { format, LocalizedError, type Localized } from "../../runtime/engine.ts";
import type { CommandIO } from "../main.ts";
import { defineCommand, seedList, type CommandSpec } from "./args.ts";
import { errorText } from "./errors.ts";
import { outputProblem } from "./output.ts";
import { CHALLENGE_OPTION } from "./run.ts";

const text = {
  summary: {
    fr: "note tous les programmes d'un dossier sur un défi, en parallèle",
    en: "grades every program of a folder on a challenge, in parallel",
  },
  folder: { fr: "<dossier>", en: "<folder>" },
  folderHelp: {
    fr: "le dossier des programmes (.ts ou .js) ; ses sous-dossiers aussi (un dossier par élève)",
    en: "the folder of programs (.ts or .js); its subfolders too (a folder per pupil)",
  },
  seedsHelp: {
    fr: "les graines des parcours, par exemple 1,2,3 ou 1..5 ; 1,2,3 par défaut",
    en: "the seeds of the runs, for example 1,2,3 or 1..5; 1,2,3 by default",
  },
  jobsHelp: {
    fr: "combien de parcours en même temps ; par défaut, un par cœur du processeur",
    en: "how many runs at the same time; by default, one per processor core",
  },
  queueHelp: {
    fr: "note sur une file partagée (Redis) : des « robotyc worker » sur d'autres machines prennent les parcours ; les notes sont les mêmes",
    en: 'grades on a shared queue (Redis): "robotyc worker"s on other machines take the runs; the scores are the same',
  },
  outHelp: {
    fr: "écrit les résultats dans ce fichier : .csv (pour un tableur) ou .json ; sans --out, ils s'affichent",
    en: "writes the results to this file: .csv (for a spreadsheet) or .json; without --out, they are printed",
  },
  noFolder: { fr: "« {folder} » n'est pas un dossier.", en: '"{folder}" is not a folder.' },
  noPrograms: {
    fr: "Aucun programme (.ts ou .js) dans « {folder} » ni dans ses sous-dossiers.",
    en: 'No program (.ts or .js) in "{folder}" or its subfolders.',
  },
  badOut: {
    fr: "Le fichier de résultats doit finir par .csv ou .json : « {file} ».",
    en: 'The result file must end in .csv or .json: "{file}".',
  },
  cannotWrite: {
    fr: "Impossible d'écrire « {file} » : {detail}\nVoici les résultats, pour ne rien perdre :",
    en: 'Cannot write "{file}": {detail}\nHere are the results, so that nothing is lost:',
  },
  skippedNotPrograms: {
    fr: "Ignorés (ce ne sont pas des programmes .ts ou .js) : {entries}",
    en: "Skipped (not .ts or .js programs): {entries}",
  },
  skippedUnreadable: {
    fr: "Ignorés (illisibles) : {entries}",
    en: "Skipped (unreadable): {entries}",
  },
  progress: {
    fr: "Notation : {done} / {total} parcours",
    en: "Grading: {done} / {total} runs",
  },
  written: {
    fr: "{count} programme(s) noté(s) sur {seeds} graine(s) : « {file} ».",
    en: '{count} program(s) graded on {seeds} seed(s): "{file}".',
  },
} satisfies Record<string, Localized>;

export const GRADE_SPEC: CommandSpec = {
  name: "grade",
  summary: text.summary,
  arguments: [{ value: text.folder, help: text.folderHelp }],
  options: [
    CHALLENGE_OPTION,
    { name: "seeds", kind: "seeds", value: { fr: "<1,2,3>", en: "<1,2,3>" }, help: text.seedsHelp },
    { name: "jobs", kind: "count", value: { fr: "<n>", en: "<n>" }, help: text.jobsHelp },
    {
      name: "out",
      kind: "text",
      value: { fr: "<fichier.csv|fichier.json>", en: "<file.csv|file.json>" },
      help: text.outHelp,
    },
    {
      name: "queue",
      kind: "text",
      value: { fr: "redis://<hôte>:6379", en: "redis://<host>:6379" },
      help: text.queueHelp,
    },
  ],
};

function fail(io: CommandIO, message: Localized, params: Record<string, string | number> = {}) {
  io.err(format(message, io.locale, params));
  return 2;
}

/** The seeds of `--seeds` (`1,2,3`, `1..5`): 1, 2, 3 when absent, undefined when unreadable. */
export function parseSeeds(textValue: string | undefined): number[] | undefined {
  return textValue === undefined ? [1, 2, 3] : seedList(textValue);
}

/** Says which entries of the class folder were not graded, and why. */
function reportSkipped(io: CommandIO, skipped: readonly SkippedEntry[]): void {
  const list = (reason: SkippedEntry["reason"]) =>
    skipped.filter((s) => s.reason === reason).map((s) => s.entry);
  const notPrograms = list("not-a-program");
  const unreadable = list("unreadable");
  if (notPrograms.length > 0) {
    io.err(format(text.skippedNotPrograms, io.locale, { entries: notPrograms.join(", ") }));
  }
  if (unreadable.length > 0) {
    io.err(format(text.skippedUnreadable, io.locale, { entries: unreadable.join(", ") }));
  }
}

export default defineCommand(GRADE_SPEC, async (parsed, io) => {
  const seeds = parsed.lists.seeds ?? [1, 2, 3];
  const jobs = parsed.numbers.jobs ?? Math.max(1, availableParallelism());
  const folder = parsed.positional[0]!;
  const out = parsed.options.out;
  if (out !== undefined && !formatOf(out)) return fail(io, text.badOut, { file: out });
  // Checked before grading: a class's grades are never thrown away for want of a folder.
  const problem = out === undefined ? undefined : outputProblem(out, "notes.csv");
  if (problem) {
    io.err(problem.localized(io.locale));
    return 2;
  }
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    return fail(io, text.noFolder, { folder });
  }
  const { programs, skipped } = findPrograms(folder);
  reportSkipped(io, skipped);
  if (programs.length === 0) return fail(io, text.noPrograms, { folder });
  const queue = parsed.options.queue;
  try {
    const { challenge, file } = resolveChallenge(parsed.options.challenge!);
    // Every seed's draw, before any grading: one message, not a 0 for every pupil.
    checkPlacementSeeds(challenge, seeds, file);
    if (queue !== undefined) checkQueueUrl(queue);
  } catch (error) {
    if (!(error instanceof LocalizedError)) throw error;
    io.err(error.localized(io.locale));
    return 2;
  }

  let report;
  try {
    report = await gradeFolder({
      folder,
      challenge: parsed.options.challenge!,
      seeds,
      jobs,
      locale: io.locale,
      ...(queue !== undefined ? { queue } : {}),
      // On a terminal only: a teacher sees the grading move; pipes and files stay clean.
      ...(process.stderr.isTTY
        ? {
            onProgress: (done: number, total: number) =>
              process.stderr.write(
                `\r${format(text.progress, io.locale, { done, total })}${done === total ? "\n" : ""}`,
              ),
          }
        : {}),
    });
  } catch (error) {
    // The queue could not be reached: nothing was graded.
    if (!(error instanceof LocalizedError)) throw error;
    io.err(error.localized(io.locale));
    return 2;
  }
  const table = () => toCsv(report.rows, seeds, io.locale, { terminal: true }).trimEnd();
  if (out === undefined) {
    io.out(table());
    return 0;
  }
  try {
    writeResults(out, report.rows, seeds, io.locale);
  } catch (error) {
    io.err(format(text.cannotWrite, io.locale, { file: out, detail: errorText(error, io.locale) }));
    io.out(table());
    return 1;
  }
  io.err(
    format(text.written, io.locale, { count: report.rows.length, seeds: seeds.length, file: out }),
  );
  return 0;
});
