/** `robotyc check <program.ts>`: compiles a pupil program and prints its diagnostics. */
import { readFileSync, statSync } from "node:fs";
import { format, sizeDiagnostic, type Localized } from "../../runtime/index.ts";
import { compileIsolated } from "../../runtime/node.ts";
import type { Command } from "../main.ts";

const messages = {
  summary: {
    fr: "vérifie un programme de robot (types, syntaxe) sans le lancer",
    en: "checks a robot program (types, syntax) without running it",
  },
  usage: {
    fr: "Utilisation : robotyc check <programme.ts> [--details]",
    en: "Usage: robotyc check <program.ts> [--details]",
  },
  detail: { fr: "  TypeScript : {detail}", en: "  TypeScript: {detail}" },
  notFound: { fr: "Fichier introuvable : {file}", en: "File not found: {file}" },
  notAFile: { fr: "Ce n'est pas un fichier : {file}", en: "Not a file: {file}" },
  ok: { fr: "{file} : aucun problème.", en: "{file}: no problems." },
  warning: { fr: "attention", en: "warning" },
} satisfies Record<string, Localized>;

const check: Command = {
  summary: messages.summary,
  async run(args, io) {
    const locale = io.locale;
    // --details: TypeScript's own message under each of ours, for who wants it.
    const details = args.includes("--details");
    args = args.filter((a) => a !== "--details");
    if (args.length !== 1 || args[0]!.startsWith("-")) {
      io.err(format(messages.usage, locale));
      return 2;
    }
    const file = args[0]!;
    let bytes: Uint8Array;
    try {
      const info = statSync(file);
      if (!info.isFile()) {
        io.err(format(messages.notAFile, locale, { file }));
        return 2;
      }
      // A huge file is refused from its size alone, without reading it.
      const tooLarge = sizeDiagnostic(info.size, locale);
      if (tooLarge) {
        io.err(`${file}:${tooLarge.line}:${tooLarge.column}: ${tooLarge.message}`);
        return 1;
      }
      bytes = readFileSync(file);
    } catch {
      io.err(format(messages.notFound, locale, { file }));
      return 2;
    }
    // In a worker thread with a heap cap and a watchdog: no program can take this process down.
    const result = await compileIsolated(bytes, { locale, fileName: file });
    for (const d of result.diagnostics) {
      const prefix = d.severity === "warning" ? `${messages.warning[locale]}: ` : "";
      io.err(`${file}:${d.line}:${d.column}: ${prefix}${d.message}`);
      if (details && d.detail) io.err(format(messages.detail, locale, { detail: d.detail }));
    }
    if (!result.ok) return 1;
    io.out(format(messages.ok, locale, { file }));
    return 0;
  },
};

export default check;
