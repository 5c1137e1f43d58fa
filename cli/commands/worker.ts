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
import { defineCommand, type CommandSpec } from "./args.ts";
import { untilStopped } from "./signals.ts";

const text = {
  summary: {
    fr: "prend des travaux de notation dans une file partagée (Redis) et les note sur cette machine",
    en: "takes grading jobs from a shared queue (Redis) and grades them on this machine",
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

export const WORKER_SPEC: CommandSpec = {
  name: "worker",
  summary: text.summary,
  options: [
    {
      name: "queue",
      kind: "text",
      value: { fr: "redis://<hôte>:6379", en: "redis://<host>:6379" },
      help: {
        fr: "la file partagée où « robotyc grade --queue » ou « robotyc classroom --queue » déposent les parcours",
        en: 'the shared queue where "robotyc grade --queue" or "robotyc classroom --queue" put the runs',
      },
      required: true,
    },
    {
      name: "jobs",
      kind: "count",
      value: { fr: "<n>", en: "<n>" },
      help: {
        fr: "combien de parcours en même temps ; par défaut, un par cœur du processeur",
        en: "how many runs at the same time; by default, one per processor core",
      },
    },
    {
      name: "json",
      kind: "flag",
      help: {
        fr: "une ligne JSON par événement (prêt, parcours commencé, parcours noté)",
        en: "one JSON line per event (ready, run started, run graded)",
      },
    },
  ],
};

export default defineCommand(WORKER_SPEC, async (parsed, io) => {
  const url = parsed.options.queue!;
  const jobs = parsed.numbers.jobs ?? Math.max(1, availableParallelism());
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
});
