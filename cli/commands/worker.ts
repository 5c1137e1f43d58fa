/**
 * `robotyc worker --queue redis://host:6379 [--jobs <n>] [--json]`: takes grading jobs from a
 * shared queue and runs them on this machine's threads, for `robotyc grade --queue` or a
 * classroom with --queue (a departmental final graded on many machines). Runs until Ctrl+C,
 * which lets the jobs in hand finish; a worker killed outright loses nothing (its jobs go to
 * another worker).
 */
import { availableParallelism } from "node:os";
import { startQueueWorker, type QueueWorkerEvent } from "../../challenges/node.ts";
import { format, LocalizedError, type Localized } from "../../i18n/index.ts";
import type { Command, CommandIO } from "../main.ts";
import { parseArgs, wholeNumber } from "./args.ts";
import { untilStopped } from "./signals.ts";

const text = {
  summary: {
    fr: "prend des travaux de notation dans une file partagée (Redis) et les note sur cette machine",
    en: "takes grading jobs from a shared queue (Redis) and grades them on this machine",
  },
  usage: {
    fr: "Utilisation : robotyc worker --queue redis://<hôte>:6379 [--jobs <n>] [--json]",
    en: "Usage: robotyc worker --queue redis://<host>:6379 [--jobs <n>] [--json]",
  },
  ready: {
    fr: "Prêt : {jobs} fil(s) de notation attendent des travaux sur {url}. Ctrl+C pour arrêter.",
    en: "Ready: {jobs} grading thread(s) waiting for jobs on {url}. Ctrl+C to stop.",
  },
  done: {
    fr: "{program}, graine {seed} : {score} points ({seconds} s)",
    en: "{program}, seed {seed}: {score} points ({seconds} s)",
  },
  stopping: {
    fr: "Arrêt : les travaux en cours se terminent…",
    en: "Stopping: the jobs in hand finish…",
  },
} satisfies Record<string, Localized>;

function fail(io: CommandIO, message: Localized, params: Record<string, string | number> = {}) {
  io.err(format(message, io.locale, params));
  return 2;
}

const command: Command = {
  summary: text.summary,
  async run(args, io) {
    const parsed = parseArgs(args, ["queue", "jobs"], ["json"]);
    if (!parsed || parsed.positional.length > 0 || !parsed.options.queue) {
      return fail(io, text.usage);
    }
    const url = parsed.options.queue;
    const jobs =
      parsed.options.jobs === undefined
        ? Math.max(1, availableParallelism())
        : wholeNumber(parsed.options.jobs);
    if (!jobs) return fail(io, text.usage);
    const json = parsed.flags.has("json");
    const onEvent = (event: QueueWorkerEvent) => {
      if (json) io.out(JSON.stringify({ ...event, time: new Date().toISOString() }));
      else if (event.type === "done") {
        io.out(
          format(text.done, io.locale, {
            program: event.program,
            seed: event.seed,
            score: event.score!,
            seconds: ((event.wallMs ?? 0) / 1000).toFixed(1),
          }),
        );
      }
    };
    let worker;
    try {
      worker = await startQueueWorker({ url, threads: jobs, onEvent });
    } catch (error) {
      if (!(error instanceof LocalizedError)) throw error;
      io.err(error.localized(io.locale));
      return 2;
    }
    if (json) io.out(JSON.stringify({ type: "ready", queue: url, jobs }));
    else io.err(format(text.ready, io.locale, { jobs, url }));
    await untilStopped();
    if (!json) io.err(format(text.stopping, io.locale));
    await worker.close();
    return 0;
  },
};

export default command;
