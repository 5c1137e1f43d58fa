import type { Localized } from "../i18n.ts";

/** What a pupil reads when a program stops or a call is refused. */
export const sandboxMessages = {
  budget: {
    fr: "Ton programme tourne en boucle sans jamais attendre : dans une boucle, attends (« await wait(0.1); ») ou lis un capteur.",
    en: 'Your program loops without ever waiting: inside a loop, wait ("await wait(0.1);") or read a sensor.',
  },
  zeroTime: {
    fr: "Ta boucle attend 0 seconde à chaque tour : le temps n'avance jamais, elle ne s'arrêtera pas. Attends un vrai moment (« await wait(0.1); ») ou avance d'une vraie distance.",
    en: 'Your loop waits 0 seconds on every turn: time never moves on, so it never ends. Wait for a real moment ("await wait(0.1);") or move a real distance.',
  },
  runBudget: {
    fr: "Ton programme fait beaucoup trop de calculs pour un seul parcours (plus de {operations} millions d'opérations) : allège les boucles qui calculent beaucoup.",
    en: "Your program computes far too much for one run (over {operations} million operations): lighten the loops that compute a lot.",
  },
  watchdog: {
    fr: "Ton programme a été arrêté par sécurité : une seule instruction a travaillé plus de {seconds} secondes sans rendre la main (un calcul énorme sur un très grand texte, un très grand nombre ou un très grand tableau ?).",
    en: "Your program was stopped for safety: a single instruction worked for over {seconds} seconds without handing back control (a huge computation on a very long text, a very big number or a very large array?).",
  },
  tooManyArguments: {
    fr: "{call} attend au plus {max} valeur(s), mais en a reçu {count}.",
    en: "{call} expects at most {max} value(s), but got {count}.",
  },
  tooManyPending: {
    fr: "{call} : ton programme a lancé plus de {max} actions sans attendre qu'elles finissent. Mets « await » devant (« await {call}(…) »).",
    en: '{call}: your program started more than {max} actions without waiting for them to end. Put "await" before it ("await {call}(…)").',
  },
  printCut: {
    fr: "… ton programme a affiché plus de {lines} lignes ou {kilobytes} Ko : la suite n'est pas affichée.",
    en: "… your program printed more than {lines} lines or {kilobytes} kB: the rest is not shown.",
  },
  memory: {
    fr: "Ton programme utilise trop de mémoire : il crée des données sans fin (un tableau ou un texte qui grandit toujours ?).",
    en: "Your program uses too much memory: it creates data without end (an array or a text that keeps growing?).",
  },
  stack: {
    fr: "Une fonction s'appelle elle-même sans fin (récursion trop profonde) : vérifie sa condition d'arrêt.",
    en: "A function calls itself without end (recursion too deep): check its stopping condition.",
  },
  neverSettles: {
    fr: "Ton programme attend quelque chose qui n'arrivera jamais (une promesse jamais résolue) : il s'arrête là.",
    en: "Your program waits for something that will never happen (a promise never resolved): it stops here.",
  },
  thrownValue: {
    fr: "Ton programme a lancé « {value} » sans l'attraper.",
    en: 'Your program threw "{value}" without catching it.',
  },
  internal: {
    fr: "Le bac à sable a rencontré un problème interne ({detail}). Relance le programme.",
    en: "The sandbox met an internal problem ({detail}). Run the program again.",
  },
  driverFailed: {
    fr: "Le robot n'a pas pu exécuter {call} : {detail}",
    en: "The robot could not carry out {call}: {detail}",
  },
  driverStalled: {
    fr: "Le robot ne répond plus : ses mouvements ne se terminent jamais.",
    en: "The robot no longer answers: its motions never end.",
  },
  notANumber: {
    fr: "{call} attend un nombre ({what}), mais a reçu {got}.",
    en: "{call} expects a number ({what}), but got {got}.",
  },
  notANumberNothing: {
    fr: "{call} attend un nombre ({what}), mais n'a rien reçu (undefined).",
    en: "{call} expects a number ({what}), but got nothing (undefined).",
  },
  outOfRange: {
    fr: "{call} attend un nombre entre {min} et {max} ({what}), mais a reçu {got}.",
    en: "{call} expects a number between {min} and {max} ({what}), but got {got}.",
  },
  missingPart: {
    fr: "Ce robot n'a pas de {part} : {call} est impossible.",
    en: "This robot has no {part}: {call} is impossible.",
  },
  notAvailable: {
    fr: "« {name} » n'est pas disponible dans un programme de robot.",
    en: '"{name}" is not available in a robot program.',
  },
  nothing: { fr: "rien", en: "nothing" },
  anObject: { fr: "un objet", en: "an object" },
  aFunction: { fr: "une fonction", en: "a function" },
  text: { fr: "le texte {value}", en: "the text {value}" },
} satisfies Record<string, Localized>;

/** What each argument means, for the messages above. */
export const argumentMeanings = {
  cm: { fr: "des centimètres", en: "centimetres" },
  degrees: { fr: "des degrés", en: "degrees" },
  percent: { fr: "un pourcentage", en: "a percentage" },
  seconds: { fr: "des secondes", en: "seconds" },
} satisfies Record<string, Localized>;
