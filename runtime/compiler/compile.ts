/**
 * Pupil TypeScript → JavaScript for the sandbox, with the TypeScript 5.9 compiler API and an
 * in-memory compiler host (no file system: the same code runs in Node and in a browser).
 * A pupil program is a script whose top level may `await`; it imports and exports nothing.
 */
import ts from "typescript";
import frDiagnosticMessages from "typescript/lib/fr/diagnosticMessages.generated.json" with { type: "json" };
import { DEFAULT_LOCALE, type Locale, type Localized } from "../i18n.ts";
import { PUPIL_API_DTS } from "../api/pupil-api.ts";
import { ES_LIB_DTS } from "./es-lib.generated.ts";
import { bracketDiagnostic, guardMessages, ownDiagnostic, treeDiagnostics } from "./guards.ts";
import { compilerMessages } from "./messages.ts";
import { findMissingAwaits } from "./missing-await.ts";
import { findPupilMistakes } from "./pupil-checks.ts";
import { pupilDiagnostics } from "./pupil-diagnostics.ts";
import { decodePositions } from "./source-map.ts";
import {
  checkSourceText,
  decodeSource,
  MAX_SOURCE_BYTES,
  tooLarge,
  type SourceProblem,
} from "./source-input.ts";

export {
  EPILOGUE,
  LOOP_LINE_GLOBAL,
  PROLOGUE,
  type CompileOptions,
  type CompileResult,
  type CompiledProgram,
  type Diagnostic,
} from "./program.ts";
import {
  EPILOGUE,
  LOOP_LINE_LOCAL,
  PROLOGUE,
  type CompileOptions,
  type CompileResult,
  type Diagnostic,
} from "./program.ts";

/** At most this many diagnostics are reported (a garbage file would give thousands). */
const MAX_DIAGNOSTICS = 50;

const LIB_PATH = "/robotyc/lib.es.d.ts";
const apiPath = (locale: Locale) => `/robotyc/robot-api.${locale}.d.ts`;
const MAIN_PATH = "/program.ts";

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  strict: true,
  noImplicitAny: false,
  noLib: true,
  types: [],
  sourceMap: true,
  inlineSources: false,
  removeComments: true,
  newLine: ts.NewLineKind.LineFeed,
  // Reported (as a warning in pupil words), not refused.
  allowUnreachableCode: false,
  noEmitOnError: false,
};

const localizedMessages = ts as unknown as {
  setLocalizedDiagnosticMessages(messages: Record<string, string> | undefined): void;
};
const TS_MESSAGES: Record<Locale, Record<string, string> | undefined> = {
  fr: frDiagnosticMessages as Record<string, string>,
  en: undefined,
};

/** Parsed library files, shared by every compilation (parsing them is most of the cost). */
const libraryFiles = new Map<string, ts.SourceFile>();
function libraryFile(path: string, text: string): ts.SourceFile {
  let file = libraryFiles.get(path);
  if (!file) {
    file = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022);
    libraryFiles.set(path, file);
  }
  return file;
}

/** The diagnostic for a file of `bytes` bytes, if that is too large to compile. */
export function sizeDiagnostic(
  bytes: number,
  locale: Locale = DEFAULT_LOCALE,
): Diagnostic | undefined {
  return bytes > MAX_SOURCE_BYTES ? problemDiagnostic(tooLarge(bytes), locale) : undefined;
}

function problemDiagnostic(problem: SourceProblem, locale: Locale): Diagnostic {
  const line = typeof problem.params.line === "number" ? problem.params.line : 1;
  return ownDiagnostic(problem.message, locale, problem.params, line, 1, problem.code);
}

export function compile(input: string | Uint8Array, opts: CompileOptions = {}): CompileResult {
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const fileName = opts.fileName ?? "program.ts";
  const decoded = decodeSource(input);
  const problem = decoded.ok ? checkSourceText(decoded.text) : decoded.problem;
  if (problem) return { ok: false, diagnostics: [problemDiagnostic(problem, locale)] };
  const source = (decoded as { text: string }).text;
  const brackets = bracketDiagnostic(source, locale);
  if (brackets) return { ok: false, diagnostics: [brackets] };
  try {
    return compileText(source, locale, fileName);
  } catch (error) {
    // TypeScript recursed deeper than the stack allows: the program is too complicated for it.
    if (error instanceof RangeError) {
      const diagnostic = ownDiagnostic(
        guardMessages.deepSomewhere,
        locale,
        {},
        1,
        1,
        "ROBOTYC_TOO_COMPLEX",
      );
      return { ok: false, diagnostics: [diagnostic] };
    }
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      diagnostics: [
        ownDiagnostic(compilerMessages.internal, locale, { detail }, 1, 1, "ROBOTYC_INTERNAL"),
      ],
    };
  }
}

function compileText(source: string, locale: Locale, fileName: string): CompileResult {
  localizedMessages.setLocalizedDiagnosticMessages(TS_MESSAGES[locale]);
  const files = new Map<string, ts.SourceFile>([
    [LIB_PATH, libraryFile(LIB_PATH, ES_LIB_DTS)],
    [apiPath(locale), libraryFile(apiPath(locale), PUPIL_API_DTS[locale])],
  ]);
  let main: ts.SourceFile | undefined;
  const output = new Map<string, string>();
  const host: ts.CompilerHost = {
    // The program's own options make the pupil file a module (top-level await) even without
    // imports: `moduleDetection: force` reaches the parser only through this argument.
    getSourceFile: (path, languageVersionOrOptions) => {
      if (path !== MAIN_PATH) return files.get(path);
      main ??= ts.createSourceFile(path, source, languageVersionOrOptions, true, ts.ScriptKind.TS);
      return main;
    },
    getDefaultLibFileName: () => LIB_PATH,
    writeFile: (path, text) => output.set(path, text),
    getCurrentDirectory: () => "/",
    getDirectories: () => [],
    fileExists: (path) => path === MAIN_PATH || files.has(path),
    readFile: () => undefined,
    getCanonicalFileName: (path) => path,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
  };
  const program = ts.createProgram({
    rootNames: [...files.keys(), MAIN_PATH],
    options: COMPILER_OPTIONS,
    host,
  });
  const pupilFile: ts.SourceFile | undefined = main;
  if (!pupilFile) throw new Error("the program file was not read");

  // Before any type checking: what would make TypeScript itself run away, and reserved names.
  const guarded = treeDiagnostics(pupilFile, locale);
  if (guarded.length > 0) return { ok: false, diagnostics: guarded };

  const refusals = refuseModuleSyntax(pupilFile, locale);
  const notRefused = (d: ts.Diagnostic) =>
    !refusals.some((r) => d.start !== undefined && d.start >= r.start && d.start < r.end);
  const syntactic = program.getSyntacticDiagnostics(pupilFile).filter(notRefused);
  // The type checker's view of a file that does not parse is noise: only syntax errors then.
  const whole = syntactic.length === 0;
  const semantic = whole
    ? [...program.getGlobalDiagnostics(), ...program.getSemanticDiagnostics(pupilFile)].filter(
        notRefused,
      )
    : [];
  const checker = program.getTypeChecker();
  const hostNames: Diagnostic[] = [];
  const others = semantic.filter((d) => {
    const hostName = hostNameDiagnostic(d, pupilFile, locale);
    if (hostName) hostNames.push(hostName);
    return !hostName;
  });
  const own = whole
    ? [...findMissingAwaits(pupilFile, checker), ...findPupilMistakes(pupilFile, checker)]
    : [];
  const diagnostics = [
    ...refusals.map((r) => r.diagnostic),
    ...hostNames,
    ...pupilDiagnostics({ file: pupilFile, checker, locale, syntactic, semantic: others }),
    ...own.map((a) => {
      const { line, character } = pupilFile.getLineAndCharacterOfPosition(a.start);
      return {
        line: line + 1,
        column: character + 1,
        message: a.text(locale),
        code: a.code,
        severity: "error" as const,
      };
    }),
  ]
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .slice(0, MAX_DIAGNOSTICS);
  if (diagnostics.some((d) => d.severity === "error")) return { ok: false, diagnostics };

  program.emit(pupilFile, undefined, undefined, false, { before: [noteLoopLines(pupilFile)] });
  const js = output.get("/program.js");
  const map = output.get("/program.js.map");
  if (js === undefined || map === undefined) throw new Error("no output");
  // Only the last lines are TypeScript's own: the map comment, and `export {};` for a module.
  const body = js
    .replace(/\n\/\/# sourceMappingURL=[^\n]*\s*$/, "")
    .replace(/(^|\n)export \{\};\s*$/, "")
    .trimEnd();
  const { lines, columns } = decodePositions((JSON.parse(map) as { mappings: string }).mappings);
  return {
    ok: true,
    program: {
      format: "robotyc-program/1",
      fileName,
      code: PROLOGUE + body + EPILOGUE,
      lines,
      columns,
    },
    diagnostics,
  };
}

/** Names pupils know from the web or Node that a robot program does not have, and what to use. */
const HOST_NAMES: Record<string, string | undefined> = {
  console: "print(...)",
  alert: "print(...)",
  setTimeout: "await wait(seconds)",
  setInterval: "while (...) { ...; await wait(seconds); }",
  Date: "time()",
  performance: "time()",
  require: undefined,
  process: undefined,
  module: undefined,
  exports: undefined,
  fetch: undefined,
  eval: undefined,
  Function: undefined,
  window: undefined,
  document: undefined,
};
/** TypeScript's "cannot find name" family, and "only refers to a type" (Date, Function). */
const CANNOT_FIND_NAME = new Set([2304, 2580, 2581, 2582, 2583, 2584, 2591, 2592, 2593, 2693]);

/** Our own words, and a hint, when a program uses a name from the web or Node. */
function hostNameDiagnostic(
  d: ts.Diagnostic,
  main: ts.SourceFile,
  locale: Locale,
): Diagnostic | undefined {
  if (d.file !== main || d.start === undefined || !CANNOT_FIND_NAME.has(d.code)) return undefined;
  const name = main.text.slice(d.start, d.start + (d.length ?? 0));
  if (!Object.hasOwn(HOST_NAMES, name)) return undefined;
  const instead = HOST_NAMES[name];
  const message = instead ? compilerMessages.useInstead : compilerMessages.notInSandbox;
  const { line, character } = main.getLineAndCharacterOfPosition(d.start);
  return ownDiagnostic(
    message,
    locale,
    { name, instead: instead ?? "" },
    line + 1,
    character + 1,
    "ROBOTYC_NOT_IN_SANDBOX",
  );
}

interface Refusal {
  start: number;
  end: number;
  diagnostic: Diagnostic;
}

/** Imports and exports have no meaning in a robot program: refuse them with our own words. */
function refuseModuleSyntax(main: ts.SourceFile, locale: Locale): Refusal[] {
  const refusals: Refusal[] = [];
  const refuse = (node: ts.Node, message: Localized, code: string) => {
    const start = node.getStart(main);
    const { line, character } = main.getLineAndCharacterOfPosition(start);
    refusals.push({
      start,
      end: node.getEnd(),
      diagnostic: ownDiagnostic(message, locale, {}, line + 1, character + 1, code),
    });
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isImportDeclaration(node) ||
      ts.isImportEqualsDeclaration(node) ||
      (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) ||
      (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) ||
      ts.isImportTypeNode(node)
    ) {
      refuse(node, compilerMessages.importRefused, "ROBOTYC_IMPORT");
      return;
    }
    if (
      ts.isExportDeclaration(node) ||
      ts.isExportAssignment(node) ||
      (ts.canHaveModifiers(node) &&
        ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
    ) {
      refuse(node, compilerMessages.exportRefused, "ROBOTYC_EXPORT");
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(main);
  return refusals;
}

/** Prepends `$robotycLoop.line = <line>;` to the body of every loop. */
function noteLoopLines(main: ts.SourceFile): ts.TransformerFactory<ts.SourceFile> {
  return (context) => {
    const f = context.factory;
    const visit = (node: ts.Node): ts.Node => {
      const visited = ts.visitEachChild(node, visit, context);
      if (!ts.isIterationStatement(visited, false)) return visited;
      const line = main.getLineAndCharacterOfPosition(node.getStart(main)).line + 1;
      const note = f.createExpressionStatement(
        f.createAssignment(
          f.createPropertyAccessExpression(f.createIdentifier(LOOP_LINE_LOCAL), "line"),
          f.createNumericLiteral(line),
        ),
      );
      const body = visited.statement;
      const statements = ts.isBlock(body) ? [note, ...body.statements] : [note, body];
      const block = f.createBlock(statements, true);
      if (ts.isWhileStatement(visited))
        return f.updateWhileStatement(visited, visited.expression, block);
      if (ts.isDoStatement(visited)) return f.updateDoStatement(visited, block, visited.expression);
      if (ts.isForStatement(visited)) {
        return f.updateForStatement(
          visited,
          visited.initializer,
          visited.condition,
          visited.incrementor,
          block,
        );
      }
      if (ts.isForInStatement(visited)) {
        return f.updateForInStatement(visited, visited.initializer, visited.expression, block);
      }
      if (ts.isForOfStatement(visited)) {
        return f.updateForOfStatement(
          visited,
          visited.awaitModifier,
          visited.initializer,
          visited.expression,
          block,
        );
      }
      return visited;
    };
    return (file) => ts.visitNode(file, visit) as ts.SourceFile;
  };
}
