/**
 * A program's uncaught error in the pupil's words, whole and in one language: what went wrong and
 * with what (« Impossible de lire « lire » : « capteur » n'a pas de valeur (undefined). »), and
 * where, line and column in the pupil's source. Today's engine words (« TypeError: cannot read
 * property 'lire' of undefined ») stay as `detail`.
 *
 * Pure: it takes the error as plain data (the sandbox reads name, message and stack out of the
 * guest without running pupil code) and the compiled program (its code and position tables).
 */
import { format, type Locale, type Localized } from "../i18n.ts";
import { nameHint } from "../api/name-hints.ts";
import { PROLOGUE, type CompiledProgram } from "../compiler/program.ts";
import { sourceLineAt, sourcePositionAt } from "../compiler/source-map.ts";

/** An uncaught guest error, as plain strings. */
export interface GuestErrorData {
  /** `TypeError`, `Error`, a pupil's own class name… */
  name: string;
  message: string;
  /** QuickJS's stack: `    at <anonymous> (program.js:4:15)` lines. */
  stack?: string;
}

export interface PupilRuntimeError {
  /** In the pupil's words; names no position (see `line`, `column`). */
  text: string;
  /** The engine's own words, for who wants them. */
  detail: string;
  line?: number;
  column?: number;
}

export const PROGRAM_FILE = "program.js";

const words = {
  readNothing: {
    fr: "Impossible de lire « {property} » : « {object} » n'a pas de valeur ({value}).",
    en: 'Cannot read "{property}": "{object}" has no value ({value}).',
  },
  readNothingInside: {
    fr: "Impossible de lire dans « {object} » : il n'a pas de valeur ({value}).",
    en: 'Cannot read inside "{object}": it has no value ({value}).',
  },
  readOfNothing: {
    fr: "Impossible de lire « {property} » d'une valeur qui n'existe pas ({value}).",
    en: 'Cannot read "{property}" of a value that does not exist ({value}).',
  },
  setNothing: {
    fr: "Impossible de changer « {property} » : « {object} » n'a pas de valeur ({value}).",
    en: 'Cannot change "{property}": "{object}" has no value ({value}).',
  },
  setOfNothing: {
    fr: "Impossible de changer « {property} » d'une valeur qui n'existe pas ({value}).",
    en: 'Cannot change "{property}" of a value that does not exist ({value}).',
  },
  listIndex: {
    fr: "La liste a-t-elle assez d'éléments ? On compte à partir de 0.",
    en: "Does the list have that many items? Counting starts at 0.",
  },
  iterateNothing: {
    fr: "Impossible de parcourir « {object} » avec for…of : il n'a pas de valeur ({value}).",
    en: 'Cannot go through "{object}" with for…of: it has no value ({value}).',
  },
  notIterable: {
    fr: "Cette valeur n'est pas une liste : on ne peut pas la parcourir avec for…of.",
    en: "This value is not a list: it cannot be gone through with for…of.",
  },
  notAFunction: {
    fr: "« {callee} » n'est pas une fonction : on ne peut pas l'appeler.",
    en: '"{callee}" is not a function: it cannot be called.',
  },
  somethingNotAFunction: {
    fr: "Ton programme appelle comme une fonction une valeur qui n'en est pas une.",
    en: "Your program calls a value that is not a function as if it were one.",
  },
  robotDoesNotKnow: {
    fr: "Le robot ne connaît pas « {property} » : écris « {example} ».",
    en: 'The robot does not know "{property}": write "{example}".',
  },
  notDefined: {
    fr: "« {name} » n'existe pas : il n'est déclaré nulle part.",
    en: '"{name}" does not exist: it is declared nowhere.',
  },
  notInitialized: {
    fr: "« {name} » est utilisé avant d'être déclaré : déclare-le plus haut.",
    en: '"{name}" is used before it is declared: declare it higher up.',
  },
  readOnly: {
    fr: "« {name} » ne peut pas changer : c'est une constante ou une valeur en lecture seule.",
    en: '"{name}" cannot change: it is a constant or a read-only value.',
  },
  noFields: {
    fr: "Impossible de prendre les champs d'une valeur qui n'existe pas (undefined ou null).",
    en: "Cannot take the fields of a value that does not exist (undefined or null).",
  },
  newMisused: {
    fr: "Cette valeur ne se crée pas de cette façon : « new » est en trop, ou il manque.",
    en: 'This value is not made this way: "new" is one too many, or missing.',
  },
  arrayLength: {
    fr: "Une liste ne peut pas avoir cette longueur : il faut un nombre entier, 0 ou plus.",
    en: "A list cannot have this length: it must be a whole number, 0 or more.",
  },
  repeatCount: {
    fr: "Un texte ne se répète pas un nombre négatif ou infini de fois.",
    en: "A text cannot be repeated a negative or infinite number of times.",
  },
  digits: {
    fr: "Ce nombre de chiffres est impossible : il en faut de 0 à 100.",
    en: "This number of digits is impossible: it must be 0 to 100.",
  },
  circular: {
    fr: "Cet objet se contient lui-même : impossible de l'écrire en texte (JSON).",
    en: "This object contains itself: it cannot be written as text (JSON).",
  },
  badJson: {
    fr: "Ce texte n'est pas du JSON valide.",
    en: "This text is not valid JSON.",
  },
  emptyReduce: {
    fr: "reduce sur une liste vide demande une valeur de départ : « reduce((a, b) => a + b, 0) ».",
    en: 'reduce on an empty list needs a starting value: "reduce((a, b) => a + b, 0)".',
  },
  bigint: {
    fr: "Un grand entier (BigInt, écrit 1n) et un nombre ordinaire ne se mélangent pas.",
    en: "A big integer (BigInt, written 1n) and an ordinary number do not mix.",
  },
  thrown: {
    fr: "Ton programme a lancé une erreur sans l'attraper : {message}",
    en: "Your program threw an error without catching it: {message}",
  },
  thrownEmpty: {
    fr: "Ton programme a lancé une erreur sans l'attraper.",
    en: "Your program threw an error without catching it.",
  },
  thrownNamed: {
    fr: "Ton programme a lancé une erreur {name} sans l'attraper : {message}",
    en: "Your program threw a {name} error without catching it: {message}",
  },
  stoppedOn: {
    fr: "Ton programme s'est arrêté sur une erreur : {what}.",
    en: "Your program stopped on an error: {what}.",
  },
  TypeError: {
    fr: "une valeur n'est pas de la sorte attendue",
    en: "a value is not of the expected kind",
  },
  RangeError: { fr: "une valeur est hors des limites", en: "a value is out of range" },
  ReferenceError: { fr: "un nom est inconnu", en: "a name is unknown" },
  SyntaxError: { fr: "un texte est mal formé", en: "a text is badly formed" },
  URIError: { fr: "une adresse web est mal formée", en: "a web address is badly formed" },
  other: { fr: "une opération impossible", en: "an impossible operation" },
} satisfies Record<string, Localized>;

/** Errors the engine raises; any other name is the pupil's own (`throw new MonErreur(…)`). */
const ENGINE_ERRORS = new Set([
  "TypeError",
  "RangeError",
  "ReferenceError",
  "SyntaxError",
  "URIError",
  "InternalError",
  "EvalError",
]);

/** The innermost frame of the pupil's program in a QuickJS stack: generated line and column. */
export function programFrame(stack: string): { line: number; column?: number } | undefined {
  const frame = new RegExp(`${PROGRAM_FILE.replace(".", "\\.")}:(\\d+)(?::(\\d+))?`).exec(stack);
  if (!frame) return undefined;
  return {
    line: Number(frame[1]),
    ...(frame[2] === undefined ? {} : { column: Number(frame[2]) }),
  };
}

/** Where in the pupil's source the innermost frame of their program in `stack` is. */
export function pupilPosition(
  program: CompiledProgram,
  stack: string,
): { line: number; column?: number } | undefined {
  const frame = programFrame(stack);
  if (!frame) return undefined;
  // The source map is of the code without the prologue, which sits on line 1.
  let column = frame.column === undefined ? 0 : frame.column - 1;
  if (frame.line === 1) column -= PROLOGUE.length;
  column = Math.max(0, column);
  const position =
    frame.column !== undefined && program.columns
      ? sourcePositionAt(program.lines, program.columns, frame.line, column)
      : undefined;
  if (position) return position;
  const line = sourceLineAt(program.lines, frame.line, column);
  return line === undefined ? undefined : { line };
}

/** Offset in `code` of a 1-based generated line and column. */
function offsetOf(code: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = code.indexOf("\n", offset);
    if (next < 0) return -1;
    offset = next + 1;
  }
  return offset + column - 1;
}

const IDENTIFIER_CHAR = /[\p{L}\p{N}_$]/u;

/**
 * The expression just before `offset` in `code`: `capteur` for `capteur.lire`, `liste[3]` for
 * `liste[3].cm`, `trouver()` for `trouver().x`. A member chain with balanced brackets, read
 * backwards; undefined when there is none.
 */
export function expressionBefore(code: string, offset: number): string | undefined {
  let i = offset - 1;
  if (code[i] === "?") i--; // a?.b
  const end = i + 1;
  for (;;) {
    const char = code[i];
    if (char === undefined) break;
    if (char === ")" || char === "]") {
      const open = char === ")" ? "(" : "[";
      let depth = 0;
      for (; i >= 0; i--) {
        if (code[i] === char) depth++;
        else if (code[i] === open && --depth === 0) break;
      }
      if (i < 0) return undefined;
      i--;
      continue;
    }
    if (IDENTIFIER_CHAR.test(char)) {
      while (i >= 0 && IDENTIFIER_CHAR.test(code[i]!)) i--;
      if (code[i] === "." || (code[i] === "?" && code[i + 1] === ".")) {
        i -= code[i] === "." && code[i - 1] === "?" ? 2 : 1;
        continue;
      }
      break;
    }
    break;
  }
  const text = code.slice(i + 1, end).trim();
  if (!text || !IDENTIFIER_CHAR.test(text[0]!)) return undefined;
  return text.length > 40 ? undefined : text;
}

/** The uncaught error `error` of `program`, in the pupil's words. */
export function describeGuestError(
  error: GuestErrorData,
  program: CompiledProgram,
  locale: Locale,
): PupilRuntimeError {
  const frame = error.stack ? programFrame(error.stack) : undefined;
  const position = error.stack ? pupilPosition(program, error.stack) : undefined;
  let before: string | undefined;
  let at: string | undefined;
  if (frame?.column !== undefined) {
    const offset = offsetOf(program.code, frame.line, frame.column);
    if (offset >= 0) {
      at = program.code[offset];
      before = expressionBefore(program.code, offset);
    }
  }
  const say = (message: Localized, params: Record<string, string> = {}) =>
    format(message, locale, params);
  const text = pupilText(error, { before, at }, say);
  return {
    text,
    detail: `${error.name}: ${error.message}`,
    ...(position ?? {}),
  };
}

function pupilText(
  error: GuestErrorData,
  where: { before?: string; at?: string },
  say: (message: Localized, params?: Record<string, string>) => string,
): string {
  const { name, message } = error;
  if (!ENGINE_ERRORS.has(name)) {
    if (!message.trim()) return say(words.thrownEmpty);
    return name === "Error"
      ? say(words.thrown, { message })
      : say(words.thrownNamed, { name, message });
  }
  const object = where.before;
  let match: RegExpExecArray | null;
  if ((match = /^cannot read property '(.+)' of (undefined|null)$/.exec(message))) {
    const [, property, value] = match as unknown as [string, string, string];
    if (property === "Symbol.iterator")
      return object ? say(words.iterateNothing, { object, value }) : say(words.notIterable);
    const text = object
      ? say(words.readNothing, { property, object, value })
      : say(words.readOfNothing, { property, value });
    return object?.endsWith("]") ? `${text} ${say(words.listIndex)}` : text;
  }
  if ((match = /^cannot read property of (undefined|null)$/.exec(message))) {
    const value = match[1]!;
    if (object) {
      const text = say(words.readNothingInside, { object, value });
      return object.endsWith("]") ? `${text} ${say(words.listIndex)}` : text;
    }
    return say(words.readOfNothing, { property: "[…]", value });
  }
  if ((match = /^cannot set property '(.+)' of (undefined|null)$/.exec(message))) {
    const [, property, value] = match as unknown as [string, string, string];
    return object
      ? say(words.setNothing, { property, object, value })
      : say(words.setOfNothing, { property, value });
  }
  if (message === "not a function") {
    if (where.at !== "(" || !object) return say(words.somethingNotAFunction);
    const robotMember = /^robot\.([\p{L}\p{N}_$]+)$/u.exec(object)?.[1];
    const hint = robotMember && nameHint(robotMember, ["robot"]);
    if (robotMember && hint)
      return say(words.robotDoesNotKnow, { property: robotMember, example: hint.example });
    return say(words.notAFunction, { callee: object });
  }
  if ((match = /^'(.+)' is not defined$/.exec(message)))
    return say(words.notDefined, { name: match[1]! });
  if ((match = /^(.+) is not initialized$/.exec(message)))
    return say(words.notInitialized, { name: match[1]!.replace(/^'|'$/g, "") });
  if ((match = /^'(.+)' is read-only$/.exec(message)))
    return say(words.readOnly, { name: match[1]! });
  if (message === "value is not iterable") return say(words.notIterable);
  if (message === "cannot convert to object") return say(words.noFields);
  if (/not a constructor|must be invoked with 'new'/.test(message)) return say(words.newMisused);
  if (message === "invalid array length") return say(words.arrayLength);
  if (message === "invalid repeat count") return say(words.repeatCount);
  if (/number of digits|digits argument/.test(message)) return say(words.digits);
  if (message === "circular reference") return say(words.circular);
  if (message === "empty array") return say(words.emptyReduce);
  if (/bigint/i.test(message)) return say(words.bigint);
  if (name === "SyntaxError") return say(words.badJson);
  const kind = name in words ? words[name as keyof typeof words] : words.other;
  return say(words.stoppedOn, { what: say(kind) });
}
