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

/** The forgotten `await` (see missing-await.ts). `{waitsFor}` is one of the phrases below. */
export const missingAwaitMessages = {
  missingAwait: {
    fr: "Il manque « await » devant {call} : sans lui, ton programme n'attend pas {waitsFor}.",
    en: 'Missing "await" before {call}: without it, your program does not wait {waitsFor}.',
  },
  addAsyncDeclaration: {
    fr: "Ajoute aussi « async » devant la fonction {function} : « async function {function}() ».",
    en: 'Also put "async" before the function {function}: "async function {function}()".',
  },
  addAsyncNamed: {
    fr: "Ajoute aussi « async » au début de la fonction {function}.",
    en: 'Also put "async" at the start of the function {function}.',
  },
  addAsync: {
    fr: "Ajoute aussi « async » devant la fonction qui contient cet appel.",
    en: 'Also put "async" before the function this call is in.',
  },
  forward: { fr: "que le robot ait avancé", en: "for the robot to drive forward" },
  backward: { fr: "que le robot ait reculé", en: "for the robot to drive back" },
  turn: { fr: "que le robot ait tourné", en: "for the robot to turn" },
  grab: { fr: "que le robot ait fermé sa pince", en: "for the robot to close its gripper" },
  release: { fr: "que le robot ait ouvert sa pince", en: "for the robot to open its gripper" },
  classify: {
    fr: "que la caméra ait reconnu le déchet",
    en: "for the camera to recognise the item",
  },
  waitSeconds: { fr: "du tout", en: "at all" },
  ownFunction: { fr: "que {callee}() ait fini", en: "for {callee}() to finish" },
  thisCall: { fr: "que cet appel ait fini", en: "for this call to finish" },
  asyncCallback: {
    fr: "{method} n'attend pas la fin d'une fonction async : tout se lance en même temps. Utilise plutôt une boucle : « for (const x of liste) { await ... } ».",
    en: '{method} does not wait for an async function to finish: everything starts at once. Use a loop instead: "for (const x of list) { await ... }".',
  },
} satisfies Record<string, Localized>;
