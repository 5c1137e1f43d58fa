/**
 * Loading a challenge: parse JSON, migrate older versions, check the schema. Any problem gives a
 * `LocalizedError` that names the field, and nothing runs.
 */
import type { z } from "zod";
import { localize, LocalizedError, type Localized } from "../../runtime/engine.ts";
import { checkPlacementRules } from "../feasibility.ts";
import { findJsonError, JSON_MISTAKES } from "./json-error.ts";
import { CHALLENGE_SCHEMA_VERSION, challengeSchema, type Challenge } from "./schema.ts";
import { migrate } from "./migrate.ts";
import { checkArena } from "./arena-check.ts";

const messages = {
  unreadable: {
    fr: "Impossible de lire le fichier de défi « {file} » : {detail}",
    en: 'Cannot read the challenge file "{file}": {detail}',
  },
  notJson: {
    fr: "Le fichier de défi « {file} » n'est pas du JSON valide : {detail}",
    en: 'The challenge file "{file}" is not valid JSON: {detail}',
  },
  notJsonAt: {
    fr: "Le fichier de défi « {file} » n'est pas du JSON valide : ligne {line}, colonne {column} : {detail}.",
    en: 'The challenge file "{file}" is not valid JSON: line {line}, column {column}: {detail}.',
  },
  notObject: {
    fr: "Le fichier de défi « {file} » doit contenir un objet JSON.",
    en: 'The challenge file "{file}" must hold a JSON object.',
  },
  noVersion: {
    fr: "Le fichier de défi « {file} » n'a pas de champ « schemaVersion » valide (reçu : {version}).",
    en: 'The challenge file "{file}" has no valid "schemaVersion" field (got: {version}).',
  },
  newer: {
    fr: "Le fichier de défi « {file} » a été écrit par une version plus récente (format {version}, celle-ci lit jusqu'au format {current}). Mets à jour Robotyc Studio.",
    en: 'The challenge file "{file}" was written by a newer version (format {version}; this one reads up to format {current}). Update Robotyc Studio.',
  },
  field: {
    fr: "Le fichier de défi « {file} » est invalide : champ « {field} » : {detail}",
    en: 'The challenge file "{file}" is invalid: field "{field}": {detail}',
  },
} satisfies Record<string, Localized>;

const details = {
  missing: { fr: "champ obligatoire absent", en: "required field missing" },
  type: { fr: "attendu : {expected}", en: "expected: {expected}" },
  small: { fr: "valeur trop petite (minimum {min})", en: "value too small (minimum {min})" },
  big: { fr: "valeur trop grande (maximum {max})", en: "value too large (maximum {max})" },
  value: {
    fr: "valeur non permise (permises : {values})",
    en: "value not allowed (allowed: {values})",
  },
  unknownKey: { fr: "champ inconnu « {keys} »", en: 'unknown field "{keys}"' },
  format: { fr: "format incorrect", en: "wrong format" },
  "draw>set": {
    fr: "on ne peut pas tirer plus d'objets qu'il n'y en a dans « set »",
    en: 'cannot draw more items than "set" holds',
  },
  "spots<items": {
    fr: "il faut au moins une place par objet",
    en: "there must be at least one spot per item",
  },
  "within>timeLimit": {
    fr: "le bonus de temps ne peut pas dépasser « timeLimit »",
    en: 'the time bonus cannot exceed "timeLimit"',
  },
} satisfies Record<string, Localized>;

/** Turns the first schema issue into a localized message naming the field. */
function issueError(file: string, issue: z.core.$ZodIssue): LocalizedError {
  let path = issue.path.map(String).join(".");
  let detail: Localized = details.format;
  let params: Record<string, string | number> = {};
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) detail = details.missing;
      else {
        detail = details.type;
        params = { expected: issue.expected };
      }
      break;
    case "too_small":
      detail = details.small;
      params = { min: String(issue.minimum) };
      break;
    case "too_big":
      detail = details.big;
      params = { max: String(issue.maximum) };
      break;
    case "invalid_value":
      detail = details.value;
      params = { values: issue.values.map((v) => JSON.stringify(v)).join(", ") };
      break;
    case "unrecognized_keys":
      detail = details.unknownKey;
      params = { keys: issue.keys.join(", ") };
      path = [...issue.path.map(String), issue.keys[0]].join(".");
      break;
    case "invalid_union":
      detail = details.format;
      break;
    case "custom":
      detail = (details as Record<string, Localized>)[issue.message ?? ""] ?? details.format;
      break;
    default:
      break;
  }
  const text: Localized = {
    fr: messages.field.fr.replace("{detail}", detail.fr),
    en: messages.field.en.replace("{detail}", detail.en),
  };
  const error = new LocalizedError(text, { file, field: path || "(racine)", ...params });
  return Object.assign(error, { field: path });
}

/** Checks (and migrates) a challenge given as parsed JSON. `file` names it in messages. */
export function parseChallenge(raw: unknown, file = "challenge.json"): Challenge {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    throw new LocalizedError(messages.notObject, { file });
  }
  const migrated = migrate(raw as Record<string, unknown>);
  if (!migrated.ok) {
    const message = migrated.reason === "newer" ? messages.newer : messages.noVersion;
    throw new LocalizedError(message, {
      file,
      version: JSON.stringify(migrated.version) ?? "—",
      current: CHALLENGE_SCHEMA_VERSION,
    });
  }
  const result = challengeSchema.safeParse(migrated.value, { reportInput: true });
  if (!result.success) throw issueError(file, result.error.issues[0]!);
  const arena = checkArena(result.data, file);
  checkPlacementRules(result.data, arena.table, file);
  return result.data;
}

/** Parses, migrates and checks a challenge file's text. `file` names it in messages. */
export function parseChallengeText(text: string, file = "challenge.json"): Challenge {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const at = findJsonError(text);
    if (!at) throw new LocalizedError(messages.notJson, { file, detail: (error as Error).message });
    const detail = localize(JSON_MISTAKES[at.mistake], { found: at.found });
    throw new LocalizedError(localize(messages.notJsonAt, { detail }), {
      file,
      line: at.line,
      column: at.column,
    });
  }
  return parseChallenge(raw, file);
}

/** The message of a challenge file that cannot be read (Node: `load.node.ts`). */
export const unreadableChallenge = messages.unreadable;
