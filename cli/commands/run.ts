/**
 * `robotyc run <program.ts> --challenge <id> [--seed <n>] [--json] [--replay <file>] [--twin]`:
 * runs a program headless on a challenge and prints the score; `--twin` runs it on the twin (our
 * firmware on the emulated board, Johnny-Five, BoardRobot), scored the same way. Exit 0: the run completed (any score,
 * timeout included); 1: the program did not compile or failed while running, or the replay could
 * not be written where asked (it is then kept in a temporary folder); 2: bad usage or a bad
 * challenge file.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Challenge } from "../../challenges/node.ts";
import {
  format,
  formatNumber,
  LocalizedError,
  textIn,
  type Locale,
  type Localized,
} from "../../runtime/engine.ts";
import type { CommandIO } from "../main.ts";
import { defineCommand, type CommandSpec, type OptionSpec } from "./args.ts";
import { errorText } from "./errors.ts";
import { outputProblem } from "./output.ts";

/** The `--challenge` option, shared by the commands that run a challenge. */
export const CHALLENGE_OPTION: OptionSpec = {
  name: "challenge",
  kind: "text",
  value: { fr: "<id|fichier.json>", en: "<id|file.json>" },
  help: {
    fr: "le défi : son id (« robotyc challenges » les liste) ou un fichier de défi .json",
    en: 'the challenge: its id ("robotyc challenges" lists them) or a challenge .json file',
  },
  required: true,
};

const text = {
  summary: {
    fr: "lance un programme sur un défi, sans affichage, et donne le score",
    en: "runs a program on a challenge, headless, and prints the score",
  },
  program: { fr: "<programme.ts>", en: "<program.ts>" },
  programHelp: {
    fr: "le programme à lancer (TypeScript ou JavaScript)",
    en: "the program to run (TypeScript or JavaScript)",
  },
  seedHelp: {
    fr: "la graine du tirage (où sont posés les objets) ; 1 par défaut",
    en: "the draw's seed (where the items are placed); 1 by default",
  },
  jsonHelp: {
    fr: "écrit le résultat en JSON sur la sortie standard (les print du programme vont sur la sortie d'erreur)",
    en: "writes the result as JSON on standard output (the program's prints go to standard error)",
  },
  replayHelp: {
    fr: "enregistre le parcours dans ce fichier, pour le revoir en 3D",
    en: "records the run in this file, to watch it again in 3D",
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
  twinHelp: {
    fr: "lance le programme sur le jumeau numérique (notre firmware sur la carte émulée, Johnny-Five), noté de la même façon",
    en: "runs the program on the digital twin (our firmware on the emulated board, Johnny-Five), scored the same way",
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
  replayKept: {
    fr: "Le replay est gardé dans « {file} » : copie-le où tu veux.",
    en: 'The replay is kept in "{file}": copy it wherever you like.',
  },
} satisfies Record<string, Localized>;

export const RUN_SPEC: CommandSpec = {
  name: "run",
  summary: text.summary,
  arguments: [{ value: text.program, help: text.programHelp }],
  options: [
    CHALLENGE_OPTION,
    { name: "seed", kind: "whole", value: { fr: "<n>", en: "<n>" }, help: text.seedHelp },
    { name: "json", kind: "flag", help: text.jsonHelp },
    {
      name: "replay",
      kind: "text",
      value: { fr: "<fichier.json>", en: "<file.json>" },
      help: text.replayHelp,
    },
    { name: "twin", kind: "flag", help: text.twinHelp },
  ],
};

/** ROBOTYC_WATCHDOG_SECONDS lowers the sandbox's last-resort watchdog (for tests; default 60 s). */
function watchdogFromEnv(): { limits?: { watchdogMs: number } } {
  const seconds = Number(process.env.ROBOTYC_WATCHDOG_SECONDS);
  return seconds > 0 ? { limits: { watchdogMs: seconds * 1000 } } : {};
}

/** Writes the replay where asked; if that fails, says why and keeps it in a temporary folder. */
async function saveReplay(
  file: string,
  replay: unknown,
  io: CommandIO,
  locale: Locale,
): Promise<boolean> {
  const { writeFileWhole } = await import("../work/run.ts");
  const json = JSON.stringify(replay);
  try {
    writeFileWhole(file, json);
    return true;
  } catch (error) {
    io.err(format(text.replayFailed, locale, { file, detail: errorText(error, locale) }));
    const kept = join(mkdtempSync(join(tmpdir(), "robotyc-replay-")), basename(file));
    writeFileWhole(kept, json);
    io.err(format(text.replayKept, locale, { file: kept }));
    return false;
  }
}

export default defineCommand(RUN_SPEC, async (parsed, io) => {
  // The work loads here, not with the command: `robotyc --help` stays instant.
  const work = await import("../work/run.ts");
  const { breakdownLine, checkPlacementSeeds, closeCompiler, compileIsolated } = work;
  const { localizeBreakdown, resolveChallenge, resultJson, tuneSimulationHost } = work;
  // One run, then the process ends: baseline wasm code first (see tuneSimulationHost), and no
  // sandbox prepared for a next run.
  tuneSimulationHost("one-run");
  work.prepareAfterEachRun(false);
  // The physics engine compiles while the program does (in the compiler's worker).
  void work.warmUpSimulation();
  const seed = parsed.numbers.seed ?? 1;
  const programPath = parsed.positional[0]!;
  const json = parsed.flags.has("json");
  const twin = parsed.flags.has("twin");
  const replayFile = parsed.options.replay;

  let challenge: Challenge;
  try {
    const resolved = resolveChallenge(parsed.options.challenge!);
    challenge = resolved.challenge;
    // The seed's draw, before anything runs: a placement with no room is the file's fault.
    checkPlacementSeeds(challenge, [seed], resolved.file);
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
      format(text.unreadable, io.locale, {
        file: programPath,
        detail: errorText(error, io.locale),
      }),
    );
    return 2;
  }
  // Checked before the run: a run's result is never thrown away for want of a folder.
  const problem = replayFile === undefined ? undefined : outputProblem(replayFile, "replay.json");
  if (problem) {
    io.err(problem.localized(io.locale));
    return 2;
  }

  // Compiled in a worker thread with a heap cap and a watchdog (a type-level bomb cannot take
  // this process down); this process never loads TypeScript. Through the compile cache: a program run before is not
  // compiled again.
  const compiled = await work.compileCached(source, io.locale, basename(programPath), (s, l, f) =>
    compileIsolated(s, { locale: l, fileName: f }),
  );
  await closeCompiler();
  // The twin (and Johnny-Five with it) is loaded only when asked for.
  const runOn = twin ? (await import("../../twin/index.ts")).runTwinChallenge : work.runChallenge;
  const result = await runOn({
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
    record: replayFile !== undefined,
    ...watchdogFromEnv(),
  });

  if (json) {
    io.out(
      JSON.stringify({ ...resultJson(result, io.locale), ...(twin ? { driver: "twin" } : {}) }),
    );
  } else {
    const lines = [
      format(text.header, io.locale, { title: textIn(challenge.title, io.locale), seed }),
    ];
    if (twin) lines.push(format(text.twin, io.locale));
    const time = formatNumber(result.simTime, io.locale, 1);
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
  if (replayFile !== undefined && result.replay !== undefined) {
    if (!(await saveReplay(replayFile, result.replay, io, io.locale))) return 1;
    if (!json) io.err(format(text.replay, io.locale, { file: replayFile }));
  }
  return result.outcome === "error" || result.outcome === "watchdog" ? 1 : 0;
});
