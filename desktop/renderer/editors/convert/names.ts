/**
 * Names in the TypeScript a pupil reads: a Blockly variable or function may be called
 * « ma distance »; TypeScript needs an identifier (`maDistance`).
 */

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends " +
    "false finally for function if import in instanceof new null return super switch this throw " +
    "true try typeof var void while with yield let static implements interface package private " +
    "protected public await async of any as type declare " +
    "robot wait time print Math undefined NaN Infinity arguments eval Object Array String Number " +
    "Boolean JSON Promise"
  ).split(" "),
);

/** A valid, readable identifier for a name a pupil gave. */
export function identifierFor(name: string): string {
  const words = name
    .normalize("NFC")
    .split(/[^\p{ID_Continue}$]+/u)
    .filter(Boolean);
  let id = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join("");
  if (!id) id = "variable";
  if (!/^[\p{ID_Start}$_]/u.test(id)) id = `_${id}`;
  if (RESERVED.has(id)) id = `${id}_`;
  return id;
}

/** Hands out identifiers, each one once: `x`, then `x2`, `x3`... */
export class NameTable {
  private readonly taken = new Set<string>();

  constructor(taken: Iterable<string> = []) {
    for (const name of taken) this.taken.add(name);
  }

  claim(name: string): string {
    const base = identifierFor(name);
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}${n}`;
    this.taken.add(id);
    return id;
  }

  has(id: string): boolean {
    return this.taken.has(id);
  }
}

/**
 * The identifiers a piece of TypeScript mentions (strings, comments and property names after
 * a dot left out), and the ones it declares. Used to keep the names inside « code » blocks
 * in view when deciding where variables are declared.
 */
export function identifiersIn(code: string): {
  mentioned: Set<string>;
  declared: Set<string>;
  /** Names the code may assign (`x = `, `x += `, `x++`, `--x`...). */
  written: Set<string>;
} {
  const mentioned = new Set<string>();
  const written = new Set<string>();
  const declared = new Set<string>();
  const scrubbed = code
    .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, " ")
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""')
    .replace(/`(?:[^`\\$]|\\.|\$(?!\{))*`/g, '""');
  const assignment = /^\s*(?:(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=(?!=)|\+\+|--)/;
  for (const match of scrubbed.matchAll(
    /(\+\+\s*|--\s*)?(\.\s*)?([\p{ID_Start}$_][\p{ID_Continue}$]*)/gu,
  )) {
    if (match[2]) continue;
    mentioned.add(match[3]!);
    const after = scrubbed.slice(
      match.index! + match[0].length,
      match.index! + match[0].length + 8,
    );
    if (match[1] || assignment.test(after)) written.add(match[3]!);
  }
  for (const match of scrubbed.matchAll(
    /\b(?:let|const|var|function|class)\s*([\p{ID_Start}$_][\p{ID_Continue}$]*|[[{])/gu,
  )) {
    if (match[1] !== "{" && match[1] !== "[") {
      declared.add(match[1]!);
      continue;
    }
    // A destructuring pattern: every name in it but the property keys (`{ a: b }` declares b).
    let depth = 0;
    let end = match.index! + match[0].length - 1;
    for (; end < scrubbed.length; end++) {
      if ("[{".includes(scrubbed[end]!)) depth++;
      else if ("]}".includes(scrubbed[end]!) && --depth === 0) break;
    }
    const pattern = scrubbed.slice(match.index! + match[0].length, end);
    for (const name of pattern.matchAll(/([\p{ID_Start}$_][\p{ID_Continue}$]*)(\s*:)?/gu)) {
      if (!name[2]) declared.add(name[1]!);
    }
  }
  for (const name of declared) written.add(name);
  return { mentioned, declared, written };
}
