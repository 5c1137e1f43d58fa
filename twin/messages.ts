/** What the twin says, French first. */
import type { Localized } from "../runtime/engine.ts";

export const TWIN_MESSAGES = {
  oneAtATime: {
    fr: "Un jumeau numérique tourne déjà dans ce processus : un seul à la fois (il règle les minuteries sur le temps de sa carte).",
    en: "A digital twin is already running in this process: one at a time (it sets the timers to its board's time).",
  },
  unknownBoard: {
    fr: "Le kit nomme une carte inconnue : « {board} ».",
    en: "The kit names an unknown board: “{board}”.",
  },
  tooLong: {
    fr: "Le jumeau n'a pas fini après {seconds} s de temps carte (la carte ne répond pas ?).",
    en: "The twin did not finish within {seconds} s of board time (the board does not answer?).",
  },
  internal: {
    fr: "Erreur interne du jumeau : {detail}",
    en: "Internal error of the twin: {detail}",
  },
} satisfies Record<string, Localized>;
