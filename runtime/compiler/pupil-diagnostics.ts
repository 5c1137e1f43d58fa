/**
 * TypeScript's diagnostics in a pupil's words. For the ~30 diagnostics pupils meet most, our own
 * short message names what the pupil wrote (« Le robot ne connaît pas « avancer » : … écris
 * « await robot.forward(20) » »), and TypeScript's own message is kept as `detail`, its long
 * types cut. A missing `}` is reported at the `{` that was never closed. When the file does not
 * parse, only the syntax errors are shown (the type checker's view of a broken file is noise),
 * at most one per line.
 */
import ts from "typescript";
import { format, type Locale, type Localized } from "../i18n.ts";
import { exampleOf, nameHint, type NameHint } from "../api/name-hints.ts";
import { ROBOT_METHODS } from "../api/pupil-api.ts";
import { isThenable as isPromise } from "./missing-await.ts";
import type { Diagnostic } from "./program.ts";
import { pupilMessages as m, typeWords as tw } from "./pupil-messages.ts";

interface Context {
  file: ts.SourceFile;
  checker: ts.TypeChecker;
  locale: Locale;
}

/** Our words for one diagnostic: where (an offset, TypeScript's own by default) and what. */
interface Words {
  message: string;
  at?: number;
  severity?: Diagnostic["severity"];
}

/** `undefined`: no words of ours, TypeScript's message is shown; `null`: not shown at all. */
type Rule = (d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) => Words | null | undefined;

/** Text shown for a pupil's expression: on one line, cut when long. */
const MAX_EXPRESSION = 30;
/** TypeScript's types in a detail are cut to this length. */
const MAX_TYPE_IN_DETAIL = 60;

export function shortText(text: string, max = MAX_EXPRESSION): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/**
 * A quoted name or type in TypeScript's message: opened after a space or a bracket, closed before
 * punctuation or a space (so the apostrophe of French « n'existe » is not taken for a quote).
 */
const QUOTED = /(?<=^|[\s(])'([^']+)'(?=[\s.,;:)?!]|$)/g;

/** TypeScript's message on one line, its long quoted types cut (a robot's type is 300 characters). */
export function typeScriptDetail(d: ts.Diagnostic): string {
  return ts
    .flattenDiagnosticMessageText(d.messageText, " ")
    .replace(/\s+/g, " ")
    .replace(QUOTED, (whole, inner: string) =>
      inner.length <= MAX_TYPE_IN_DETAIL ? whole : `'${inner.slice(0, MAX_TYPE_IN_DETAIL - 1)}…'`,
    );
}

/** The innermost node around `[start, start + length)`. */
function nodeAt(file: ts.SourceFile, start: number, length: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (node.getStart(file) <= start && start + length <= node.getEnd()) {
      found = node;
      ts.forEachChild(node, visit);
    }
  };
  ts.forEachChild(file, visit);
  return found;
}

const text = (node: ts.Node, cx: Context) => shortText(node.getText(cx.file));
const say = (cx: Context, message: Localized, params: Record<string, string | number> = {}) =>
  format(message, cx.locale, params);
/** The first name TypeScript quotes in its message ('}' in "'}' expected."), in any language. */
function quoted(d: ts.Diagnostic): string | undefined {
  const match = /'([^']*)'|«\s*([^»]*?)\s*»/.exec(
    ts.flattenDiagnosticMessageText(d.messageText, " "),
  );
  return match?.[1] ?? match?.[2];
}
/** The name TypeScript suggests ("Did you mean 'forward'?"), from the declaration it points to. */
function suggestion(d: ts.Diagnostic): string | undefined {
  const related = d.relatedInformation?.find((r) => r.code === 2728);
  if (!related?.file || related.start === undefined) return undefined;
  return related.file.text.slice(related.start, related.start + (related.length ?? 0));
}

const isThenable = (type: ts.Type, cx: Context) => isPromise(cx.checker, type);

/** A type in the pupil's words: « un nombre », « le texte "vingt" », « un nom de couleur ». */
export function describeType(type: ts.Type, cx: Context, node?: ts.Node): string {
  const f = (message: Localized, params: Record<string, string> = {}) => say(cx, message, params);
  const alias = type.aliasSymbol?.name;
  if (alias === "ColorName") return f(tw.colorName);
  if (alias === "WasteKind") return f(tw.wasteKind);
  const flags = type.flags;
  if (flags & ts.TypeFlags.Any) return f(tw.anything);
  if (flags & ts.TypeFlags.StringLiteral)
    return f(tw.stringValue, { value: JSON.stringify((type as ts.StringLiteralType).value) });
  if (flags & ts.TypeFlags.NumberLiteral)
    return f(tw.numberValue, { value: String((type as ts.NumberLiteralType).value) });
  if (flags & ts.TypeFlags.BooleanLiteral)
    return f(tw.booleanValue, { value: cx.checker.typeToString(type) });
  if (flags & ts.TypeFlags.Number) return f(tw.number);
  if (flags & ts.TypeFlags.String) {
    // A literal the pupil wrote ("vingt") says more than "a text".
    if (node && ts.isStringLiteral(node))
      return f(tw.stringValue, { value: shortText(node.getText(cx.file)) });
    return f(tw.string);
  }
  if (flags & ts.TypeFlags.Boolean) return f(tw.boolean);
  if (flags & ts.TypeFlags.Undefined) return f(tw.undefined);
  if (flags & ts.TypeFlags.Null) return f(tw.null);
  if (flags & ts.TypeFlags.Void) return f(tw.void);
  if (type.isUnion()) {
    const literals = type.types.filter((t) => t.isStringLiteral());
    if (literals.length === type.types.length && literals.length <= 10)
      return f(tw.oneOf, { values: literals.map((t) => JSON.stringify(t.value)).join(", ") });
    const withoutNothing = type.types.filter(
      (t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)),
    );
    if (withoutNothing.length === 1)
      return f(tw.orNothing, { type: describeType(withoutNothing[0]!, cx) });
  }
  if (isThenable(type, cx)) return f(tw.promise);
  if (type.getCallSignatures().length > 0) return f(tw.function);
  if (cx.checker.isArrayType(type)) {
    const item = cx.checker.getTypeArguments(type as ts.TypeReference)[0];
    if (item && item.flags & ts.TypeFlags.NumberLike)
      return f(tw.listOf, { items: f(tw.itemsNumber) });
    if (item && item.flags & ts.TypeFlags.StringLike)
      return f(tw.listOf, { items: f(tw.itemsString) });
    return f(tw.list);
  }
  const written = cx.checker.typeToString(type);
  return written.length <= MAX_EXPRESSION ? written : f(tw.object);
}

function valueCount(count: number, cx: Context): string {
  if (count === 0) return say(cx, m.values0);
  if (count === 1) return say(cx, m.values1);
  return say(cx, m.valuesN, { count });
}

const isRobot = (node: ts.Node, cx: Context) =>
  ts.isIdentifier(node) &&
  node.text === "robot" &&
  cx.checker
    .getSymbolAtLocation(node)
    ?.declarations?.some((decl) => decl.getSourceFile() !== cx.file) === true;

const robotExample = (method: string) => exampleOf(["robot"], method);

/** « En anglais : "red". » for a French value such as "rouge" where a colour or waste is meant. */
function valueHint(node: ts.Node | undefined, cx: Context): string {
  if (!node || !ts.isStringLiteral(node)) return "";
  const hint = nameHint(node.text, ["color-name", "waste-kind"]);
  return hint ? " " + say(cx, m.inEnglish, { example: hint.example }) : "";
}

function unknownName(d: ts.Diagnostic, node: ts.Node | undefined, cx: Context): Words | undefined {
  if (!node || !ts.isIdentifier(node)) return undefined;
  const name = node.text;
  const hint = nameHint(name, ["robot", "global", "keyword", "color-name", "waste-kind"]);
  if (hint) return { message: hintMessage(name, hint, cx) };
  if ((ROBOT_METHODS as readonly string[]).includes(name))
    return { message: say(cx, m.robotMethodAlone, { name }) };
  const suggested = suggestion(d);
  if (suggested) return { message: say(cx, m.unknownDidYouMean, { name, suggestion: suggested }) };
  return { message: say(cx, m.unknownName, { name }) };
}

function hintMessage(name: string, hint: NameHint & { lang: "fr" | "en" }, cx: Context): string {
  const params = { name, use: hint.use, example: hint.example };
  if (hint.kind === "keyword")
    return say(cx, hint.example === hint.use ? m.frenchKeywordShort : m.frenchKeyword, params);
  if (hint.kind === "color-name" || hint.kind === "waste-kind")
    return say(cx, m.unknownValueWord, params);
  return say(cx, hint.lang === "fr" ? m.unknownFrenchName : m.unknownWrite, params);
}

function unknownProperty(d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  if (!node || !ts.isIdentifier(node) || !ts.isPropertyAccessExpression(node.parent))
    return undefined;
  const property = node.text;
  const objectNode = node.parent.expression;
  const object = text(objectNode, cx);
  const objectType = cx.checker.getTypeAtLocation(objectNode);
  if (isThenable(objectType, cx))
    return { message: say(cx, m.propertyOfPromise, { object, property }) };
  const suggested = suggestion(d);
  if (isRobot(objectNode, cx)) {
    const hint = nameHint(property, ["robot"]);
    if (hint) {
      const message = hint.lang === "fr" ? m.robotUnknownFrench : m.robotUnknownWrite;
      return { message: say(cx, message, { property, example: hint.example }) };
    }
    // `robot.wait(1)`, `robot.afficher("…")`: the program's own functions, not the robot's.
    const global = exampleOf(["global"], property) ?? nameHint(property, ["global"])?.example;
    if (global) return { message: say(cx, m.robotNotGlobal, { property, example: global }) };
    if (suggested)
      return { message: say(cx, m.robotDidYouMean, { property, suggestion: suggested }) };
    return { message: say(cx, m.robotUnknown, { property, members: ROBOT_METHODS.join(", ") }) };
  }
  const names = new Set(objectType.getProperties().map((p) => p.name));
  const hint = nameHint(property, ["line", "color", "classify", "robot"], names);
  if (hint) return { message: say(cx, m.propertyHint, { object, property, use: hint.use }) };
  if (suggested)
    return { message: say(cx, m.propertyDidYouMean, { object, property, suggestion: suggested }) };
  const type = describeType(objectType, cx);
  return { message: say(cx, m.propertyUnknown, { object, property, type }) };
}

function enclosingCall(node: ts.Node | undefined): ts.CallExpression | undefined {
  for (let n = node; n; n = n.parent) if (ts.isCallExpression(n)) return n;
  return undefined;
}

function argumentType(_d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  const call = node?.parent;
  if (!node || !call || !ts.isCallExpression(call)) return undefined;
  const index = call.arguments.indexOf(node as ts.Expression);
  const signature = cx.checker.getResolvedSignature(call);
  const parameter = signature?.getParameters()[index];
  if (index < 0 || !parameter) return undefined;
  let expectedType = cx.checker.getTypeOfSymbolAtLocation(parameter, call);
  const declaration = parameter.valueDeclaration;
  // print(...values), Math.max(...values): one value is expected, not a list.
  if (
    declaration &&
    ts.isParameter(declaration) &&
    declaration.dotDotDotToken &&
    cx.checker.isArrayType(expectedType)
  )
    expectedType = cx.checker.getTypeArguments(expectedType as ts.TypeReference)[0] ?? expectedType;
  const gotType = cx.checker.getTypeAtLocation(node);
  // The meaning of the robot's parameters (« des centimètres »), the pupil's own parameter names;
  // not the standard library's English ones.
  const meaning = Object.hasOwn(m.parameterMeanings, parameter.name)
    ? say(cx, m.parameterMeanings[parameter.name as keyof typeof m.parameterMeanings])
    : declaration?.getSourceFile() === cx.file
      ? parameter.name
      : undefined;
  const params = {
    callee: text(call.expression, cx),
    expected: describeType(expectedType, cx),
    param: meaning ?? "",
    got: describeType(gotType, cx, node),
  };
  let message = say(cx, meaning ? m.argumentType : m.argumentTypeNoMeaning, params);
  if (
    ts.isStringLiteral(node) &&
    expectedType.flags & ts.TypeFlags.NumberLike &&
    node.text.trim() !== "" &&
    Number.isFinite(Number(node.text))
  )
    message += " " + say(cx, m.removeQuotes, { value: node.text.trim() });
  return { message: message + valueHint(node, cx) };
}

function argumentCount(d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  const call = enclosingCall(node);
  const declaration = call && cx.checker.getResolvedSignature(call)?.getDeclaration();
  if (!call || !declaration) return undefined;
  const parameters = declaration.parameters;
  const rest = parameters.some((p) => p.dotDotDotToken);
  const required = parameters.filter(
    (p) => !p.questionToken && !p.initializer && !p.dotDotDotToken,
  ).length;
  const total = parameters.length;
  const expected =
    d.code === 2555 || rest
      ? say(cx, m.atLeast, { count: valueCount(required, cx) })
      : required === total
        ? valueCount(total, cx)
        : say(cx, m.between, { min: required, max: valueCount(total, cx) });
  const callee = text(call.expression, cx);
  const got = call.arguments.length;
  let message =
    got === 0
      ? say(cx, m.argumentMissing, { callee, expected })
      : say(cx, m.argumentCount, { callee, expected, got: valueCount(got, cx) });
  const method = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : "";
  const example = isRobotCall(call, cx) ? robotExample(method) : undefined;
  if (example) message += " " + say(cx, m.forExample, { example });
  return { message, at: call.getStart(cx.file) };
}

const isRobotCall = (call: ts.CallExpression, cx: Context) =>
  ts.isPropertyAccessExpression(call.expression) && isRobot(call.expression.expression, cx);

function assignedType(d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  if (!node) return undefined;
  const parent = node.parent;
  let target: ts.Node | undefined;
  let value: ts.Expression | undefined;
  if (ts.isVariableDeclaration(parent) && parent.name === node) {
    target = node;
    value = parent.initializer;
  } else if (
    ts.isBinaryExpression(parent) &&
    parent.left === node &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  ) {
    target = node;
    value = parent.right;
  } else if (
    ts.isReturnStatement(node) ||
    (ts.isReturnStatement(parent) && parent.expression === node)
  ) {
    const returned = ts.isReturnStatement(node) ? node.expression : (node as ts.Expression);
    const fn = ts.findAncestor(parent, ts.isFunctionLike);
    const signature = fn && cx.checker.getSignatureFromDeclaration(fn);
    if (!signature) return undefined;
    const expected = cx.checker.getReturnTypeOfSignature(signature);
    return {
      message: say(cx, m.returnType, {
        expected: describeType(awaitedOrSelf(expected, cx), cx),
        got: returned ? describeType(cx.checker.getTypeAtLocation(returned), cx, returned) : "?",
      }),
    };
  }
  if (!target || !value) return undefined;
  const message = say(cx, m.variableType, {
    name: text(target, cx),
    expected: describeType(cx.checker.getTypeAtLocation(target), cx),
    got: describeType(cx.checker.getTypeAtLocation(value), cx, value),
  });
  return { message: message + valueHint(value, cx) };
}

const awaitedOrSelf = (type: ts.Type, cx: Context) => cx.checker.getAwaitedType(type) ?? type;

function usedBefore(d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  if (!node || !ts.isIdentifier(node)) return undefined;
  const name = node.text;
  if (d.code === 2454) return { message: say(cx, m.usedBeforeAssigned, { name }) };
  const declaration = cx.checker.getSymbolAtLocation(node)?.valueDeclaration;
  const line = declaration
    ? cx.file.getLineAndCharacterOfPosition(declaration.getStart(cx.file)).line + 1
    : "?";
  return { message: say(cx, m.usedBeforeDeclaration, { name, line }) };
}

function redeclared(_d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  if (!node || !ts.isIdentifier(node)) return undefined;
  const name = node.text;
  // TypeScript reports every declaration of the name; the first one is the pupil's, the later
  // ones are the slip.
  const scope = ts.findAncestor(node.parent, (n) => ts.isBlock(n) || ts.isSourceFile(n));
  let earlier = false;
  const visit = (n: ts.Node): void => {
    if (earlier || n.getStart(cx.file) >= node.getStart(cx.file)) return;
    const declared =
      ts.isVariableDeclaration(n) || ts.isFunctionDeclaration(n) ? n.name : undefined;
    if (declared && ts.isIdentifier(declared) && declared.text === name && declared !== node)
      earlier = true;
    // Names declared inside a function of their own are another scope.
    if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  if (scope) ts.forEachChild(scope, visit);
  if (!earlier) return null;
  const list = ts.findAncestor(node, ts.isVariableDeclarationList);
  const keyword = !list
    ? "function"
    : list.flags & ts.NodeFlags.Const
      ? "const"
      : list.flags & ts.NodeFlags.Let
        ? "let"
        : "var";
  return { message: say(cx, m.redeclared, { name, keyword }) };
}

function expected(d: ts.Diagnostic, node: ts.Node | undefined, cx: Context): Words | undefined {
  const token = quoted(d);
  if (token === "}") {
    const open = unclosedBrace(cx.file);
    return open === undefined
      ? { message: say(cx, m.missingToken, { token }) }
      : { message: say(cx, m.unclosedBrace), at: open };
  }
  if (token === ",") return { message: say(cx, m.missingComma) };
  if (token === ";") return { message: say(cx, m.missingSemicolon) };
  if (token === "(" && d.start !== undefined) {
    const before = cx.file.text.slice(0, d.start).match(/\b(if|while|for|switch)\s*$/);
    if (before) return { message: say(cx, m.conditionParens, { keyword: before[1]! }) };
  }
  if (token && token.length <= 3) return { message: say(cx, m.missingToken, { token }) };
  void node;
  return undefined;
}

/**
 * The `{` a pupil never closed. At the end of the file TypeScript only knows that some `}` is
 * missing; the pupil's indentation says which: a `}` that starts a line less indented than the
 * line of the innermost open `{` was meant for an outer one, so that inner `{` is the unclosed one.
 * Without such a hint, the innermost `{` still open at the end.
 */
export function unclosedBrace(file: ts.SourceFile): number | undefined {
  const source = file.text;
  const scanner = ts.createScanner(
    ts.ScriptTarget.ES2022,
    true,
    ts.LanguageVariant.Standard,
    source,
  );
  const indentAt = (pos: number) => {
    const lineStart = source.lastIndexOf("\n", pos - 1) + 1;
    const before = source.slice(lineStart, pos);
    return {
      indent: /^[ \t]*/.exec(before)![0].replace(/\t/g, "    ").length,
      first: !before.trim(),
    };
  };
  const open: { pos: number; indent: number; template: boolean }[] = [];
  let suspect: number | undefined;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    const pos = scanner.getTokenStart();
    if (token === ts.SyntaxKind.OpenBraceToken) {
      const lineStart = source.lastIndexOf("\n", pos - 1) + 1;
      open.push({
        pos,
        indent: indentAt(lineStart + /^[ \t]*/.exec(source.slice(lineStart))![0].length).indent,
        template: false,
      });
    } else if (token === ts.SyntaxKind.TemplateHead) {
      open.push({ pos, indent: 0, template: true });
    } else if (token === ts.SyntaxKind.CloseBraceToken) {
      const top = open.at(-1);
      if (top?.template) {
        if (scanner.reScanTemplateToken(false) === ts.SyntaxKind.TemplateTail) open.pop();
        continue;
      }
      const here = indentAt(pos);
      if (top && suspect === undefined && here.first && here.indent < top.indent) suspect = top.pos;
      open.pop();
    }
  }
  if (!open.some((o) => !o.template)) return undefined;
  return suspect ?? [...open].reverse().find((o) => !o.template)!.pos;
}

function unterminatedString(d: ts.Diagnostic, _node: ts.Node | undefined, cx: Context) {
  if (d.start === undefined) return undefined;
  const lineStart = cx.file.text.lastIndexOf("\n", d.start - 1) + 1;
  const line = cx.file.text.slice(lineStart, d.start + 1);
  const at = Math.max(line.lastIndexOf('"'), line.lastIndexOf("'"));
  const quote = at >= 0 ? line[at]! : '"';
  return {
    message: say(cx, m.unterminatedString, { quote }),
    at: at >= 0 ? lineStart + at : d.start,
  };
}

/** Characters pupils type from a French keyboard or a word processor, and what they meant. */
const LOOKALIKES: Record<string, string> = {
  "×": "*",
  "÷": "/",
  "≤": "<=",
  "≥": ">=",
  "≠": "!==",
  "–": "-",
  "—": "-",
  "…": "...",
};

function invalidCharacter(d: ts.Diagnostic, _node: ts.Node | undefined, cx: Context) {
  if (d.start === undefined) return undefined;
  const char = String.fromCodePoint(cx.file.text.codePointAt(d.start) ?? 63);
  if (/[\u00a0\u202f\u2007\u2009]/.test(char)) return { message: say(cx, m.invalidSpace) };
  if (/[«»“”„‘’‚]/.test(char)) return { message: say(cx, m.invalidQuote, { char }) };
  const use = LOOKALIKES[char];
  if (use) return { message: say(cx, m.invalidOperator, { char, use }) };
  return { message: say(cx, m.invalidCharacter, { char }) };
}

function unknownKeyword(d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  if (!node || !ts.isIdentifier(node)) return undefined;
  const word = node.text;
  const hint = nameHint(word, ["keyword"]);
  if (hint) return { message: hintMessage(word, hint, cx) };
  const suggested = d.code === 1435 ? quoted(d) : undefined;
  if (suggested) return { message: say(cx, m.unknownKeyword, { word, suggestion: suggested }) };
  return { message: say(cx, m.unexpectedWord, { word }) };
}

function awaitOutsideAsync(_d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  const fn = node && ts.findAncestor(node.parent, ts.isFunctionLike);
  const name = fn && ts.isFunctionDeclaration(fn) && fn.name ? fn.name.text : undefined;
  return {
    message: name
      ? say(cx, m.awaitOutsideAsyncNamed, { function: name })
      : say(cx, m.awaitOutsideAsync),
  };
}

function unreachable(_d: ts.Diagnostic, node: ts.Node | undefined, cx: Context): Words {
  const statement = node && ts.findAncestor(node, (n) => ts.isStatement(n) && !ts.isBlock(n));
  const container = statement?.parent;
  let previous: ts.Node | undefined;
  if (statement && container && (ts.isBlock(container) || ts.isSourceFile(container))) {
    const list = container.statements;
    previous = list[list.indexOf(statement as ts.Statement) - 1];
  }
  const reason =
    previous === undefined
      ? m.unreachableOther
      : ts.isReturnStatement(previous)
        ? m.afterReturn
        : ts.isBreakStatement(previous)
          ? m.afterBreak
          : ts.isContinueStatement(previous)
            ? m.afterContinue
            : ts.isThrowStatement(previous)
              ? m.afterThrow
              : ts.isIterationStatement(previous, false)
                ? m.afterEndlessLoop
                : m.unreachableOther;
  return { message: say(cx, m.unreachable, { reason: say(cx, reason) }), severity: "warning" };
}

function operatorTypes(_d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  const binary = node && ts.findAncestor(node, ts.isBinaryExpression);
  if (!binary) return undefined;
  for (const side of [binary.left, binary.right]) {
    const type = cx.checker.getTypeAtLocation(side);
    if (type.getCallSignatures().some((s) => s.getParameters().length === 0))
      return {
        message: say(cx, m.missingCallParens, { expression: text(side, cx) }),
        at: side.getStart(cx.file),
      };
  }
  return {
    message: say(cx, m.operatorTypes, {
      operator: binary.operatorToken.getText(cx.file),
      left: describeType(cx.checker.getTypeAtLocation(binary.left), cx, binary.left),
      right: describeType(cx.checker.getTypeAtLocation(binary.right), cx, binary.right),
    }),
  };
}

function arithmetic(_d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  if (!node) return undefined;
  const type = cx.checker.getTypeAtLocation(node);
  if (type.getCallSignatures().some((s) => s.getParameters().length === 0))
    return { message: say(cx, m.missingCallParens, { expression: text(node, cx) }) };
  return {
    // "a" is « le texte "a" »: say only what kind of value it is.
    message: say(cx, m.arithmeticTypes, {
      expression: text(node, cx),
      type: describeType(cx.checker.getBaseTypeOfLiteralType(type), cx),
    }),
  };
}

function comparison(_d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  const binary = node && ts.findAncestor(node, ts.isBinaryExpression);
  if (!binary) return undefined;
  const [left, right] = [binary.left, binary.right];
  let message = say(cx, m.comparisonNever, {
    left: text(left, cx),
    right: shortText(right.getText(cx.file)),
  });
  const hint = valueHint(right, cx) || valueHint(left, cx);
  if (hint) return { message: message + hint };
  const variable = ts.isStringLiteral(right) ? left : right;
  const possible = cx.checker.getTypeAtLocation(variable);
  if (possible.isUnion() && possible.types.every((t) => t.isStringLiteral()))
    message +=
      " " +
      say(cx, m.possibleValues, {
        values: possible.types
          .map((t) => JSON.stringify((t as ts.StringLiteralType).value))
          .join(", "),
      });
  return { message };
}

function condition(message: Localized): Rule {
  return (_d, node, cx) =>
    node ? { message: say(cx, message, { expression: text(node, cx) }) } : undefined;
}

function named(message: Localized): Rule {
  return (_d, node, cx) =>
    node && ts.isIdentifier(node) ? { message: say(cx, message, { name: node.text }) } : undefined;
}

function readOnly(_d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  if (!node || !ts.isIdentifier(node)) return undefined;
  const access = node.parent;
  const onRobot = ts.isPropertyAccessExpression(access) && isRobot(access.expression, cx);
  return { message: say(cx, onRobot ? m.readOnlyRobot : m.readOnly, { property: node.text }) };
}

function notCallable(_d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  if (!node) return undefined;
  const callee = ts.isCallExpression(node) ? node.expression : node;
  return { message: say(cx, m.notCallable, { callee: text(callee, cx) }) };
}

function maybeUndefined(_d: ts.Diagnostic, node: ts.Node | undefined, cx: Context) {
  return node ? { message: say(cx, m.maybeUndefined, { name: text(node, cx) }) } : undefined;
}

const fixed =
  (message: Localized, params: Record<string, string> = {}): Rule =>
  (_d, _node, cx) => ({ message: say(cx, message, params) });

const RULES: Record<number, Rule> = {
  // Names
  2304: unknownName,
  2552: unknownName,
  2693: named(m.typeAsValue),
  // Properties
  2339: unknownProperty,
  2551: unknownProperty,
  2540: readOnly,
  // Calls
  2345: argumentType,
  2554: argumentCount,
  2555: argumentCount,
  2349: notCallable,
  // Values
  2322: assignedType,
  2365: operatorTypes,
  2362: arithmetic,
  2363: arithmetic,
  2367: comparison,
  2801: condition(m.promiseCondition),
  2774: condition(m.functionCondition),
  2531: maybeUndefined,
  2532: maybeUndefined,
  18047: maybeUndefined,
  18048: maybeUndefined,
  18049: maybeUndefined,
  // Variables
  2448: usedBefore,
  2454: usedBefore,
  2588: named(m.assignConstant),
  2451: redeclared,
  2300: redeclared,
  1155: (_d, node, cx) => {
    const declaration = node && ts.findAncestor(node, ts.isVariableDeclaration);
    return declaration
      ? { message: say(cx, m.constWithoutValue, { name: text(declaration.name, cx) }) }
      : undefined;
  },
  // Syntax
  1005: expected,
  1128: (d, _node, cx) =>
    d.start !== undefined && cx.file.text[d.start] === "}"
      ? { message: say(cx, m.extraBrace) }
      : undefined,
  1109: fixed(m.valueMissing),
  1003: fixed(m.nameMissing),
  1002: unterminatedString,
  1160: fixed(m.unterminatedTemplate),
  1010: fixed(m.unterminatedComment),
  1351: fixed(m.numberStuck),
  1127: invalidCharacter,
  1434: unknownKeyword,
  1435: unknownKeyword,
  1308: awaitOutsideAsync,
  1108: fixed(m.returnOutside),
  1104: fixed(m.jumpOutside, { keyword: "continue" }),
  1105: fixed(m.jumpOutside, { keyword: "break" }),
  7027: unreachable,
};

const UNTERMINATED = new Set(["TS1002", "TS1160", "TS1010"]);

/** The TypeScript codes that get our own words (for tests and docs). */
export const CODES_IN_PUPIL_WORDS: readonly number[] = Object.keys(RULES).map(Number);

/**
 * A French keyword at the start of a line that does not parse (`si (…) {`, `tantque (…) {`):
 * TypeScript sees a call followed by a stray `{`; the pupil meant `if`.
 */
function frenchKeywordOnLine(
  file: ts.SourceFile,
  line: number,
  cx: Context,
): { at: number; message: string } | undefined {
  const starts = file.getLineStarts();
  const start = starts[line]!;
  const lineText = file.text.slice(start, starts[line + 1] ?? file.text.length);
  const match = /^([\s}]*)([\p{L}_$][\p{L}\p{N}_$]*)/u.exec(lineText);
  if (!match) return undefined;
  const hint = nameHint(match[2]!, ["keyword"]);
  if (!hint || hint.use === "true" || hint.use === "false") return undefined;
  return { at: start + match[1]!.length, message: hintMessage(match[2]!, hint, cx) };
}

export interface PupilDiagnosticsInput {
  file: ts.SourceFile;
  checker: ts.TypeChecker;
  locale: Locale;
  /** The syntax errors of the pupil's file; when there are any, only they are reported. */
  syntactic: readonly ts.Diagnostic[];
  /** The other diagnostics of the pupil's file (semantic and global). */
  semantic: readonly ts.Diagnostic[];
}

/** Turns TypeScript's diagnostics of the pupil's file into pupil diagnostics. */
export function pupilDiagnostics(input: PupilDiagnosticsInput): Diagnostic[] {
  const { file, syntactic } = input;
  const cx: Context = { file, checker: input.checker, locale: input.locale };
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const linesWithSyntaxError = new Set<number>();
  const push = (d: Diagnostic) => {
    const key = `${d.line}:${d.column}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(d);
  };
  for (const d of syntactic.length > 0 ? syntactic : input.semantic) {
    const start = d.file === file ? d.start : undefined;
    const isSyntax = syntactic.length > 0;
    // After a text or comment that never ends, the rest of the file is read wrongly: stop there.
    if (isSyntax && out.some((o) => UNTERMINATED.has(o.code))) break;
    if (start !== undefined && isSyntax) {
      const line = file.getLineAndCharacterOfPosition(start).line;
      if (linesWithSyntaxError.has(line)) continue;
      linesWithSyntaxError.add(line);
      const keyword = frenchKeywordOnLine(file, line, cx);
      if (keyword) {
        push(
          positioned(
            file,
            keyword.at,
            keyword.message,
            `TS${d.code}`,
            "error",
            typeScriptDetail(d),
          ),
        );
        continue;
      }
    }
    const node = start === undefined ? undefined : nodeAt(file, start, d.length ?? 0);
    let words: Words | null | undefined;
    try {
      words = RULES[d.code]?.(d, node, cx);
    } catch {
      // Our words are a courtesy: if they fail on an odd program, TypeScript's own are shown.
      words = undefined;
    }
    if (words === null) continue;
    const severity =
      words?.severity ?? (d.category === ts.DiagnosticCategory.Error ? "error" : "warning");
    const detail = typeScriptDetail(d);
    if (start === undefined) {
      push({
        line: 1,
        column: 1,
        message: words?.message ?? detail,
        code: `TS${d.code}`,
        severity,
      });
      continue;
    }
    push(
      words
        ? positioned(file, words.at ?? start, words.message, `TS${d.code}`, severity, detail)
        : positioned(file, start, detail, `TS${d.code}`, severity),
    );
  }
  return out;
}

function positioned(
  file: ts.SourceFile,
  offset: number,
  message: string,
  code: string,
  severity: Diagnostic["severity"],
  detail?: string,
): Diagnostic {
  const { line, character } = file.getLineAndCharacterOfPosition(offset);
  return {
    line: line + 1,
    column: character + 1,
    message,
    code,
    severity,
    ...(detail !== undefined ? { detail } : {}),
  };
}
