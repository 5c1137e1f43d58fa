/**
 * What a person reads when something fails: a localized sentence that says what happened and what
 * to do. System errors (a missing file, no permission, a busy port, a program not installed)
 * become such sentences; no stack trace, and no path inside Robotyc's own installation.
 */
import { fileURLToPath } from "node:url";
import { format, LocalizedError, type Locale, type Localized } from "../../runtime/index.ts";

const SYSTEM: Record<string, Localized> = {
  ENOENT: {
    fr: "« {path} » n'existe pas. Vérifie le nom et le dossier.",
    en: '"{path}" does not exist. Check the name and the folder.',
  },
  ENOTDIR: {
    fr: "« {path} » passe par quelque chose qui n'est pas un dossier. Vérifie le chemin.",
    en: '"{path}" goes through something that is not a folder. Check the path.',
  },
  EISDIR: {
    fr: "« {path} » est un dossier, pas un fichier. Donne le nom d'un fichier.",
    en: '"{path}" is a folder, not a file. Give the name of a file.',
  },
  EACCES: {
    fr: "Accès refusé à « {path} ». Choisis un dossier où tu as le droit d'écrire, ou demande les droits.",
    en: 'Permission denied for "{path}". Choose a folder you may write to, or ask for the rights.',
  },
  EPERM: {
    fr: "Opération interdite sur « {path} ». Choisis un autre fichier ou demande les droits.",
    en: 'Operation not permitted on "{path}". Choose another file or ask for the rights.',
  },
  EROFS: {
    fr: "« {path} » est sur un disque en lecture seule. Choisis un autre dossier.",
    en: '"{path}" is on a read-only disk. Choose another folder.',
  },
  ENOSPC: {
    fr: "Le disque est plein : impossible d'écrire « {path} ». Libère de la place ou choisis un autre disque.",
    en: 'The disk is full: cannot write "{path}". Free some space or choose another disk.',
  },
  EBUSY: {
    fr: "« {path} » est occupé par un autre programme. Ferme-le (le moniteur série de l'IDE Arduino, par exemple), puis réessaie.",
    en: '"{path}" is busy in another program. Close it (the Arduino IDE\'s serial monitor, for example), then try again.',
  },
  EEXIST: {
    fr: "« {path} » existe déjà. Choisis un autre nom.",
    en: '"{path}" already exists. Choose another name.',
  },
  EMFILE: {
    fr: "Trop de fichiers ouverts à la fois. Ferme des programmes, puis réessaie.",
    en: "Too many files open at once. Close some programs, then try again.",
  },
  ECONNREFUSED: {
    fr: "Personne ne répond à l'adresse {path}. Vérifie l'adresse et que le serveur est lancé.",
    en: "Nothing answers at {path}. Check the address and that the server is running.",
  },
};

const messages = {
  spawn: {
    fr: "Le programme « {program} » n'est pas installé sur cet ordinateur (ou pas dans le PATH). Installe-le, puis réessaie.",
    en: 'The program "{program}" is not installed on this computer (or not on the PATH). Install it, then try again.',
  },
  other: {
    fr: "Erreur système ({code}) sur « {path} ». Réessaie ; si elle revient, signale-la.",
    en: 'System error ({code}) on "{path}". Try again; if it comes back, report it.',
  },
  internal: {
    fr: "Erreur interne de Robotyc : {detail}. Ce n'est pas ta faute : signale-la, avec la commande tapée.",
    en: "Robotyc internal error: {detail}. It is not your fault: report it, with the command you typed.",
  },
} satisfies Record<string, Localized>;

interface SystemError extends Error {
  code?: string;
  syscall?: string;
  path?: string;
  address?: string;
  port?: number;
}

/** The folder Robotyc is installed in: never shown in a message. */
const INSTALL_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Paths inside Robotyc's installation (its sources, node_modules) are nobody's business. */
function withoutInternalPaths(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => (word.includes(INSTALL_ROOT) ? "…" : word))
    .join("");
}

/** The sentence for a system error (one with a `code` such as ENOENT), or undefined. */
export function systemErrorText(error: unknown, locale: Locale): string | undefined {
  const e = error as SystemError;
  if (!(error instanceof Error) || typeof e.code !== "string" || !/^E[A-Z]+$/.test(e.code)) {
    return undefined;
  }
  if (e.code === "ENOENT" && e.syscall?.startsWith("spawn")) {
    const program = e.path ?? e.syscall.replace(/^spawn\s*/, "");
    return format(messages.spawn, locale, { program });
  }
  const path =
    e.path ?? (e.address !== undefined ? `${e.address}${e.port ? `:${e.port}` : ""}` : "");
  const sentence = SYSTEM[e.code];
  return format(sentence ?? messages.other, locale, {
    path: withoutInternalPaths(path) || "?",
    code: e.code,
  });
}

/** A person-readable message for an error: localized when it can be, never a stack trace. */
export function errorText(error: unknown, locale: Locale): string {
  if (error instanceof LocalizedError) return error.localized(locale);
  const system = systemErrorText(error, locale);
  if (system !== undefined) return system;
  const detail = error instanceof Error ? error.message : String(error);
  return format(messages.internal, locale, {
    detail: withoutInternalPaths(detail.split("\n")[0]!).trim() || "?",
  });
}
