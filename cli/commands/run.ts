/**
 * `robotyc run <program.ts> --challenge <id> [--seed <n>] [--json] [--replay <file>] [--twin]`:
 * runs a program headless on a challenge and prints the score; `--twin` runs it on the twin (our
 * firmware on the emulated board, Johnny-Five, BoardRobot), scored the same way. Exit 0: the run completed (any score,
 * timeout included); 1: the program did not compile or failed while running; 2: bad usage or a
 * bad challenge file.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import {
  breakdownLine,
  localizeBreakdown,
  resolveChallenge,
  resultJson,
  runChallenge,
  tuneSimulationHost,
  type Challenge,
} from "../../challenges/node.ts";
import { format, LocalizedError, type Localized } from "../../runtime/engine.ts";
import { closeCompiler, compileIsolated } from "../../runtime/node.ts";
import type { Command, CommandIO } from "../main.ts";
import { parseArgs, wholeNumber } from "./args.ts";

const text = {
  summary: {
    fr: "lance un programme sur un défi, sans affichage, et donne le score",
    en: "runs a program on a challenge, headless, and prints the score",
  },
  usage: {
    fr: "Utilisation : robotyc run <programme.ts> --challenge <id> [--seed <n>] [--json] [--replay <fichier>] [--twin]",
    en: "Usage: robotyc run <program.ts> --challenge <id> [--seed <n>] [--json] [--replay <file>] [--twin]",
  },
  unreadable: {
    fr: "Impossible de lire le programme « {file} » : {detail}",
    en: 'Cannot read the program "{file}": {detail}',
  },
  header: { fr: "Défi « {title} », graine {seed}", en: 'Challenge "{title}", seed {seed}' },
  twin: {
    fr: "Sur le jumeau numérique : notre firmware sur la carte émulée, Johnny-Five, étalonnage du jumeau.",
    en: "On the digital twin: our firmware on the emulated board, Johnny-Five, the twin's calibration.",
  },
  finished: { fr: "Programme terminé à {time} s.", en: "Program finished at {time} s." },
  timeout: {
    fr: "Temps écoulé : le programme tournait encore à {time} s.",
    en: "Time is up: the program was still running at {time} s.",
  },
  error: { fr: "Le programme a échoué : {message}", en: "The program failed: {message}" },
  compileError: {
    fr: "Le programme ne peut pas démarrer : {message}",
    en: "The program cannot start: {message}",
  },
  total: { fr: "Score : {score} / {max}", en: "Score: {score} / {max}" },
  replay: { fr: "Replay écrit dans « {file} ».", en: 'Replay written to "{file}".' },
  replayFailed: {
    fr: "Impossible d'écrire le replay « {file} » : {detail}",
    en: 'Cannot write the replay "{file}": {detail}',
  },
} satisfies Record<string, Localized>;

/** ROBOTYC_WATCHDOG_SECONDS lowers the sandbox's last-resort watchdog (for tests; default 60 s). */
function watchdogFromEnv(): { limits?: { watchdogMs: number } } {
  const seconds = Number(process.env.ROBOTYC_WATCHDOG_SECONDS);
  return seconds > 0 ? { limits: { watchdogMs: seconds * 1000 } } : {};
}

function usage(io: CommandIO): number {
  io.err(format(text.usage, io.locale));
  return 2;
}

const command: Command = {
  summary: text.summary,
  async run(args, io) {
    tuneSimulationHost();
    const parsed = parseArgs(args, ["challenge", "seed", "replay"], ["json", "twin"]);
    if (!parsed || parsed.positional.length !== 1 || !parsed.options.challenge) return usage(io);
    const seed = parsed.options.seed === undefined ? 1 : wholeNumber(parsed.options.seed);
    if (seed === undefined) return usage(io);
    const programPath = parsed.positional[0]!;
    const json = parsed.flags.has("json");
    const twin = parsed.flags.has("twin");

    let challenge: Challenge;
    try {
      challenge = resolveChallenge(parsed.options.challenge).challenge;
    } catch (error) {
      if (!(error instanceof LocalizedError)) throw error;
      io.err(error.localized(io.locale));
      return 2;
    }
    let source: Buffer;
    try {
      source = readFileSync(programPath);
    } catch (error) {
      io.err(
        format(text.unreadable, io.locale, { file: programPath, detail: (error as Error).message }),
      );
      return 2;
    }

    // Compiled in a worker thread with a heap cap and a watchdog (a type-level bomb cannot take
    // this process down); this process never loads TypeScript.
    const compiled = await compileIsolated(source, {
      locale: io.locale,
      fileName: basename(programPath),
    });
    await closeCompiler();
    // The twin (and Johnny-Five with it) is loaded only when asked for.
    const run = twin ? (await import("../../twin/index.ts")).runTwinChallenge : runChallenge;
    const result = await run({
      source: compiled,
      // The replay keeps the program as written.
      program: { source: new TextDecoder().decode(source), language: "typescript" },
      challenge,
      seed,
      locale: io.locale,
      // With --json, stdout holds the result alone: the program's prints go to stderr. A slow
      // reader makes the run wait (the sandbox waits at the program's next pause).
      print: (line: string) => {
        (json ? io.err : io.out)(line);
        return io.drained?.(json ? "err" : "out");
      },
      record: parsed.options.replay !== undefined,
      ...watchdogFromEnv(),
    });

    if (parsed.options.replay !== undefined && result.replay !== undefined) {
      const file = parsed.options.replay;
      const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
      try {
        writeFileSync(temp, JSON.stringify(result.replay));
        renameSync(temp, file);
        if (!json) io.err(format(text.replay, io.locale, { file }));
      } catch (error) {
        rmSync(temp, { force: true });
        io.err(format(text.replayFailed, io.locale, { file, detail: (error as Error).message }));
        return 2;
      }
    }

    if (json)
      io.out(
        JSON.stringify({ ...resultJson(result, io.locale), ...(twin ? { driver: "twin" } : {}) }),
      );
    else {
      const lines = [format(text.header, io.locale, { title: challenge.title[io.locale], seed })];
      if (twin) lines.push(format(text.twin, io.locale));
      const time = result.simTime.toFixed(1);
      if (result.outcome === "finished") lines.push(format(text.finished, io.locale, { time }));
      if (result.outcome === "timeout") lines.push(format(text.timeout, io.locale, { time }));
      if (result.error) {
        // The message names its line and column once.
        const failed = result.error.stage === "compile" ? text.compileError : text.error;
        lines.push(format(failed, io.locale, { message: result.error.message }));
      }
      lines.push(...localizeBreakdown(result.breakdown, io.locale).map(breakdownLine));
      lines.push(format(text.total, io.locale, { score: result.score, max: result.maxScore }));
      io.out(lines.join("\n"));
    }
    return result.outcome === "error" || result.outcome === "watchdog" ? 1 : 0;
  },
};

export default command;
