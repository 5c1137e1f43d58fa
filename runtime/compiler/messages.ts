import type { Localized } from "../i18n.ts";

/** Messages of the compiler's own checks (TypeScript's own diagnostics come localized from it). */
export const compilerMessages = {
  empty: {
    fr: "Le programme est vide : écris au moins une instruction, par exemple « await robot.forward(20); ».",
    en: 'The program is empty: write at least one instruction, for example "await robot.forward(20);".',
  },
  tooLarge: {
    fr: "Le programme est trop long ({size} Ko ; au plus {max} Ko).",
    en: "The program is too long ({size} kB; at most {max} kB).",
  },
  notUtf8: {
    fr: "Ce fichier n'est pas un texte lisible (encodage UTF-8 invalide). Enregistre-le en UTF-8.",
    en: "This file is not readable text (invalid UTF-8 encoding). Save it as UTF-8.",
  },
  binary: {
    fr: "Ce fichier ne ressemble pas à un programme : il contient des caractères binaires (ligne {line}).",
    en: "This file does not look like a program: it contains binary characters (line {line}).",
  },
  importRefused: {
    fr: "Un programme de robot ne peut pas importer d'autres fichiers ou modules : tout doit être dans ce fichier.",
    en: "A robot program cannot import other files or modules: everything must be in this file.",
  },
  exportRefused: {
    fr: "Un programme de robot n'exporte rien : enlève « export ».",
    en: 'A robot program exports nothing: remove "export".',
  },
  notInSandbox: {
    fr: "« {name} » n'existe pas dans un programme de robot.",
    en: '"{name}" does not exist in a robot program.',
  },
  useInstead: {
    fr: "« {name} » n'existe pas dans un programme de robot : utilise {instead}.",
    en: '"{name}" does not exist in a robot program: use {instead}.',
  },
  internal: {
    fr: "Le compilateur a rencontré un problème interne : {detail}",
    en: "The compiler met an internal problem: {detail}",
  },
} satisfies Record<string, Localized>;
