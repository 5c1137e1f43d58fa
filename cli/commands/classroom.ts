/**
 * `robotyc classroom --challenge <id> --minutes <n> [--seeds 1,2,3] [--host <address>]
 * [--port 8080] [--data <folder>] [--jobs <n> | --queue <redis url>] [--new] [--json]`: runs a
 * timed classroom session on this machine for the school LAN. Prints the class code, the address
 * pupils type and the teacher's links; with --json, one JSON object `{url, code, teacherToken}`
 * first, then one JSON line per event. Runs until Ctrl+C; started again on the same --data, the
 * session goes on. With --queue, `robotyc worker`s on other machines grade the submissions.
 */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { localGrader, queueGrader, resolveChallenge, type Grader } from "../../challenges/node.ts";
import {
  Classroom,
  displayCode,
  MAX_MINUTES,
  startClassroomServer,
  type ClassroomEvent,
} from "../../classroom/index.ts";
import { format, LocalizedError, type Locale, type Localized } from "../../i18n/index.ts";
import type { CommandIO } from "../main.ts";
import { defineCommand, type CommandSpec } from "./args.ts";
import { untilStopped } from "./signals.ts";

const text = {
  summary: {
    fr: "lance une séance chronométrée pour la classe, sur le réseau de l'établissement",
    en: "runs a timed classroom session on the school network",
  },
  badPort: {
    fr: "--port doit être un nombre entier de 0 à 65535 (0 : un port libre).",
    en: "--port must be a whole number from 0 to 65535 (0: a free port).",
  },
  badMinutes: {
    fr: "--minutes doit être un nombre entier de 1 à {max}.",
    en: "--minutes must be a whole number from 1 to {max}.",
  },
  busyPort: {
    fr: "Le port {port} est déjà utilisé sur cette machine. Choisis-en un autre avec --port.",
    en: "Port {port} is already in use on this machine. Choose another one with --port.",
  },
  badHost: {
    fr: "Impossible d'écouter sur l'adresse « {host} » : {detail}",
    en: 'Cannot listen on the address "{host}": {detail}',
  },
  title: {
    fr: "Séance « {title} » : {minutes} min, graines {seeds}",
    en: 'Session "{title}": {minutes} min, seeds {seeds}',
  },
  resumed: {
    fr: "Séance reprise ({requeued} envoi(s) en attente de note reprennent).",
    en: "Session resumed ({requeued} submission(s) waiting for a score are graded again).",
  },
  code: { fr: "Code de la classe : {code}", en: "Class code: {code}" },
  pupils: { fr: "Les élèves ouvrent : {url}", en: "Pupils open: {url}" },
  otherAddresses: { fr: "  (autres adresses : {urls})", en: "  (other addresses: {urls})" },
  teacher: { fr: "Page du professeur : {url}", en: "Teacher's page: {url}" },
  board: { fr: "Tableau des scores (projecteur) : {url}", en: "Scoreboard (projector): {url}" },
  data: {
    fr: "Données : {data} — Ctrl+C arrête le serveur ; relancé avec le même dossier, la séance continue.",
    en: "Data: {data} — Ctrl+C stops the server; started again on the same folder, the session goes on.",
  },
  joined: {
    fr: "{time} {pupil} a rejoint la classe ({count} élève(s))",
    en: "{time} {pupil} joined the class ({count} pupil(s))",
  },
  submitted: {
    fr: "{time} {pupil} a envoyé un programme (n° {id})",
    en: "{time} {pupil} sent a program (no. {id})",
  },
  graded: {
    fr: "{time} envoi n° {id} de {pupil} noté : {score} / {max}",
    en: "{time} submission no. {id} from {pupil} graded: {score} / {max}",
  },
  waiting: {
    fr: "{time} en attente : le professeur lance le compte à rebours depuis sa page",
    en: "{time} waiting: the teacher starts the countdown from their page",
  },
  running: {
    fr: "{time} séance en cours, fin à {end}",
    en: "{time} session running, ends at {end}",
  },
  ended: { fr: "{time} séance terminée", en: "{time} session over" },
  exported: { fr: "Résultats : {csv} et {json}", en: "Results: {csv} and {json}" },
  stopping: {
    fr: "Arrêt du serveur ; la séance est enregistrée dans {data}.",
    en: "Stopping the server; the session is saved in {data}.",
  },
} satisfies Record<string, Localized>;

/** What `--help` explains. */
export const CLASSROOM_SPEC: CommandSpec = {
  name: "classroom",
  summary: text.summary,
  options: [
    {
      name: "challenge",
      kind: "text",
      value: { fr: "<id|fichier.json>", en: "<id|file.json>" },
      help: { fr: "le défi de la séance", en: "the session's challenge" },
      required: true,
    },
    {
      name: "minutes",
      kind: "count",
      value: { fr: "<n>", en: "<n>" },
      help: {
        fr: "la durée de la séance ; 20 par défaut",
        en: "the session's length; 20 by default",
      },
    },
    {
      name: "seeds",
      kind: "seeds",
      value: { fr: "<1,2,3>", en: "<1,2,3>" },
      help: {
        fr: "les graines de la notation, comme 1,2,3 ou 1..5 ; 1,2,3 par défaut",
        en: "the grading's seeds, such as 1,2,3 or 1..5; 1,2,3 by default",
      },
    },
    {
      name: "host",
      kind: "text",
      value: { fr: "<adresse>", en: "<address>" },
      help: {
        fr: "l'adresse où écouter ; toutes celles du réseau local par défaut",
        en: "the address to listen on; every local network one by default",
      },
    },
    {
      name: "port",
      kind: "whole",
      value: { fr: "<port>", en: "<port>" },
      help: {
        fr: "le port du serveur ; 8080 par défaut",
        en: "the server's port; 8080 by default",
      },
    },
    {
      name: "data",
      kind: "text",
      value: { fr: "<dossier>", en: "<folder>" },
      help: {
        fr: "le dossier où la séance est enregistrée ; robotyc-classe par défaut",
        en: "the folder the session is saved in; robotyc-classe by default",
      },
    },
    {
      name: "jobs",
      kind: "count",
      value: { fr: "<n>", en: "<n>" },
      help: {
        fr: "combien de parcours notés en même temps ; un par cœur par défaut",
        en: "how many runs graded at the same time; one per core by default",
      },
    },
    {
      name: "queue",
      kind: "text",
      value: { fr: "redis://<hôte>:6379", en: "redis://<host>:6379" },
      help: {
        fr: "note sur une file partagée (Redis) : des « robotyc worker » sur d'autres machines notent les envois (au lieu de --jobs)",
        en: 'grades on a shared queue (Redis): "robotyc worker"s on other machines grade the submissions (instead of --jobs)',
      },
    },
    {
      name: "new",
      kind: "flag",
      help: {
        fr: "commence une nouvelle séance au lieu de reprendre celle du dossier",
        en: "starts a new session instead of resuming the folder's",
      },
    },
    {
      name: "json",
      kind: "flag",
      help: {
        fr: "écrit {url, code, teacherToken} puis un objet JSON par événement",
        en: "writes {url, code, teacherToken} then one JSON object per event",
      },
    },
  ],
};

function fail(io: CommandIO, message: Localized, params: Record<string, string | number> = {}) {
  io.err(format(message, io.locale, params));
  return 2;
}

const clock = (ms: number, locale: Locale) =>
  new Date(ms).toLocaleTimeString(locale === "fr" ? "fr-FR" : "en-GB", { hour12: false });

function eventLine(event: ClassroomEvent, locale: Locale, now: number): string | undefined {
  const time = clock(now, locale);
  switch (event.type) {
    case "joined":
      return format(text.joined, locale, { time, pupil: event.pupil, count: event.pupils });
    case "submitted":
      return format(text.submitted, locale, { time, pupil: event.pupil, id: event.id });
    case "graded":
      return format(text.graded, locale, {
        time,
        id: event.id,
        pupil: event.pupil,
        score: event.score.toLocaleString(locale),
        max: event.maxScore.toLocaleString(locale),
      });
    case "session":
      if (event.state === "running") {
        return format(text.running, locale, {
          time,
          end: clock(Date.parse(event.endsAt!), locale),
        });
      }
      return format(event.state === "ended" ? text.ended : text.waiting, locale, { time });
    case "exported":
      return format(text.exported, locale, { csv: event.csv, json: event.json });
  }
}

export default defineCommand(CLASSROOM_SPEC, async (parsed, io) => {
  const minutes = parsed.numbers.minutes ?? 20;
  if (minutes > MAX_MINUTES) return fail(io, text.badMinutes, { max: MAX_MINUTES });
  const seeds = parsed.lists.seeds ?? [1, 2, 3];
  const port = parsed.numbers.port ?? 8080;
  if (port > 65535) return fail(io, text.badPort);
  const jobs = parsed.numbers.jobs ?? Math.max(1, availableParallelism());
  const data = resolve(parsed.options.data ?? "robotyc-classe");
  const json = parsed.flags.has("json");

  const challengeName = parsed.options.challenge!;
  const queue = parsed.options.queue;
  let classroom: Classroom;
  let grader: Grader | undefined;
  try {
    resolveChallenge(challengeName);
    // On a queue, the room's grading is spread over `robotyc worker`s; replays stay local.
    grader = queue === undefined ? localGrader(jobs) : await queueGrader(queue);
    classroom = Classroom.open({
      data,
      challenge: challengeName,
      minutes,
      seeds,
      locale: io.locale,
      grader,
      ...(queue !== undefined ? { replays: () => localGrader(1) } : {}),
      fresh: parsed.flags.has("new"),
    });
  } catch (error) {
    await grader?.close();
    if (!(error instanceof LocalizedError)) throw error;
    io.err(error.localized(io.locale));
    return 2;
  }
  const host = parsed.options.host ?? "0.0.0.0";
  let server;
  try {
    server = await startClassroomServer(classroom, { host, port });
  } catch (error) {
    await classroom.close();
    const e = error as NodeJS.ErrnoException;
    if (e.code === "EADDRINUSE") return fail(io, text.busyPort, { port });
    return fail(io, text.badHost, { host, detail: e.message });
  }

  const token = classroom.teacherToken;
  if (json) {
    io.out(JSON.stringify({ url: server.url, code: classroom.code, teacherToken: token }));
  } else {
    const session = classroom.record;
    const lines = [
      format(text.title, io.locale, {
        title: classroom.challenge.title[io.locale],
        minutes: session.minutes,
        seeds: session.seeds.join(", "),
      }),
      ...(classroom.resumed
        ? [format(text.resumed, io.locale, { requeued: classroom.requeued })]
        : []),
      format(text.code, io.locale, { code: displayCode(classroom.code) }),
      format(text.pupils, io.locale, { url: server.url }),
      ...(server.urls.length > 1
        ? [format(text.otherAddresses, io.locale, { urls: server.urls.slice(1).join(", ") })]
        : []),
      format(text.teacher, io.locale, { url: `${server.url}/teacher#${token}` }),
      format(text.board, io.locale, { url: `${server.url}/board#${token}` }),
      format(text.data, io.locale, { data }),
    ];
    io.out(lines.join("\n"));
  }
  classroom.onEvent((event) => {
    if (json) io.out(JSON.stringify({ ...event, time: new Date().toISOString() }));
    else {
      const line = eventLine(event, io.locale, Date.now());
      if (line) io.out(line);
    }
  });

  await untilStopped();
  if (!json) io.err(format(text.stopping, io.locale, { data }));
  await server.close();
  await classroom.close();
  return 0;
});
