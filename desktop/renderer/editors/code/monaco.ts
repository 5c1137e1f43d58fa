/**
 * The TypeScript editor (Monaco), loaded lazily: only the editor core, the contributions a pupil
 * uses (hover, completion, parameter hints, find, folding, comments...) and the TypeScript
 * language. The pupil API typings carry the hover docs in the pupil's language; the markers are
 * the pupil compiler's own diagnostics (the same messages as `robotyc check`), so Monaco's own
 * TypeScript diagnostics are turned off.
 */
import * as monaco from "monaco-editor/editor/editor.api";
import "monaco-editor/features/codeEditor/register";
import "monaco-editor/features/codicon/register";
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/codeAction/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/contextmenu/register";
import "monaco-editor/features/cursorUndo/register";
import "monaco-editor/features/find/register";
import "monaco-editor/features/folding/register";
import "monaco-editor/features/format/register";
import "monaco-editor/features/gotoError/register";
import "monaco-editor/features/hover/register";
import "monaco-editor/features/indentation/register";
import "monaco-editor/features/linesOperations/register";
import "monaco-editor/features/multicursor/register";
import "monaco-editor/features/parameterHints/register";
import "monaco-editor/features/snippet/register";
import "monaco-editor/features/suggest/register";
import "monaco-editor/features/tokenization/register";
import "monaco-editor/features/wordHighlighter/register";
import "monaco-editor/features/wordOperations/register";
import "monaco-editor/languages/definitions/typescript/register";
import * as typescript from "monaco-editor/languages/features/typescript/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import TsWorker from "monaco-editor/languages/features/typescript/ts.worker?worker";
import type { Diagnostic, Locale } from "../../../../runtime/engine.ts";

(globalThis as { MonacoEnvironment?: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === "typescript" || label === "javascript" ? new TsWorker() : new EditorWorker(),
};

export interface Typings {
  esLib: string;
  pupil: Record<Locale, string>;
}

export interface CodeEditor {
  getValue(): string;
  setValue(text: string): void;
  onChange(listener: (text: string) => void): void;
  /** Shows the compiler's diagnostics as markers. */
  setDiagnostics(diagnostics: readonly Diagnostic[]): void;
  /** Marks the line a runtime error came from (and scrolls to it); null clears it. */
  highlightLine(line: number | null, message?: string): void;
  /** The line being run, in a replay or step by step; null clears it. */
  showRunningLine(line: number | null): void;
  setLanguage(lang: Locale): void;
  focus(): void;
  layout(): void;
}

const PROGRAM_URI = "file:///programme.ts";

export function createCodeEditor(
  host: HTMLElement,
  options: { value: string; lang: Locale; typings: Typings; label: string },
): CodeEditor {
  const defaults = typescript.typescriptDefaults;
  defaults.setCompilerOptions({
    target: typescript.ScriptTarget.ESNext,
    module: typescript.ModuleKind.ESNext,
    moduleDetection: 3, // force: top-level await, as the pupil compiler allows
    strict: true,
    noLib: true,
    allowNonTsExtensions: true,
  });
  // The markers come from the pupil compiler (same words as `robotyc check`), not from Monaco's.
  defaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: true });
  defaults.setEagerModelSync(true);
  const libs = (lang: Locale) => [
    { content: options.typings.esLib, filePath: "file:///lib.es2022.d.ts" },
    { content: options.typings.pupil[lang], filePath: `file:///robot-api.${lang}.d.ts` },
  ];
  defaults.setExtraLibs(libs(options.lang));

  const model = monaco.editor.createModel(
    options.value,
    "typescript",
    monaco.Uri.parse(PROGRAM_URI),
  );
  const editor = monaco.editor.create(host, {
    model,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 15,
    tabSize: 2,
    scrollBeyondLastLine: false,
    glyphMargin: true,
    ariaLabel: options.label,
    accessibilitySupport: "auto",
    renderLineHighlight: "all",
    fixedOverflowWidgets: true,
  });
  let errorDecorations = editor.createDecorationsCollection();
  const runningDecorations = editor.createDecorationsCollection();

  return {
    getValue: () => model.getValue(),
    setValue(text) {
      if (text !== model.getValue()) model.setValue(text);
    },
    onChange(listener) {
      model.onDidChangeContent(() => listener(model.getValue()));
    },
    setDiagnostics(diagnostics) {
      monaco.editor.setModelMarkers(
        model,
        "robotyc",
        diagnostics.map((d) => {
          const line = Math.min(Math.max(1, d.line), model.getLineCount());
          const column = Math.max(1, d.column);
          return {
            severity:
              d.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
            message: d.message,
            startLineNumber: line,
            startColumn: column,
            endLineNumber: line,
            endColumn: Math.max(
              column + 1,
              model.getWordAtPosition({ lineNumber: line, column })?.endColumn ??
                model.getLineMaxColumn(line),
            ),
            source: "Robotyc",
          };
        }),
      );
    },
    highlightLine(line, message) {
      errorDecorations.clear();
      if (line === null) return;
      const at = Math.min(Math.max(1, line), model.getLineCount());
      errorDecorations = editor.createDecorationsCollection([
        {
          range: new monaco.Range(at, 1, at, 1),
          options: {
            isWholeLine: true,
            className: "code-line-error",
            glyphMarginClassName: "code-glyph-error",
            ...(message ? { hoverMessage: { value: message } } : {}),
          },
        },
      ]);
      editor.revealLineInCenterIfOutsideViewport(at);
    },
    showRunningLine(line) {
      runningDecorations.clear();
      if (line === null) return;
      const at = Math.min(Math.max(1, line), model.getLineCount());
      runningDecorations.set([
        {
          range: new monaco.Range(at, 1, at, 1),
          options: { isWholeLine: true, className: "code-line-running" },
        },
      ]);
      editor.revealLineInCenterIfOutsideViewport(at);
    },
    setLanguage(lang) {
      defaults.setExtraLibs(libs(lang));
    },
    focus: () => editor.focus(),
    layout: () => editor.layout(),
  };
}
