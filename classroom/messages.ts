/** What the classroom server says to people: API errors and the teacher's terminal, French first. */
import type { Localized } from "../i18n/index.ts";

export const API_ERRORS = {
  badCode: {
    fr: "Ce code de classe n'existe pas. Vérifie le code écrit au tableau.",
    en: "This class code does not exist. Check the code on the board.",
  },
  badName: {
    fr: "Ce pseudo ne convient pas : de 1 à {max} caractères, des lettres, des chiffres, des espaces et - ' . _",
    en: "This pseudonym cannot be used: 1 to {max} characters, letters, digits, spaces and - ' . _",
  },
  nameTaken: {
    fr: "Le pseudo « {name} » est déjà pris dans cette classe. Choisis-en un autre.",
    en: 'The pseudonym "{name}" is already taken in this class. Choose another one.',
  },
  classFull: {
    fr: "La classe est complète ({max} élèves).",
    en: "The class is full ({max} pupils).",
  },
  notStarted: {
    fr: "La séance n'a pas encore commencé : attends le signal du professeur.",
    en: "The session has not started yet: wait for the teacher's signal.",
  },
  ended: {
    fr: "Le temps est écoulé : on ne peut plus envoyer de programme.",
    en: "Time is up: programs can no longer be sent.",
  },
  unauthorized: {
    fr: "Tu n'es pas connecté à la classe (jeton absent ou invalide). Rejoins la classe avec son code.",
    en: "You are not connected to the class (missing or invalid token). Join the class with its code.",
  },
  notYours: {
    fr: "Cet envoi n'est pas le tien.",
    en: "This submission is not yours.",
  },
  teacherOnly: {
    fr: "Seul le professeur peut faire cela.",
    en: "Only the teacher can do this.",
  },
  tooLarge: {
    fr: "Le programme est trop gros (maximum {max} ko).",
    en: "The program is too large (at most {max} kB).",
  },
  tooSoon: {
    fr: "Attends encore {seconds} s avant d'envoyer un nouveau programme (un envoi toutes les {every} secondes).",
    en: "Wait {seconds} more s before sending another program (one submission every {every} seconds).",
  },
  flood: {
    fr: "Trop de demandes d'un coup : attends {seconds} s.",
    en: "Too many requests at once: wait {seconds} s.",
  },
  badJson: {
    fr: "La demande est illisible (JSON invalide).",
    en: "The request cannot be read (invalid JSON).",
  },
  badMedia: {
    fr: "La demande doit être du JSON (Content-Type: application/json).",
    en: "The request must be JSON (Content-Type: application/json).",
  },
  noSource: {
    fr: "Il manque le programme : le champ « source » doit contenir son texte.",
    en: 'The program is missing: the "source" field must hold its text.',
  },
  emptySource: {
    fr: "Le programme est vide.",
    en: "The program is empty.",
  },
  missingField: {
    fr: "Il manque le champ « {field} ».",
    en: 'The "{field}" field is missing.',
  },
  alreadyStarted: {
    fr: "La séance a déjà commencé.",
    en: "The session has already started.",
  },
  alreadyEnded: {
    fr: "La séance est déjà terminée.",
    en: "The session has already ended.",
  },
  badMinutes: {
    fr: "Nombre de minutes invalide (de 1 à {max}).",
    en: "Invalid number of minutes (1 to {max}).",
  },
  notGraded: {
    fr: "Cet envoi n'est pas encore noté.",
    en: "This submission is not graded yet.",
  },
  badSeed: {
    fr: "Graine inconnue pour cette séance (graines : {seeds}).",
    en: "Unknown seed for this session (seeds: {seeds}).",
  },
  replayFailed: {
    fr: "Le parcours n'a pas pu être rejoué : {detail}",
    en: "The run could not be replayed: {detail}",
  },
  notFound: {
    fr: "Cette adresse n'existe pas sur le serveur de la classe.",
    en: "This address does not exist on the class server.",
  },
  internal: {
    fr: "Erreur du serveur de la classe ; la séance continue. Détail : {detail}",
    en: "Class server error; the session goes on. Detail: {detail}",
  },
} satisfies Record<string, Localized>;

export type ApiErrorCode = keyof typeof API_ERRORS;
