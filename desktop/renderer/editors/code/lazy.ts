/**
 * The TypeScript tab: Monaco is fetched the first time the tab opens (≈1 MB gzip), its typings
 * come from the compile worker, and the compiler's diagnostics follow the pupil's typing.
 */
import type { Diagnostic, Locale } from "../../../../runtime/engine.ts";
import { h } from "../../dom.ts";
import { t } from "../../i18n/index.ts";
import type { CompilerClient } from "./compiler.ts";
import type { CodeEditor } from "./monaco.ts";

export interface CodeTab {
  /** Loads Monaco (once) and shows the program. */
  open(): Promise<CodeEditor | null>;
  readonly editor: CodeEditor | null;
}

export function createCodeTab(options: {
  host: HTMLElement;
  compiler: CompilerClient;
  lang: () => Locale;
  source: () => string;
  onChange: (text: string) => void;
}): CodeTab {
  let editor: CodeEditor | null = null;
  let loading: Promise<CodeEditor | null> | null = null;
  const placeholder = h("p", { class: "placeholder", i18n: "editor.loading" }, t("editor.loading"));
  return {
    get editor() {
      return editor;
    },
    open() {
      loading ??= (async () => {
        options.host.append(placeholder);
        try {
          const [module, typings] = await Promise.all([
            import("./monaco.ts"),
            options.compiler.getTypings(),
          ]);
          placeholder.remove();
          editor = module.createCodeEditor(options.host, {
            value: options.source(),
            lang: options.lang(),
            typings,
            label: t("editor.label"),
          });
          editor.onChange((text) => options.onChange(text));
          return editor;
        } catch (error) {
          placeholder.removeAttribute("data-i18n");
          placeholder.textContent = t("editor.failed", {
            detail: String((error as Error).message),
          });
          loading = null;
          return null;
        }
      })();
      return loading;
    },
  };
}

/** The problems under the editor: the same messages as the markers, readable by a screen reader. */
export function renderProblems(list: HTMLElement, diagnostics: readonly Diagnostic[]): void {
  list.replaceChildren();
  if (diagnostics.length === 0) {
    list.append(h("span", {}, t("editor.noProblem")));
    return;
  }
  list.append(
    h("span", {}, t("editor.problems", { count: diagnostics.length })),
    h(
      "ul",
      {},
      ...diagnostics.map((d) =>
        h("li", {}, t("console.compileError", { line: d.line, message: d.message })),
      ),
    ),
  );
}
