/**
 * What a system error means, in a few words a person reads (« le fichier n'existe pas »), from its
 * code alone: every part that reads files or ports says the same thing the same way, and never
 * shows `ENOENT: no such file or directory, open '…'`.
 */
import type { Localized } from "./messages.ts";

const UNKNOWN_HOST: Localized = {
  fr: "ce nom d'ordinateur est inconnu sur le réseau",
  en: "this computer name is unknown on the network",
};

export const SYSTEM_ERROR_REASONS: Record<string, Localized> = {
  ENOENT: { fr: "il n'existe pas", en: "it does not exist" },
  ENOTDIR: {
    fr: "un des dossiers du chemin n'en est pas un",
    en: "part of the path is not a folder",
  },
  EISDIR: { fr: "c'est un dossier, pas un fichier", en: "it is a folder, not a file" },
  EACCES: { fr: "accès refusé", en: "permission denied" },
  EPERM: { fr: "opération interdite", en: "operation not permitted" },
  EROFS: { fr: "le disque est en lecture seule", en: "the disk is read-only" },
  ENOSPC: { fr: "le disque est plein", en: "the disk is full" },
  EBUSY: { fr: "occupé par un autre programme", en: "busy in another program" },
  EMFILE: { fr: "trop de fichiers ouverts", en: "too many open files" },
  ENAMETOOLONG: { fr: "le nom est trop long", en: "the name is too long" },
  // The network: a server, a port.
  ECONNREFUSED: {
    fr: "rien ne répond à cette adresse (le serveur est-il lancé ?)",
    en: "nothing answers at this address (is the server running?)",
  },
  ENOTFOUND: UNKNOWN_HOST,
  EAI_AGAIN: UNKNOWN_HOST,
  ETIMEDOUT: { fr: "pas de réponse à temps", en: "no answer in time" },
  ECONNRESET: { fr: "la connexion a été coupée", en: "the connection was cut" },
  EHOSTUNREACH: {
    fr: "le réseau ne mène pas à cet ordinateur",
    en: "the network does not reach this computer",
  },
  ENETUNREACH: { fr: "pas de réseau", en: "no network" },
  EADDRINUSE: { fr: "déjà pris par un autre programme", en: "already taken by another program" },
};

/** The few words for a system error (one with a known `code`), or undefined. */
export function systemErrorReason(error: unknown): Localized | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? SYSTEM_ERROR_REASONS[code] : undefined;
}
