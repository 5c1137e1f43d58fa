/**
 * The app: wires the shell, the editors, the arena view, the run worker and the panels. The
 * page's thread only draws and edits; compiling and running happen in workers.
 */
import type { Diagnostic, Locale } from "../../runtime/engine.ts";
import { ArenaView, type CameraMode } from "../../simulator/view/index.ts";
import { CompilerClient } from "./editors/code/compiler.ts";
import { createCodeTab, renderProblems, type CodeTab } from "./editors/code/lazy.ts";
import { initI18n, isLanguage, language, setLanguage, t } from "./i18n/index.ts";
import { parseLaunch, parseSeed } from "./launch.ts";
import { download, readPicked } from "./platform/files.ts";
import { loadPrefs, loadWork, savePrefs, saveWork, type Work } from "./platform/storage.ts";
import { buildShell, type Shell } from "./shell.ts";

export type EditorTab = "blocks" | "typescript";

/** What a new program holds before the pupil writes anything. */
export const STARTER: Record<Locale, string> = {
  fr: "// Mon programme\nrobot.setSpeed(50);\nawait robot.forward(20);\n",
  en: "// My program\nrobot.setSpeed(50);\nawait robot.forward(20);\n",
};

export class App {
  readonly shell: Shell;
  readonly view: ArenaView;
  readonly compiler = new CompilerClient();
  readonly code: CodeTab;
  challengeId = "";
  seed = 1;
  source: string;
  tab: EditorTab = "typescript";
  diagnostics: Diagnostic[] = [];
  private diagnoseTimer = 0;
  private saveTimer = 0;

  constructor(root: HTMLElement) {
    const launch = parseLaunch(location.search);
    const prefs = loadPrefs();
    const lang: Locale = launch.lang ?? prefs.lang ?? guessLanguage();
    initI18n(lang);
    this.shell = buildShell(root);
    this.shell.language.value = lang;
    this.seed = launch.seed ?? prefs.seed ?? 1;
    this.shell.seed.value = String(this.seed);
    if (launch.badSeed !== undefined) this.notify(t("files.badSeed", { value: launch.badSeed }));
    this.challengeId = launch.challenge ?? prefs.challenge ?? "";
    const work = this.challengeId ? loadWork(this.challengeId) : undefined;
    this.source = work?.source ?? STARTER[lang];

    this.view = new ArenaView(this.shell.arena, { shadows: true });
    const inset = this.shell.arena.querySelector(".robot-camera");
    inset?.setAttribute("role", "img");
    inset?.setAttribute("data-i18n-aria-label", "camera.robot");
    inset?.setAttribute("aria-label", t("camera.robot"));
    this.view.start();

    this.code = createCodeTab({
      host: this.shell.codeHost,
      compiler: this.compiler,
      lang: () => language(),
      source: () => this.source,
      onChange: (text) => this.setSource(text, "typescript"),
    });
    this.wire();
    this.selectCamera("follow");
    this.selectTab(work?.editor ?? "typescript");
    this.diagnoseSoon(0);
  }

  /** A short message for the pupil (role="alert": read out at once). */
  notify(text: string): void {
    this.shell.notice.textContent = text;
  }

  setSource(text: string, from: EditorTab): void {
    if (text === this.source) return;
    this.source = text;
    if (from !== "typescript") this.code.editor?.setValue(text);
    this.diagnoseSoon();
    this.saveSoon();
  }

  selectTab(tab: EditorTab): void {
    this.tab = tab;
    for (const name of ["blocks", "typescript"] as const) {
      const selected = name === tab;
      this.shell.tabs[name].setAttribute("aria-selected", String(selected));
      this.shell.tabs[name].tabIndex = selected ? 0 : -1;
      this.shell.panels[name].hidden = !selected;
    }
    if (tab === "typescript") void this.code.open();
    else if (!this.shell.blocksHost.firstChild) {
      this.shell.blocksHost.append(
        Object.assign(document.createElement("p"), {
          className: "placeholder",
          textContent: t("editor.blocksMissing"),
        }),
      );
      this.shell.blocksHost.firstElementChild!.setAttribute("data-i18n", "editor.blocksMissing");
    }
    this.saveSoon();
  }

  selectCamera(mode: CameraMode): void {
    this.view.setCamera(mode);
    for (const [name, button] of Object.entries(this.shell.cameras)) {
      button.setAttribute("aria-pressed", String(name === mode));
    }
  }

  private diagnoseSoon(delay = 350): void {
    clearTimeout(this.diagnoseTimer);
    this.diagnoseTimer = window.setTimeout(() => void this.diagnose(), delay);
  }

  private async diagnose(): Promise<void> {
    const source = this.source;
    const lang = language();
    const result = await this.compiler.compile(source, lang);
    if (source !== this.source || lang !== language()) return;
    this.diagnostics = result.diagnostics;
    this.code.editor?.setDiagnostics(result.diagnostics);
    renderProblems(this.shell.problems, result.diagnostics);
  }

  private saveSoon(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.saveNow(), 300);
  }

  saveNow(): void {
    savePrefs({ challenge: this.challengeId, seed: this.seed, lang: language() });
    if (!this.challengeId) return;
    const work: Work = { source: this.source, editor: this.tab, savedAt: Date.now() };
    saveWork(this.challengeId, work);
  }

  private wire(): void {
    const s = this.shell;
    s.language.addEventListener("change", () => {
      const lang = s.language.value;
      if (!isLanguage(lang)) return;
      setLanguage(lang);
      this.code.editor?.setLanguage(lang);
      this.diagnoseSoon(0);
      this.saveSoon();
    });
    s.tabs.blocks.addEventListener("click", () => this.selectTab("blocks"));
    s.tabs.typescript.addEventListener("click", () => this.selectTab("typescript"));
    for (const tab of [s.tabs.blocks, s.tabs.typescript]) {
      tab.addEventListener("keydown", (event) => {
        if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
        const next = this.tab === "blocks" ? "typescript" : "blocks";
        this.selectTab(next);
        s.tabs[next].focus();
        event.preventDefault();
      });
    }
    for (const [mode, button] of Object.entries(s.cameras)) {
      button.addEventListener("click", () => this.selectCamera(mode as CameraMode));
    }
    s.cone.addEventListener("click", () => {
      const on = s.cone.getAttribute("aria-pressed") !== "true";
      s.cone.setAttribute("aria-pressed", String(on));
      this.view.showSensors({ cone: on });
    });
    s.lineSpots.addEventListener("click", () => {
      const on = s.lineSpots.getAttribute("aria-pressed") !== "true";
      s.lineSpots.setAttribute("aria-pressed", String(on));
      this.view.showSensors({ line: on });
    });
    s.seed.addEventListener("change", () => {
      const seed = parseSeed(s.seed.value);
      if (seed === undefined) {
        this.notify(t("files.badSeed", { value: s.seed.value }));
        s.seed.value = String(this.seed);
        return;
      }
      this.seed = seed;
      this.saveSoon();
    });
    s.open.addEventListener("click", () => s.fileInput.click());
    s.fileInput.addEventListener("change", () => {
      const file = s.fileInput.files?.[0];
      s.fileInput.value = "";
      if (file) void this.openFile(file);
    });
    s.save.addEventListener("click", () => {
      download(`${this.challengeId || "programme"}.ts`, this.source, "text/typescript");
    });
    s.clearConsole.addEventListener("click", () => s.console.replaceChildren());
    window.addEventListener("beforeunload", () => this.saveNow());
  }

  async openFile(file: File): Promise<void> {
    const opened = await readPicked(file);
    if (opened.kind === "error") {
      this.notify(t("files.openFailed", { name: opened.name, detail: t(opened.key, opened.args) }));
      return;
    }
    if (opened.kind === "program") {
      this.setSource(opened.text, "blocks");
      this.code.editor?.setValue(opened.text);
      this.notify(t("files.opened", { name: opened.name }));
    }
  }
}

function guessLanguage(): Locale {
  const preferred = (navigator.languages ?? [navigator.language]).map((l) => l.slice(0, 2));
  return preferred.find((l): l is Locale => isLanguage(l)) ?? "fr";
}
