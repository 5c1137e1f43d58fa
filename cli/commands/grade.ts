/**
 * `robotyc grade <folder> --challenge <id> [--seeds 1,2,3] [--jobs <n>] [--out <file>]`: grades
 * every program of a folder on every seed in parallel worker threads. Writes a CSV or JSON file
 * (by extension), whole or not at all; without --out, prints the table.
 */
import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import {
  formatOf,
  gradeFolder,
  programsIn,
  resolveChallenge,
  toCsv,
  writeResults,
} from "../../challenges/node.ts";
import { format, LocalizedError, type Localized } from "../../runtime/engine.ts";
import type { Command, CommandIO } from "../main.ts";
import { parseArgs, wholeNumber } from "./args.ts";

const text = {
  summary: {
    fr: "note tous les programmes d'un dossier sur un défi, en parallèle",
    en: "grades every program of a folder on a challenge, in parallel",
  },
  usage: {
    fr: "Utilisation : robotyc grade <dossier> --challenge <id> [--seeds 1,2,3] [--jobs <n>] [--out <fichier.csv|fichier.json>]",
    en: "Usage: robotyc grade <folder> --challenge <id> [--seeds 1,2,3] [--jobs <n>] [--out <file.csv|file.json>]",
  },
  noFolder: { fr: "« {folder} » n'est pas un dossier.", en: '"{folder}" is not a folder.' },
  noPrograms: {
    fr: "Aucun programme (.ts ou .js) dans « {folder} ».",
    en: 'No program (.ts or .js) in "{folder}".',
  },
  badOut: {
    fr: "Le fichier de résultats doit finir par .csv ou .json : « {file} ».",
    en: 'The result file must end in .csv or .json: "{file}".',
  },
  cannotWrite: {
    fr: "Impossible d'écrire « {file} » : {detail}",
    en: 'Cannot write "{file}": {detail}',
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

function fail(
  io: CommandIO,
  message: Localized,
  params: Record<string, string | number> = {},
): number {
  io.err(format(message, io.locale, params));
  return 2;
}

export function parseSeeds(textValue: string | undefined): number[] | undefined {
  if (textValue === undefined) return [1, 2, 3];
  const seeds = textValue.split(",").map((s) => wholeNumber(s.trim()));
  if (seeds.length === 0 || seeds.some((s) => s === undefined)) return undefined;
  return seeds as number[];
}

const command: Command = {
  summary: text.summary,
  async run(args, io) {
    const parsed = parseArgs(args, ["challenge", "seeds", "jobs", "out"], []);
    if (!parsed || parsed.positional.length !== 1 || !parsed.options.challenge) {
      return fail(io, text.usage);
    }
    const seeds = parseSeeds(parsed.options.seeds);
    const jobs =
      parsed.options.jobs === undefined
        ? Math.max(1, availableParallelism())
        : wholeNumber(parsed.options.jobs);
    if (!seeds || !jobs) return fail(io, text.usage);
    const folder = parsed.positional[0]!;
    const out = parsed.options.out;
    if (out !== undefined && !formatOf(out)) return fail(io, text.badOut, { file: out });
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      return fail(io, text.noFolder, { folder });
    }
    if (programsIn(folder).length === 0) return fail(io, text.noPrograms, { folder });
    try {
      resolveChallenge(parsed.options.challenge);
    } catch (error) {
      if (!(error instanceof LocalizedError)) throw error;
      io.err(error.localized(io.locale));
      return 2;
    }

    const report = await gradeFolder({
      folder,
      challenge: parsed.options.challenge,
      seeds,
      jobs,
      locale: io.locale,
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
    if (out === undefined) {
      io.out(toCsv(report.rows, seeds, io.locale, { terminal: true }).trimEnd());
      return 0;
    }
    try {
      writeResults(out, report.rows, seeds, io.locale);
    } catch (error) {
      return fail(io, text.cannotWrite, { file: out, detail: (error as Error).message });
    }
    io.err(
      format(text.written, io.locale, {
        count: report.rows.length,
        seeds: seeds.length,
        file: out,
      }),
    );
    return 0;
  },
};

export default command;
