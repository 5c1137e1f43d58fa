/** Every text of the simulator a person reads, French first. */
import type { Localized } from "../runtime/engine.ts";

export const MSG = {
  arenaField: {
    fr: "Arène invalide : le champ « {field} » {problem}",
    en: "Invalid arena: field “{field}” {problem}",
  },
  arenaNotObject: {
    fr: "Arène invalide : le fichier doit contenir un objet JSON",
    en: "Invalid arena: the file must hold a JSON object",
  },
  arenaBadJson: {
    fr: "Arène invalide : JSON illisible ({detail})",
    en: "Invalid arena: unreadable JSON ({detail})",
  },
  arenaNewer: {
    fr: "Cette arène est au format {version}, plus récent que celui que ce logiciel connaît ({known}) : mettez Robotyc Studio à jour",
    en: "This arena uses format {version}, newer than this software knows ({known}): update Robotyc Studio",
  },
  arenaTooManyItems: {
    fr: "Arène refusée : {count} objets à placer, la limite est {max}",
    en: "Arena refused: {count} items to place, the limit is {max}",
  },
  arenaUnknownItem: {
    fr: "Arène invalide : le champ « {field} » nomme un objet inconnu du catalogue : « {id} »",
    en: "Invalid arena: field “{field}” names an item the catalogue does not know: “{id}”",
  },
  arenaDuplicateId: {
    fr: "Arène invalide : le champ « {field} » reprend l'identifiant « {id} » déjà utilisé",
    en: "Invalid arena: field “{field}” reuses the id “{id}”",
  },
  arenaRegionTooSmall: {
    fr: "Arène invalide : pas de place pour l'objet « {id} » dans la zone du champ « {field} »",
    en: "Invalid arena: no room for item “{id}” in the region of field “{field}”",
  },
  // Field problems, completing arenaField.
  pMissing: { fr: "est obligatoire", en: "is required" },
  pType: { fr: "doit être de type {expected}", en: "must be of type {expected}" },
  pTooSmall: { fr: "doit être au moins {min}", en: "must be at least {min}" },
  pTooBig: { fr: "doit être au plus {max}", en: "must be at most {max}" },
  pTooFewElements: {
    fr: "doit contenir au moins {min} éléments",
    en: "must hold at least {min} elements",
  },
  pTooManyElements: {
    fr: "doit contenir au plus {max} éléments",
    en: "must hold at most {max} elements",
  },
  pOneOf: { fr: "doit valoir l'une de ces valeurs : {values}", en: "must be one of: {values}" },
  pUnknownKeys: { fr: "contient des clés inconnues : {keys}", en: "holds unknown keys: {keys}" },
  pInvalid: { fr: "est invalide ({detail})", en: "is invalid ({detail})" },

  noClassifier: {
    fr: "La caméra de ce robot n'est reliée à aucun modèle qui reconnaît les déchets : « {call} » ne peut rien reconnaître ici.",
    en: "This robot's camera is linked to no model that recognises waste: “{call}” cannot recognise anything here.",
  },
  missingPart: {
    fr: "Ce robot n'a pas de {part} : « {call} » est impossible",
    en: "This robot has no {part}: “{call}” cannot work",
  },
  badNumber: {
    fr: "« {call} » attend un nombre fini pour {arg}, pas {value}",
    en: "“{call}” expects a finite number for {arg}, not {value}",
  },
  replayNewer: {
    fr: "Ce replay a été enregistré au format {version}, plus récent que celui que ce logiciel lit ({known}) : mettez Robotyc Studio à jour",
    en: "This replay was recorded in format {version}, newer than this software reads ({known}): update Robotyc Studio",
  },
  replayInvalid: {
    fr: "Fichier de replay invalide : {detail}",
    en: "Invalid replay file: {detail}",
  },
  runInternal: {
    fr: "Erreur interne du simulateur : {detail}",
    en: "Internal simulator error: {detail}",
  },
  badPacing: {
    fr: "La vitesse de lecture doit être entre 0,25x et 8x, pas {value}",
    en: "The playback speed must be between 0.25x and 8x, not {value}",
  },
} satisfies Record<string, Localized>;
