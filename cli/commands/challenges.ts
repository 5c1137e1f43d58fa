/** `robotyc challenges [--json]`: lists the challenges of the pack. */
import { loadPack } from "../../challenges/node.ts";
import { format, LocalizedError, type Localized } from "../../runtime/index.ts";
import type { Command } from "../main.ts";

const text = {
  summary: { fr: "liste les défis", en: "lists the challenges" },
  usage: {
    fr: "Utilisation : robotyc challenges [--json]",
    en: "Usage: robotyc challenges [--json]",
  },
  limit: { fr: "{s} s", en: "{s} s" },
} satisfies Record<string, Localized>;

const command: Command = {
  summary: text.summary,
  async run(args, io) {
    const json = args.includes("--json");
    if (args.some((a) => a !== "--json")) {
      io.err(format(text.usage, io.locale));
      return 2;
    }
    let pack;
    try {
      pack = loadPack();
    } catch (error) {
      if (!(error instanceof LocalizedError)) throw error;
      io.err(error.localized(io.locale));
      return 2;
    }
    const rows = pack.map((c) => ({ id: c.id, title: c.title[io.locale], timeLimit: c.timeLimit }));
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
  },
};

export default command;
