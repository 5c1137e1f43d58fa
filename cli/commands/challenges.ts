/**
 * `robotyc challenges [<id|file.json>] [--json]`: lists the challenges of the pack; with an id (or
 * a teacher's challenge file), prints the challenge as a pupil reads it: title, instructions, time
 * limit, what scores points.
 */
import {
  challengeBrief,
  loadPack,
  resolveChallenge,
  type ChallengeBrief,
} from "../../challenges/node.ts";
import { format, formatNumber, textIn, type Locale, type Localized } from "../../runtime/index.ts";
import { defineCommand, type CommandSpec } from "./args.ts";

const text = {
  summary: {
    fr: "liste les défis, ou montre un défi comme l'élève le lit (robotyc challenges <id>)",
    en: "lists the challenges, or shows one as a pupil reads it (robotyc challenges <id>)",
  },
  id: { fr: "<id|fichier.json>", en: "<id|file.json>" },
  idHelp: {
    fr: "un défi à montrer en entier (consignes, temps, points) ; sans lui, la liste des défis",
    en: "a challenge to show whole (instructions, time, points); without it, the list of challenges",
  },
  jsonHelp: {
    fr: "écrit la liste, ou le défi, en JSON",
    en: "writes the list, or the challenge, as JSON",
  },
  limit: { fr: "{s} s", en: "{s} s" },
  timeLimit: { fr: "Temps limite : {s} s", en: "Time limit: {s} s" },
  points: { fr: "Points :", en: "Points:" },
  sorting: { fr: "Où va chaque objet :", en: "Where each item goes:" },
  goesTo: { fr: "{kind} → {bin}", en: "{kind} → {bin}" },
  maxScore: { fr: "Score maximum : {max}", en: "Best possible score: {max}" },
  parts: { fr: "Le robot a : {parts}", en: "The robot has: {parts}" },
} satisfies Record<string, Localized>;

export const CHALLENGES_SPEC: CommandSpec = {
  name: "challenges",
  summary: text.summary,
  arguments: [{ value: text.id, help: text.idHelp, count: "optional" }],
  options: [{ name: "json", kind: "flag", help: text.jsonHelp }],
};

/** Words wrapped at `width` columns, for a terminal. */
function wrap(paragraph: string, width = 80, indent = ""): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    if (line !== "" && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(indent + line);
  return lines;
}

const signed = (points: number, locale: Locale) =>
  (points > 0 ? "+" : "") + formatNumber(points, locale);

function briefText(brief: ChallengeBrief, locale: Locale): string {
  const t = (m: Localized, p: Record<string, string | number> = {}) => format(m, locale, p);
  const width = Math.max(...brief.points.map((p) => signed(p.points, locale).length));
  return [
    `${textIn(brief.title, locale)} (${brief.id})`,
    "",
    ...wrap(textIn(brief.instructions, locale)),
    "",
    t(text.timeLimit, { s: brief.timeLimit }),
    ...wrap(t(text.parts, { parts: brief.parts.map((p) => textIn(p.name, locale)).join(", ") })),
    "",
    t(text.points),
    ...brief.points.map(
      (p) => `  ${signed(p.points, locale).padStart(width)}  ${textIn(p.rule, locale)}`,
    ),
    ...(brief.sorting.length > 0
      ? [
          "",
          t(text.sorting),
          ...brief.sorting.map(
            (s) =>
              "  " + t(text.goesTo, { kind: textIn(s.name, locale), bin: textIn(s.bin, locale) }),
          ),
        ]
      : []),
    "",
    t(text.maxScore, { max: brief.maxScore }),
  ].join("\n");
}

function briefJson(brief: ChallengeBrief, locale: Locale): Record<string, unknown> {
  return {
    id: brief.id,
    title: textIn(brief.title, locale),
    instructions: textIn(brief.instructions, locale),
    timeLimit: brief.timeLimit,
    points: brief.points.map((p) => ({ points: p.points, rule: textIn(p.rule, locale) })),
    sorting: brief.sorting.map((s) => ({
      kind: s.kind,
      name: textIn(s.name, locale),
      bin: textIn(s.bin, locale),
    })),
    maxScore: brief.maxScore,
    parts: brief.parts.map((p) => p.part),
  };
}

export default defineCommand(CHALLENGES_SPEC, async (parsed, io) => {
  const json = parsed.flags.has("json");
  const id = parsed.positional[0];
  if (id !== undefined) {
    const brief = challengeBrief(resolveChallenge(id).challenge);
    io.out(json ? JSON.stringify(briefJson(brief, io.locale)) : briefText(brief, io.locale));
    return 0;
  }
  const rows = loadPack().map((c) => ({
    id: c.id,
    title: textIn(c.title, io.locale),
    timeLimit: c.timeLimit,
  }));
  if (json) {
    io.out(JSON.stringify(rows));
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.id.length));
  io.out(
    rows
      .map(
        (r) =>
          `${r.id.padEnd(width)}  ${format(text.limit, io.locale, { s: r.timeLimit }).padStart(5)}  ${r.title}`,
      )
      .join("\n"),
  );
  return 0;
});
