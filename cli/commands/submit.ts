/**
 * `robotyc submit <program.ts> --server http://<address>:8080 --code <code> --name <pseudonym>`:
 * sends a program to the class's server from a terminal (for a pupil who has no app yet), waits
 * for its score and prints how it was made. The pupil's token is kept in their home folder, so
 * the next submission comes from the same pupil. Exit 0: graded; 1: graded, but the program
 * failed; 2: refused (bad code, time up...) or bad usage.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { breakdownLine } from "../../challenges/node.ts";
import { call, normalizeCode, waitForScore } from "../../classroom/index.ts";
import { format, formatNumber, systemErrorReason, type Localized } from "../../i18n/index.ts";
import type { Command, CommandIO } from "../main.ts";
import { helpText, parseArgs, type CommandSpec } from "./args.ts";

const text = {
  summary: {
    fr: "envoie un programme au serveur de la classe et attend sa note",
    en: "sends a program to the class server and waits for its score",
  },
  usage: {
    fr: "Utilisation : robotyc submit <programme.ts> --server http://<adresse>:8080 --code <code> --name <pseudo>",
    en: "Usage: robotyc submit <program.ts> --server http://<address>:8080 --code <code> --name <pseudonym>",
  },
  unreadable: {
    fr: "Impossible de lire le programme « {file} » : {detail}",
    en: 'Cannot read the program "{file}": {detail}',
  },
  noAnswer: { fr: "il ne répond pas", en: "it does not answer" },
  unreachable: {
    fr: "Impossible de joindre le serveur de la classe « {server} » : {detail}. Vérifie l'adresse au tableau.",
    en: 'Cannot reach the class server "{server}": {detail}. Check the address on the board.',
  },
  joined: {
    fr: "Tu as rejoint la classe sous le nom « {name} ».",
    en: 'You joined the class as "{name}".',
  },
  sent: {
    fr: "Programme n° {id} reçu ; notation en cours…",
    en: "Program no. {id} received; grading…",
  },
  seed: {
    fr: "Graine {seed} : {score} / {max} ({outcome})",
    en: "Seed {seed}: {score} / {max} ({outcome})",
  },
  finished: { fr: "terminé à {time} s", en: "finished at {time} s" },
  timeout: { fr: "temps écoulé à {time} s", en: "time up at {time} s" },
  failed: { fr: "échec", en: "failed" },
  error: { fr: "Le programme a échoué : {message}", en: "The program failed: {message}" },
  errorLine: {
    fr: "Le programme a échoué (ligne {line}) : {message}",
    en: "The program failed (line {line}): {message}",
  },
  total: { fr: "Note : {score} / {max}", en: "Score: {score} / {max}" },
} satisfies Record<string, Localized>;

/** Where a terminal pupil's tokens are kept: one per server, class code and pseudonym. */
const tokensFile = () => join(homedir(), ".robotyc-classe.json");

function savedTokens(): Record<string, string> {
  try {
    const file = tokensFile();
    return existsSync(file)
      ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>)
      : {};
  } catch {
    return {};
  }
}

function saveToken(key: string, token: string): void {
  const all = { ...savedTokens(), [key]: token };
  const file = tokensFile();
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(all, null, 2), { mode: 0o600 });
  renameSync(temp, file);
}

function fail(
  io: CommandIO,
  message: Localized | string,
  params: Record<string, string | number> = {},
) {
  io.err(typeof message === "string" ? message : format(message, io.locale, params));
  return 2;
}

/** What `--help` explains. */
export const SUBMIT_SPEC: CommandSpec = {
  name: "submit",
  summary: text.summary,
  arguments: [
    {
      value: { fr: "<programme.ts>", en: "<program.ts>" },
      help: { fr: "le programme à envoyer", en: "the program to send" },
    },
  ],
  options: [
    {
      name: "server",
      kind: "text",
      value: { fr: "http://<adresse>:8080", en: "http://<address>:8080" },
      help: {
        fr: "l'adresse du serveur de la classe (le professeur l'affiche)",
        en: "the class server's address (the teacher shows it)",
      },
      required: true,
    },
    {
      name: "code",
      kind: "text",
      value: { fr: "<code>", en: "<code>" },
      help: { fr: "le code de la classe", en: "the class code" },
      required: true,
    },
    {
      name: "name",
      kind: "text",
      value: { fr: "<pseudo>", en: "<pseudonym>" },
      help: { fr: "ton pseudo dans la classe", en: "your pseudonym in the class" },
      required: true,
    },
  ],
};

const command: Command & { spec: CommandSpec } = {
  spec: SUBMIT_SPEC,
  summary: text.summary,
  async run(args, io) {
    if (args.includes("--help") || args.includes("-h")) {
      io.out(helpText(SUBMIT_SPEC, io.locale));
      return 0;
    }
    const parsed = parseArgs(args, ["server", "code", "name"], []);
    const { server, code, name } = parsed?.options ?? {};
    if (!parsed || parsed.positional.length !== 1 || !server || !code || !name) {
      return fail(io, text.usage);
    }
    const file = parsed.positional[0]!;
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch (error) {
      return fail(io, text.unreadable, { file, detail: (error as Error).message });
    }
    const lang = io.locale;
    const key = `${server.replace(/\/+$/, "")} ${normalizeCode(code)} ${name.trim()}`;
    try {
      let token = savedTokens()[key];
      if (!token) {
        const joined = await call<{ token: string; message?: string }>(server, "/api/join", {
          body: { code, name },
          lang,
        });
        if (joined.status !== 201) return fail(io, joined.data.message ?? String(joined.status));
        token = joined.data.token;
        saveToken(key, token);
        io.err(format(text.joined, lang, { name: name.trim() }));
      }
      const sent = await call<{ id: number; message?: string }>(server, "/api/submissions", {
        token,
        body: { source },
        lang,
      });
      if (sent.status !== 201) return fail(io, sent.data.message ?? String(sent.status));
      io.err(format(text.sent, lang, { id: sent.data.id }));
      const graded = await waitForScore(server, token, sent.data.id, lang);
      if (graded.status !== 200) {
        return fail(io, (graded.data as unknown as { message?: string }).message ?? "");
      }
      const s = graded.data;
      const lines: string[] = [];
      for (const run of s.perSeed) {
        // To a tenth, as `robotyc run` and the breakdown write it.
        const time = formatNumber(run.simTime, lang, 1);
        const outcome =
          run.outcome === "finished"
            ? format(text.finished, lang, { time })
            : run.outcome === "timeout"
              ? format(text.timeout, lang, { time })
              : format(text.failed, lang);
        lines.push(
          format(text.seed, lang, {
            seed: run.seed,
            score: run.score.toLocaleString(lang),
            max: (run.maxScore ?? 0).toLocaleString(lang),
            outcome,
          }),
        );
        const breakdown = s.breakdown.find((b) => b.seed === run.seed)?.lines ?? [];
        lines.push(...breakdown.map((line) => `  ${breakdownLine(line)}`));
      }
      if (s.error) {
        lines.push(
          s.error.line !== undefined
            ? format(text.errorLine, lang, { line: s.error.line, message: s.error.message })
            : format(text.error, lang, { message: s.error.message }),
        );
      }
      lines.push(
        format(text.total, lang, {
          score: (s.score ?? 0).toLocaleString(lang),
          max: (s.maxScore ?? 0).toLocaleString(lang),
        }),
      );
      io.out(lines.join("\n"));
      return s.error ? 1 : 0;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      const reason = systemErrorReason(cause);
      return fail(io, text.unreachable, {
        server,
        detail: format(reason ?? text.noAnswer, io.locale),
      });
    }
  },
};

export default command;
