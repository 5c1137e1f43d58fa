/**
 * Files a command writes at the end of its work (grades, a replay, a wiring sheet): the path is
 * checked before the work starts, and a write that still fails loses nothing.
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { LocalizedError, type Localized } from "../../runtime/index.ts";

const messages = {
  noFolder: {
    fr: "Le dossier « {folder} » n'existe pas : impossible d'y écrire « {file} ». Crée-le ou choisis un autre endroit.",
    en: 'The folder "{folder}" does not exist: cannot write "{file}" there. Create it or choose another place.',
  },
  notFolder: {
    fr: "« {folder} » n'est pas un dossier : impossible d'y écrire « {file} ».",
    en: '"{folder}" is not a folder: cannot write "{file}" in it.',
  },
  isFolder: {
    fr: "« {file} » est un dossier : donne le nom d'un fichier (par exemple « {file}/{example} »).",
    en: '"{file}" is a folder: give the name of a file (for example "{file}/{example}").',
  },
  readOnly: {
    fr: "Pas le droit d'écrire « {file} ». Choisis un dossier où tu peux écrire.",
    en: 'No permission to write "{file}". Choose a folder you can write to.',
  },
} satisfies Record<string, Localized>;

/**
 * Why `file` cannot be written, checked before any work is done; undefined when it can be.
 * `example` names a file in the hint when `file` turns out to be a folder.
 */
export function outputProblem(file: string, example: string): LocalizedError | undefined {
  const folder = dirname(file);
  const absolute = resolve(file);
  if (existsSync(absolute) && statSync(absolute).isDirectory()) {
    return new LocalizedError(messages.isFolder, { file, example });
  }
  const parent = dirname(absolute);
  if (!existsSync(parent)) return new LocalizedError(messages.noFolder, { folder, file });
  if (!statSync(parent).isDirectory())
    return new LocalizedError(messages.notFolder, { folder, file });
  try {
    accessSync(existsSync(absolute) ? absolute : parent, constants.W_OK);
  } catch {
    return new LocalizedError(messages.readOnly, { file });
  }
  return undefined;
}
