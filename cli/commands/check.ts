/** `robotyc check <program.ts>`: compiles a pupil program and prints its diagnostics. */
import { readFileSync, statSync } from "node:fs";
import { format, sizeDiagnostic, type Localized } from "../../runtime/index.ts";
import { compileIsolated } from "../../runtime/node.ts";
import { defineCommand, type CommandSpec } from "./args.ts";

const messages = {
  summary: {
    fr: "vérifie un programme de robot (types, syntaxe) sans le lancer",
    en: "checks a robot program (types, syntax) without running it",
  },
  program: { fr: "<programme.ts>", en: "<program.ts>" },
  programHelp: {
    fr: "le programme à vérifier (TypeScript ou JavaScript)",
    en: "the program to check (TypeScript or JavaScript)",
  },
  details: {
    fr: "montre aussi, sous chaque message, celui de TypeScript",
    en: "also shows TypeScript's own message under each one",
  },
  detail: { fr: "  TypeScript : {detail}", en: "  TypeScript: {detail}" },
  notFound: { fr: "Fichier introuvable : {file}", en: "File not found: {file}" },
  notAFile: { fr: "Ce n'est pas un fichier : {file}", en: "Not a file: {file}" },
  ok: { fr: "{file} : aucun problème.", en: "{file}: no problems." },
  warning: { fr: "attention", en: "warning" },
} satisfies Record<string, Localized>;

export const CHECK_SPEC: CommandSpec = {
  name: "check",
  summary: messages.summary,
  arguments: [{ value: messages.program, help: messages.programHelp }],
  options: [{ name: "details", kind: "flag", help: messages.details }],
};

export default defineCommand(CHECK_SPEC, async (parsed, io) => {
  const locale = io.locale;
  // --details: TypeScript's own message under each of ours, for who wants it.
  const details = parsed.flags.has("details");
  const file = parsed.positional[0]!;
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
    const prefix = d.severity === "warning" ? `${format(messages.warning, locale)}: ` : "";
    io.err(`${file}:${d.line}:${d.column}: ${prefix}${d.message}`);
    if (details && d.detail) io.err(format(messages.detail, locale, { detail: d.detail }));
  }
  if (!result.ok) return 1;
  io.out(format(messages.ok, locale, { file }));
  return 0;
});
