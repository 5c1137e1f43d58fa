/**
 * Where a JSON text goes wrong, for a person who wrote it by hand: the line and column of the first
 * mistake and what it is (a comma too many before `}`, a missing comma, a name without double
 * quotes, a comment...). `JSON.parse` says only "position 1234", and not always that.
 */
import type { Localized } from "../../runtime/engine.ts";

export type JsonMistake =
  | "end"
  | "trailingComma"
  | "missingComma"
  | "missingColon"
  | "unquotedName"
  | "singleQuotes"
  | "comment"
  | "badString"
  | "badNumber"
  | "unexpected";

export interface JsonErrorAt {
  mistake: JsonMistake;
  /** 1-based, counted in characters as an editor counts them. */
  line: number;
  column: number;
  /** The character found there (empty at the end of the text). */
  found: string;
}

export const JSON_MISTAKES: Record<JsonMistake, Localized> = {
  end: {
    fr: "le texte s'arrête avant la fin (un « } » ou un « ] » manque-t-il ?)",
    en: "the text stops before its end (is a “}” or a “]” missing?)",
  },
  trailingComma: {
    fr: "virgule en trop : rien ne la suit dans la liste",
    en: "one comma too many: nothing follows it in the list",
  },
  missingComma: {
    fr: "il manque une virgule après cet élément",
    en: "a comma is missing after this element",
  },
  missingColon: {
    fr: "il manque « : » après le nom du champ",
    en: "“:” is missing after the field's name",
  },
  unquotedName: {
    fr: 'un nom de champ s\'écrit entre guillemets doubles ("nom")',
    en: 'a field name is written in double quotes ("name")',
  },
  singleQuotes: {
    fr: "le JSON veut des guillemets doubles (\"), pas des apostrophes (')",
    en: "JSON wants double quotes (\"), not single quotes (')",
  },
  comment: {
    fr: "le JSON n'admet pas de commentaires",
    en: "JSON allows no comments",
  },
  badString: {
    fr: "texte mal fermé ou caractère interdit dans un texte",
    en: "a text not closed, or a character not allowed in a text",
  },
  badNumber: { fr: "nombre mal écrit", en: "a badly written number" },
  unexpected: { fr: "caractère inattendu « {found} »", en: "unexpected character “{found}”" },
};

class Stop extends Error {
  constructor(
    readonly mistake: JsonMistake,
    readonly at: number,
  ) {
    super(mistake);
  }
}

/** The first mistake of a JSON text, or undefined when it is valid JSON. */
export function findJsonError(text: string): JsonErrorAt | undefined {
  let i = 0;
  const space = () => {
    while (i < text.length && " \t\n\r\uFEFF".includes(text[i]!)) i++;
  };
  const fail = (mistake: JsonMistake, at = i): never => {
    throw new Stop(mistake, at);
  };
  const unexpectedHere = (): never => {
    if (i >= text.length) fail("end");
    if (text.startsWith("//", i) || text.startsWith("/*", i)) fail("comment");
    if (text[i] === "'") fail("singleQuotes");
    return fail("unexpected");
  };
  const string = () => {
    i++; // the opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail("badString");
      if (text[i] === "\\") {
        const next = text[i + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("badString", i);
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) fail("badString", i);
        i += 2;
        continue;
      }
      i++;
    }
    if (i >= text.length) fail("end");
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match || match[0] === "" || match[0] === "-") fail("badNumber");
    i += match![0].length;
    if (i < text.length && /[\d.eE]/.test(text[i]!)) fail("badNumber");
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") return object();
    if (c === "[") return array();
    if (c === '"') return string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return number();
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    unexpectedHere();
  };
  const object = () => {
    i++;
    space();
    if (text[i] === "}") {
      i++;
      return;
    }
    let comma = -1;
    for (;;) {
      space();
      if (text[i] === "}" && comma >= 0) fail("trailingComma", comma);
      if (text[i] === "'") fail("singleQuotes");
      if (i < text.length && /[A-Za-z_$]/.test(text[i]!)) fail("unquotedName");
      if (text[i] !== '"') unexpectedHere();
      string();
      space();
      if (text[i] !== ":") {
        if (i >= text.length) fail("end");
        fail("missingColon");
      }
      i++;
      value();
      const end = i;
      space();
      if (text[i] === ",") {
        comma = i++;
        continue;
      }
      if (text[i] === "}") {
        i++;
        return;
      }
      if (i >= text.length) fail("end");
      if (text[i] === '"' || /[A-Za-z_$]/.test(text[i]!)) fail("missingComma", end);
      unexpectedHere();
    }
  };
  const array = () => {
    i++;
    space();
    if (text[i] === "]") {
      i++;
      return;
    }
    let comma = -1;
    for (;;) {
      space();
      if (text[i] === "]" && comma >= 0) fail("trailingComma", comma);
      value();
      const end = i;
      space();
      if (text[i] === ",") {
        comma = i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        return;
      }
      if (i >= text.length) fail("end");
      if ('"{[-0123456789tfn'.includes(text[i]!)) fail("missingComma", end);
      unexpectedHere();
    }
  };
  try {
    value();
    space();
    if (i < text.length) unexpectedHere();
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { mistake: error.mistake, ...lineColumn(text, error.at), found: text[error.at] ?? "" };
  }
}

/** 1-based line and column of a character offset (a column counts code points, as editors do). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const start = before.lastIndexOf("\n") + 1;
  return { line, column: [...before.slice(start)].length + 1 };
}
