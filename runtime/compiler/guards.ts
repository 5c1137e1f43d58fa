/**
 * What the compiler refuses before TypeScript checks a program: programs too complicated to
 * check in bounded time and memory, and the names the sandbox reserves for itself.
 *
 * TypeScript's parser and checker recurse on the program's nesting, and its type system can be
 * made to build types without end. A pupil program is small and plain: a 200-line program has
 * ~3,000 syntax nodes, nesting under 30 deep, a handful of types. The limits below are 10 to 30
 * times that, and far below what takes TypeScript down (a stack overflow from ~1,000 nested
 * parentheses or a 120,000-term expression; gigabytes from type-level bombs). What passes them
 * is checked where a runaway cannot take the host down (isolated.node.ts in Node).
 *
 * Every check here walks with an explicit stack (no recursion), so it cannot overflow itself.
 */
import ts from "typescript";
import { format, type Locale, type Localized } from "../i18n.ts";
import { LOOP_LINE_GLOBAL, LOOP_LINE_LOCAL, type Diagnostic } from "./program.ts";

export const LIMITS = {
  /** Brackets ( [ { and template `${` open at once. */
  brackets: 100,
  /** Depth of the syntax tree. */
  depth: 300,
  /** Syntax nodes in the whole program. */
  nodes: 50_000,
  /** Type aliases and interfaces. */
  typeDeclarations: 100,
  /** Conditional, mapped, template-literal, `infer`, `keyof` and indexed-access types. */
  typeOperators: 20,
  /** Members of every union and intersection type, together. */
  unionMembers: 2_000,
} as const;

/** Names only the compiled program's own bookkeeping may use (see program.ts). */
const RESERVED = new Set([LOOP_LINE_LOCAL, LOOP_LINE_GLOBAL]);

export const guardMessages = {
  brackets: {
    fr: "Ton programme est trop compliqué à vérifier : plus de {max} parenthèses, crochets ou accolades ouverts à la fois (ligne {line}). Découpe ce calcul en plusieurs étapes.",
    en: "Your program is too complicated to check: more than {max} brackets open at once (line {line}). Split this computation into several steps.",
  },
  depth: {
    fr: "Ton programme est trop compliqué à vérifier : une instruction y est imbriquée trop profondément (ligne {line}). Découpe-la en plusieurs instructions plus simples.",
    en: "Your program is too complicated to check: a statement is nested too deeply (line {line}). Split it into several simpler statements.",
  },
  deepSomewhere: {
    fr: "Ton programme est trop compliqué à vérifier : une instruction y est imbriquée trop profondément. Découpe-la en plusieurs instructions plus simples.",
    en: "Your program is too complicated to check: a statement is nested too deeply. Split it into several simpler statements.",
  },
  nodes: {
    fr: "Ton programme est trop compliqué à vérifier : il contient plus de {max} éléments. Raccourcis-le.",
    en: "Your program is too complicated to check: it has more than {max} elements. Make it shorter.",
  },
  types: {
    fr: "Ton programme est trop compliqué à vérifier : ses types sont trop nombreux ou trop élaborés (ligne {line}). Un programme de robot n'a besoin que de types simples.",
    en: "Your program is too complicated to check: its types are too many or too elaborate (line {line}). A robot program needs only simple types.",
  },
  recursiveType: {
    fr: "Ton programme est trop compliqué à vérifier : le type « {name} » se définit à partir de lui-même (ligne {line}). Un programme de robot n'a besoin que de types simples.",
    en: 'Your program is too complicated to check: the type "{name}" is defined in terms of itself (line {line}). A robot program needs only simple types.',
  },
  reserved: {
    fr: "« {name} » est un nom réservé par Robotyc : choisis un autre nom.",
    en: '"{name}" is a name reserved by Robotyc: choose another name.',
  },
} satisfies Record<string, Localized>;

/** A diagnostic of the compiler's own checks, in the pupil's language. */
export function ownDiagnostic(
  message: Localized,
  locale: Locale,
  params: Record<string, string | number>,
  line: number,
  column: number,
  code: string,
): Diagnostic {
  return { line, column, message: format(message, locale, params), code, severity: "error" };
}

/**
 * Before parsing: brackets nested deeper than the limit. A rough scan (strings, comments and
 * template text skipped) that is enough to keep the parser's recursion bounded.
 */
export function bracketDiagnostic(text: string, locale: Locale): Diagnostic | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  /** Open template literals: the bracket depth at which each one's `${` was opened. */
  const templates: number[] = [];
  let i = 0;
  const n = text.length;
  const skipString = (quote: string) => {
    for (i++; i < n && text[i] !== quote && text[i] !== "\n"; i++) if (text[i] === "\\") i++;
  };
  const skipTemplateText = () => {
    // From inside a template's text to its end (returns after "`") or to a "${" (inside it).
    for (; i < n; i++) {
      const c = text[i];
      if (c === "\\") i++;
      else if (c === "\n") {
        line++;
        lineStart = i + 1;
      } else if (c === "`") return;
      else if (c === "$" && text[i + 1] === "{") {
        i++;
        templates.push(depth);
        depth++;
        return;
      }
    }
  };
  for (; i < n; i++) {
    const c = text[i]!;
    if (c === "\n") {
      line++;
      lineStart = i + 1;
    } else if (c === '"' || c === "'") skipString(c);
    else if (c === "/" && text[i + 1] === "/") {
      while (i < n && text[i] !== "\n") i++;
      i--;
    } else if (c === "/" && text[i + 1] === "*") {
      for (i += 2; i < n && !(text[i] === "*" && text[i + 1] === "/"); i++) {
        if (text[i] === "\n") {
          line++;
          lineStart = i + 1;
        }
      }
      i++;
    } else if (c === "`") {
      i++;
      skipTemplateText();
    } else if (c === "(" || c === "[" || c === "{") {
      if (++depth > LIMITS.brackets) {
        const column = i - lineStart + 1;
        return ownDiagnostic(
          guardMessages.brackets,
          locale,
          { max: LIMITS.brackets, line },
          line,
          column,
          "ROBOTYC_TOO_COMPLEX",
        );
      }
    } else if (c === ")" || c === "]" || c === "}") {
      depth = Math.max(0, depth - 1);
      if (c === "}" && templates.length > 0 && templates.at(-1) === depth) {
        templates.pop();
        i++;
        skipTemplateText();
      }
    }
  }
  return undefined;
}

const TYPE_OPERATORS = new Set([
  ts.SyntaxKind.ConditionalType,
  ts.SyntaxKind.MappedType,
  ts.SyntaxKind.TemplateLiteralType,
  ts.SyntaxKind.InferType,
  ts.SyntaxKind.TypeOperator,
  ts.SyntaxKind.IndexedAccessType,
]);

/**
 * After parsing, before type checking: the tree's size and depth, its types, and the reserved
 * names. Returns the first problems (at most one per kind).
 */
export function treeDiagnostics(file: ts.SourceFile, locale: Locale): Diagnostic[] {
  const found = new Map<string, Diagnostic>();
  const at = (node: ts.Node) => {
    const start = node.getStart(file);
    const { line, character } = file.getLineAndCharacterOfPosition(start);
    return { line: line + 1, column: character + 1 };
  };
  const report = (
    key: string,
    message: Localized,
    node: ts.Node,
    params: Record<string, string | number> = {},
    code = "ROBOTYC_TOO_COMPLEX",
  ) => {
    if (found.has(key)) return;
    const { line, column } = at(node);
    found.set(key, ownDiagnostic(message, locale, { line, ...params }, line, column, code));
  };

  let nodes = 0;
  let typeDeclarations = 0;
  let typeOperators = 0;
  let unionMembers = 0;
  /** Type alias → the names its definition refers to, to find aliases defined by themselves. */
  const aliases = new Map<string, { node: ts.TypeAliasDeclaration; refers: Set<string> }>();
  const stack: { node: ts.Node; depth: number; alias?: Set<string> }[] = [{ node: file, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth, alias } = stack.pop()!;
    if (++nodes > LIMITS.nodes) {
      report("nodes", guardMessages.nodes, node, { max: LIMITS.nodes });
      break;
    }
    if (depth > LIMITS.depth) {
      report("depth", guardMessages.depth, node);
      continue;
    }
    let inAlias = alias;
    if (ts.isIdentifier(node) && RESERVED.has(node.text)) {
      report("reserved", guardMessages.reserved, node, { name: node.text }, "ROBOTYC_RESERVED");
    } else if (ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) {
      if (++typeDeclarations > LIMITS.typeDeclarations) report("types", guardMessages.types, node);
      if (ts.isTypeAliasDeclaration(node)) {
        inAlias = new Set();
        aliases.set(node.name.text, { node, refers: inAlias });
      }
    } else if (TYPE_OPERATORS.has(node.kind)) {
      if (++typeOperators > LIMITS.typeOperators) report("types", guardMessages.types, node);
    } else if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) {
      unionMembers += node.types.length;
      if (unionMembers > LIMITS.unionMembers) report("types", guardMessages.types, node);
    } else if (inAlias && ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      inAlias.add(node.typeName.text);
    }
    // Children pushed last first, so the walk meets the program in source order.
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let c = children.length - 1; c >= 0; c--) {
      stack.push({ node: children[c]!, depth: depth + 1, ...(inAlias ? { alias: inAlias } : {}) });
    }
  }

  // An alias that reaches itself through the aliases it names.
  for (const [name, { node }] of aliases) {
    const seen = new Set<string>();
    const todo = [...aliases.get(name)!.refers];
    while (todo.length > 0) {
      const next = todo.pop()!;
      if (next === name) {
        report("recursive", guardMessages.recursiveType, node, { name });
        break;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      todo.push(...(aliases.get(next)?.refers ?? []));
    }
    if (found.has("recursive")) break;
  }
  return [...found.values()];
}
