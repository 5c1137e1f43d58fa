/**
 * The app: wires the shell, the editors, the arena view, the workers and the panels. The
 * page's thread only draws and edits; compiling and running happen in workers.
 */
import type { CompiledProgram, Diagnostic, Locale } from "../../runtime/engine.ts";
import { ArenaDisplay, type CameraMode } from "../../simulator/view/index.ts";
import { createBlocksEditor, type BlocksEditor } from "./editors/blocks/index.ts";
import type { WorkspaceState } from "./editors/convert/index.ts";
import { CompilerClient } from "./editors/code/compiler.ts";
import { createCodeTab, renderProblems, type CodeTab } from "./editors/code/lazy.ts";
import { h } from "./dom.ts";
import { formatNumber, initI18n, isLanguage, language, setLanguage, t } from "./i18n/index.ts";
import { launchUrl, parseLaunch, parseSeed } from "./launch.ts";
import { ChallengePanel } from "./panels/challenge.ts";
import { ClassroomPanel } from "./panels/classroom.ts";
import { ConsolePanel } from "./panels/console.ts";
import { ReplayPlayer } from "./panels/replay.ts";
import { download, readPicked } from "./platform/files.ts";
import { loadPrefs, loadWork, savePrefs, saveWork, type Work } from "./platform/storage.ts";
import { RunClient } from "./run/client.ts";
import { isPractice, practiceOf } from "./run/practice.ts";
import type { RunResult, RunScene } from "./run/protocol.ts";
import { toViewScene } from "./run/view-scene.ts";
import { buildShell, type Shell } from "./shell.ts";

export type EditorTab = "blocks" | "typescript";
export type RunState = "idle" | "compiling" | "running" | "paused" | "ended" | "replay";

/** A new program: empty (the blocks workspace too). */
export const STARTER = "";

export class App {
  readonly shell: Shell;
  /** The arena: drawn in a render worker where the browser can, on this thread otherwise. */
  readonly view: ArenaDisplay;
  readonly compiler = new CompilerClient();
  readonly runs: RunClient;
  readonly code: CodeTab;
  readonly blocks: BlocksEditor;
  /** The blocks as last saved, and the TypeScript they stand for (null: the TypeScript tab wrote last). */
  private blocksState: WorkspaceState | null = null;
  private blocksCode: string | null = null;
  readonly panel: ChallengePanel;
  readonly console: ConsolePanel;
  readonly replay: ReplayPlayer;
  /** « Séance en classe »: sends the program being edited to the teacher's classroom server. */
  readonly classroom: ClassroomPanel;
  challengeId = "";
  seed = 1;
  source: string;
  tab: EditorTab = "typescript";
  state: RunState = "idle";
  diagnostics: Diagnostic[] = [];
  scene: RunScene | null = null;
  /** The last run's result (its replay for « Revoir la course »). */
  lastResult: RunResult | null = null;
  /**
   * Wall clock (ms since the epoch, comparable across threads) of the last « Arrêter », of the
   * moment the worker's run had stopped and of the world's last move before (tests read them).
   */
  stopClock = { asked: 0, confirmed: 0, lastFrame: 0 };
  /** Simulated time of the last frame shown. */
  private time = 0;
  /** The timer and the running line wait for the next display tick, at most this often (ms). */
  private static readonly MOMENT_MS = 100;
  private moment: { time: number; line: number } | null = null;
  private momentTimer = 0;
  private momentShownAt = 0;
  private diagnoseTimer = 0;
  private saveTimer = 0;
  private prepareId = 0;

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
    this.source = work?.source ?? STARTER;

    this.view = new ArenaDisplay(this.shell.arena, { shadows: true });
    const inset = this.view.inset;
    inset.setAttribute("role", "img");
    inset.setAttribute("data-i18n-aria-label", "camera.robot");
    inset.setAttribute("aria-label", t("camera.robot"));
    this.panel = new ChallengePanel(this.shell);
    this.console = new ConsolePanel(this.shell.console);
    this.replay = new ReplayPlayer(this.shell, this.view, (time, line) => {
      this.panel.setTime(time);
      this.showRunningLine(line, true);
    });
    this.classroom = new ClassroomPanel(() => this.source);
    root.querySelector(".panels")?.append(this.classroom.root);

    this.blocks = createBlocksEditor(this.shell.blocksHost, {
      locale: lang,
      media: "./blockly-media/",
      rtl: document.documentElement.dir === "rtl",
      typeScriptToBlocks: (source) => this.compiler.toBlocks(source),
      onChange: ({ code, state }) => {
        this.blocksState = state;
        this.blocksCode = code;
        this.clearBlockError();
        if (this.tab === "blocks") this.setSource(code, "blocks");
      },
    });
    this.code = createCodeTab({
      host: this.shell.codeHost,
      compiler: this.compiler,
      lang: () => language(),
      source: () => this.source,
      onChange: (text) => this.setSource(text, "typescript"),
    });
    this.runs = new RunClient({
      // Live frames go from the run worker to the render worker; the page gets time and line.
      framePort: async () => ((await this.view.ready) === "worker" ? this.view.framePort() : null),
      onFrame: (_id, frame, time, line) => {
        this.time = time;
        if (frame) this.view.setFrame(frame);
        this.showMomentSoon(time, line);
      },
      onPrint: (_id, text, time) => this.console.print(text, time),
      onScore: (_id, score) => this.panel.setLiveScore(score, language()),
      onResult: (_id, result) => this.finish(result),
      onStopped: (_id, _time, at, lastFrameAt) => {
        this.stopClock.confirmed = at;
        this.stopClock.lastFrame = lastFrameAt;
      },
      onFailed: (message) => {
        this.console.error(t("console.errorNoLine", { message }));
        this.setState("ended");
      },
      onRestarted: () => {
        this.console.info(t("console.workerRestarted"));
        void this.prepare();
      },
    });
    this.wire();
    this.selectCamera("follow");
    void this.restoreEditors(work);
    this.setState("idle");
    // The compiler (TypeScript, ~4 MB) loads once the page is up, not before.
    this.diagnoseSoon(1200);
    performance.mark("robotyc:interactive");
    void this.boot(launch.challenge);
  }

  /** Fills the challenge list once the worker is up, then shows the chosen challenge. */
  private async boot(asked: string | undefined): Promise<void> {
    this.shell.status.textContent = t("status.loading");
    await this.runs.ready;
    const select = this.shell.challenge;
    const lang = language();
    select.replaceChildren(
      h(
        "optgroup",
        { "i18n-label": "header.challenge", label: t("header.challenge") },
        ...this.runs.challenges.map((c) => h("option", { value: c.id }, c.title[lang])),
      ),
      h(
        "optgroup",
        { "i18n-label": "header.practice", label: t("header.practice") },
        ...this.runs.challenges.map((c) =>
          h(
            "option",
            { value: practiceOf(c.id) },
            t("header.practiceArena", { name: c.title[lang] }),
          ),
        ),
      ),
    );
    const known = (id: string) => [...select.options].some((o) => o.value === id);
    if (!known(this.challengeId)) {
      if (asked) this.notify(t("files.unknownChallenge", { id: asked }));
      this.challengeId = this.runs.challenges[0]!.id;
      this.source = loadWork(this.challengeId)?.source ?? STARTER;
      this.code.editor?.setValue(this.source);
    }
    select.value = this.challengeId;
    await this.prepare();
  }

  /** Shows the chosen challenge and seed at rest (the robot at its start). */
  async prepare(): Promise<void> {
    const id = ++this.prepareId;
    this.replay.close();
    this.view.follow(null);
    this.dropMoment();
    this.showRunningLine(0, false);
    try {
      const scene = await this.runs.prepare(this.challengeId, this.seed, language());
      if (id !== this.prepareId) return;
      this.scene = scene;
      this.view.setScene(toViewScene(scene, language()));
      this.view.setFrame(scene.frame);
      this.panel.show(scene.challenge, isPractice(this.challengeId), language());
      this.setState("idle");
      this.shell.status.textContent = t("status.ready");
      performance.mark("robotyc:arena-ready");
    } catch (error) {
      if (id === this.prepareId) this.notify(String((error as Error).message));
    }
  }

  /**
   * The timer and the running line of a live run. Frames come ~30 times a second; redrawing the
   * page's text and the highlighted block that often costs the page's thread more than a pupil
   * can read at 8x, so they are shown at most 10 times a second (the last one always).
   */
  private showMomentSoon(time: number, line: number): void {
    this.moment = { time, line };
    if (this.momentTimer) return;
    const wait = Math.max(0, this.momentShownAt + App.MOMENT_MS - performance.now());
    this.momentTimer = window.setTimeout(() => {
      requestAnimationFrame(() => {
        this.momentTimer = 0;
        const moment = this.moment;
        this.moment = null;
        if (!moment) return;
        this.momentShownAt = performance.now();
        this.panel.setTime(moment.time);
        this.showRunningLine(moment.line, false);
      });
    }, wait);
  }

  /** Forgets a moment not shown yet (the run ended, stopped or was replaced). */
  private dropMoment(): void {
    this.moment = null;
  }

  /** A short message for the pupil (role="alert": read out at once). */
  notify(text: string): void {
    this.shell.notice.textContent = text;
  }

  setSource(text: string, from: EditorTab): void {
    if (text === this.source) return;
    this.source = text;
    if (from !== "typescript") this.code.editor?.setValue(text);
    this.code.editor?.highlightLine(null);
    this.diagnoseSoon();
    this.saveSoon();
  }

  /** The blocks saved with the work (or made from its TypeScript), and the tab it was left on. */
  private async restoreEditors(work: Work | undefined): Promise<void> {
    const state = work?.blocks as WorkspaceState | undefined;
    if (state) this.blocks.setBlocksJson(state);
    await this.selectTab(work?.editor ?? "blocks");
  }

  /**
   * Shows a tab. Back to Blocks after the TypeScript changed, the program becomes blocks again
   * (what has no block form becomes editable « code » blocks: nothing is lost).
   */
  async selectTab(tab: EditorTab): Promise<void> {
    if (tab === "blocks" && this.source !== (this.blocksCode ?? STARTER)) {
      try {
        const result = await this.blocks.fromTypeScript(this.source);
        if (result.syntaxError) {
          this.notify(t("editor.syntaxKept", { line: result.syntaxError.line }));
        }
      } catch (error) {
        this.notify(t("editor.failed", { detail: String((error as Error).message) }));
        return;
      }
    }
    this.tab = tab;
    for (const name of ["blocks", "typescript"] as const) {
      const selected = name === tab;
      this.shell.tabs[name].setAttribute("aria-selected", String(selected));
      this.shell.tabs[name].tabIndex = selected ? 0 : -1;
      this.shell.panels[name].hidden = !selected;
    }
    if (tab === "typescript") void this.code.open();
    else {
      this.blocks.resize();
      if (this.blocksCode !== null) this.setSource(this.blocksCode, "blocks");
    }
    this.saveSoon();
  }

  /** Marks the line of an error in the open editor: its block in Blocks, its line in TypeScript. */
  private markError(line: number, message: string): void {
    this.code.editor?.highlightLine(line, message);
    if (this.tab !== "blocks") return;
    const id = this.blocks.blockForLine(line);
    if (!id) return;
    this.clearBlockError();
    this.blocks.showError(id, message);
    this.blocks.highlightBlock(id);
    this.errorBlock = id;
    this.runningBlock = null;
  }

  private errorBlock: string | null = null;
  /** The TypeScript of the last run (its lines are the ones its frames name), and the line shown. */
  private ranSource: string | null = null;
  private runningLine = 0;
  private runningBlock: string | null = null;

  /**
   * Shows which line of the program is running (a live run, or the last run's replay): that line
   * in TypeScript, its block in Blocks (`scroll`: brought into view; a live run leaves the
   * workspace where the pupil put it). Nothing once the program was edited since it ran.
   */
  private showRunningLine(line: number, scroll: boolean): void {
    const shown = this.source === this.ranSource ? line : 0;
    if (shown === this.runningLine) return;
    this.runningLine = shown;
    this.code.editor?.showRunningLine(shown > 0 ? shown : null);
    if (this.errorBlock) return; // an error's block keeps its highlight
    const id = shown > 0 ? this.blocks.blockForLine(shown) : null;
    if (id === this.runningBlock) return;
    this.runningBlock = id;
    this.blocks.highlightBlock(id, scroll);
  }

  private clearBlockError(): void {
    if (!this.errorBlock) return;
    this.blocks.showError(this.errorBlock, null);
    this.blocks.highlightBlock(null);
    this.errorBlock = null;
    this.runningBlock = null;
  }

  selectCamera(mode: CameraMode): void {
    this.view.setCamera(mode);
    for (const [name, button] of Object.entries(this.shell.cameras)) {
      button.setAttribute("aria-pressed", String(name === mode));
    }
  }

  setState(state: RunState): void {
    this.state = state;
    const s = this.shell;
    const live = state === "running" || state === "paused";
    s.run.disabled = state === "compiling" || live;
    s.stop.disabled = !live && state !== "compiling";
    s.pause.disabled = !live;
    s.pause.setAttribute("aria-pressed", String(state === "paused"));
    s.step.disabled = state === "compiling";
    s.replayLast.disabled = !this.lastResult?.replay || live;
    const status: Partial<Record<RunState, string>> = {
      compiling: "status.compiling",
      running: "status.running",
      paused: "status.paused",
    };
    if (status[state]) s.status.textContent = t(status[state]!);
  }

  /** Compiles the program; shows the errors (and marks the first line) when it does not compile. */
  private async compileForRun(): Promise<CompiledProgram | null> {
    const result = await this.compiler.compile(this.source, language());
    this.showDiagnostics(result.diagnostics);
    if (result.ok) return result.program;
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    for (const d of errors) {
      this.console.error(t("console.compileError", { line: d.line, message: d.message }));
    }
    const first = errors[0];
    if (first) this.markError(first.line, first.message);
    this.shell.status.textContent = t("status.error");
    return null;
  }

  /** « Lancer » (or « Pas à pas » with nothing running: starts paused, one step). */
  async run(paused = false): Promise<void> {
    if (this.state === "compiling" || this.state === "running" || this.state === "paused") return;
    this.replay.close();
    this.setState("compiling");
    // The last run's score goes at once: read aloud or seen, it would pass for this run's.
    this.panel.setResult(null, language());
    this.code.editor?.highlightLine(null);
    const program = await this.compileForRun();
    if (!program) {
      this.setState("ended");
      return;
    }
    if ((this.state as RunState) !== "compiling") return; // stopped meanwhile
    if (this.scene) {
      // The same challenge and seed: the scene stands, the robot and the items go back to start.
      this.view.setFrame(this.scene.frame);
      this.panel.show(this.scene.challenge, isPractice(this.challengeId), language());
    }
    this.console.clear();
    this.time = 0;
    this.ranSource = this.source;
    this.showRunningLine(0, false);
    const runId = this.runs.start({
      challengeId: this.challengeId,
      seed: this.seed,
      locale: language(),
      program,
      // The replay keeps the program as the pupil wrote it: the blocks, or the TypeScript.
      source:
        this.tab === "blocks" && this.blocksState ? JSON.stringify(this.blocksState) : this.source,
      language: this.tab === "blocks" && this.blocksState ? "blocks" : "typescript",
      pace: Number(this.shell.speed.value) || 1,
      paused,
    });
    this.view.follow(runId);
    this.setState(paused ? "paused" : "running");
    if (paused) this.runs.step();
  }

  stop(): void {
    this.stopClock = {
      asked: performance.timeOrigin + performance.now(),
      confirmed: 0,
      lastFrame: 0,
    };
    const stopped = this.runs.stop();
    this.view.follow(null);
    this.dropMoment();
    this.showRunningLine(0, false);
    if (stopped === null && this.state !== "compiling") return;
    this.console.info(t("console.stopped", { time: formatNumber(this.time, 2) }));
    this.shell.status.textContent = t("status.stopped");
    this.setState("ended");
  }

  private finish(result: RunResult): void {
    this.lastResult = result;
    this.dropMoment();
    this.showRunningLine(0, false);
    const lang = language();
    this.panel.setTime(result.simTime);
    this.panel.setResult(result, lang);
    if (result.error) {
      const { line, message } = result.error;
      this.console.error(
        line !== undefined
          ? t("console.runError", { line, message })
          : t("console.errorNoLine", { message }),
      );
      if (line !== undefined) this.markError(line, message);
    }
    if (!isPractice(this.challengeId)) {
      this.console.info(
        t("console.result", {
          score: result.score,
          max: result.maxScore,
          outcome: t(`console.outcome.${result.outcome}`),
          time: formatNumber(result.simTime, 1),
        }),
      );
    }
    this.shell.status.textContent = t(
      result.outcome === "finished"
        ? "status.finished"
        : result.outcome === "timeout"
          ? "status.timeout"
          : "status.error",
    );
    this.setState("ended");
  }

  /** Plays a replay (the last run's, or an opened file) in the view with the timeline. */
  async openReplay(value: unknown, name: string): Promise<void> {
    if (this.state === "running" || this.state === "paused") this.stop();
    try {
      const decoded = await this.runs.decode(value, language());
      this.prepareId++;
      this.view.follow(null);
      this.scene = decoded.scene;
      this.view.setScene(toViewScene(decoded.scene, language()));
      this.panel.show(decoded.scene.challenge, false, language());
      if (decoded.result) {
        this.panel.setResult(decoded.result, language());
        this.console.clear();
        for (const text of decoded.result.prints) this.console.print(text, 0);
      }
      this.replay.load(decoded.frames, decoded.tickRate, decoded.frameLines ?? undefined);
      this.setState("replay");
      this.shell.status.textContent = t("status.replay", { name });
    } catch (error) {
      this.notify(t("files.openFailed", { name, detail: (error as Error).message }));
    }
  }

  private showDiagnostics(diagnostics: Diagnostic[]): void {
    // An empty program is no mistake yet: it is said when the pupil presses « Lancer ».
    const shown = this.source.trim() === "" ? [] : diagnostics;
    this.diagnostics = shown;
    this.code.editor?.setDiagnostics(shown);
    renderProblems(this.shell.problems, shown);
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
    this.showDiagnostics(result.diagnostics);
  }

  private saveSoon(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.saveNow(), 300);
  }

  saveNow(): void {
    savePrefs({ challenge: this.challengeId, seed: this.seed, lang: language() });
    if (!this.challengeId) return;
    const work: Work = {
      source: this.source,
      editor: this.tab,
      savedAt: Date.now(),
      ...(this.tab === "blocks" && this.blocksState ? { blocks: this.blocksState } : {}),
    };
    saveWork(this.challengeId, work);
  }

  /** Keeps the address bar on a link that reopens this challenge with this seed. */
  private updateAddress(): void {
    if (!this.challengeId) return;
    history.replaceState(
      null,
      "",
      launchUrl(location.href, this.challengeId, this.seed, language()),
    );
  }

  private async changeChallenge(id: string): Promise<void> {
    this.saveNow();
    if (this.state === "running" || this.state === "paused") this.stop();
    this.challengeId = id;
    const work = loadWork(id);
    if (work) {
      this.source = work.source;
      this.code.editor?.setValue(this.source);
      if (work.blocks) this.blocks.setBlocksJson(work.blocks as WorkspaceState);
      else this.blocksCode = null;
      await this.selectTab(work.editor);
    }
    this.lastResult = null;
    this.updateAddress();
    this.diagnoseSoon(0);
    this.saveSoon();
    await this.prepare();
  }

  private wire(): void {
    const s = this.shell;
    s.language.addEventListener("change", () => {
      const lang = s.language.value;
      if (!isLanguage(lang)) return;
      setLanguage(lang);
      this.code.editor?.setLanguage(lang);
      this.blocks.setLocale(lang);
      if (this.scene) this.view.setScene(toViewScene(this.scene, lang));
      if (this.scene && this.state !== "replay") this.view.setFrame(this.scene.frame);
      this.panel.render(lang);
      for (const option of s.challenge.options) {
        const info = this.runs.challenges.find((c) => c.id === option.value);
        if (info) option.textContent = info.title[lang];
        else {
          const of = this.runs.challenges.find((c) => practiceOf(c.id) === option.value);
          if (of) option.textContent = t("header.practiceArena", { name: of.title[lang] });
        }
      }
      this.updateAddress();
      this.diagnoseSoon(0);
      this.saveSoon();
    });
    s.challenge.addEventListener("change", () => void this.changeChallenge(s.challenge.value));
    s.tabs.blocks.addEventListener("click", () => void this.selectTab("blocks"));
    s.tabs.typescript.addEventListener("click", () => void this.selectTab("typescript"));
    for (const tab of [s.tabs.blocks, s.tabs.typescript]) {
      tab.addEventListener("keydown", (event) => {
        if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
        const next = this.tab === "blocks" ? "typescript" : "blocks";
        void this.selectTab(next).then(() => s.tabs[next].focus());
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
    s.run.addEventListener("click", () => void this.run());
    s.stop.addEventListener("click", () => this.stop());
    s.pause.addEventListener("click", () => {
      if (this.state === "running") {
        this.runs.pause();
        this.setState("paused");
      } else if (this.state === "paused") {
        this.runs.resume();
        this.setState("running");
      }
    });
    s.step.addEventListener("click", () => {
      if (this.state === "running" || this.state === "paused") {
        if (this.state === "running") this.runs.pause();
        this.runs.step();
        this.setState("paused");
        s.status.textContent = t("status.stepping");
      } else void this.run(true);
    });
    s.speed.addEventListener("change", () => this.runs.setPace(Number(s.speed.value) || 1));
    s.reset.addEventListener("click", () => {
      if (this.state === "running" || this.state === "paused") this.stop();
      this.console.clear();
      void this.prepare();
    });
    s.replayLast.addEventListener("click", () => {
      const last = this.lastResult;
      if (last?.replay) void this.openReplay(last.replay, t("replay.last"));
    });
    s.timeline.close.addEventListener("click", () => void this.prepare());
    // Watching the replay: the breakdown's card makes way for the arena.
    s.timeline.slider.addEventListener("input", () => this.panel.dismiss());
    s.timeline.play.addEventListener("click", () => this.panel.dismiss());
    s.seed.addEventListener("change", () => {
      const seed = parseSeed(s.seed.value);
      if (seed === undefined) {
        this.notify(t("files.badSeed", { value: s.seed.value }));
        s.seed.value = String(this.seed);
        return;
      }
      this.seed = seed;
      this.updateAddress();
      this.saveSoon();
      if (this.state === "running" || this.state === "paused") this.stop();
      void this.prepare();
    });
    s.share.addEventListener("click", () => {
      this.updateAddress();
      void navigator.clipboard?.writeText(location.href).then(
        () => this.notify(t("header.copied")),
        () => this.notify(location.href),
      );
    });
    s.open.addEventListener("click", () => s.fileInput.click());
    s.fileInput.addEventListener("change", () => {
      const file = s.fileInput.files?.[0];
      s.fileInput.value = "";
      if (file) void this.openFile(file);
    });
    s.save.addEventListener("click", () => {
      download(
        `${this.challengeId.replace(/[^\w-]+/g, "-") || "programme"}.ts`,
        this.source,
        "text/typescript",
      );
    });
    s.clearConsole.addEventListener("click", () => this.console.clear());
    window.addEventListener("beforeunload", () => this.saveNow());
  }

  async openFile(file: File): Promise<void> {
    const opened = await readPicked(file);
    if (opened.kind === "error") {
      this.notify(t("files.openFailed", { name: opened.name, detail: t(opened.key, opened.args) }));
      return;
    }
    if (opened.kind === "replay") {
      await this.openReplay(opened.value, opened.name);
      return;
    }
    this.setSource(opened.text, "typescript");
    this.code.editor?.setValue(opened.text);
    if (this.tab === "blocks") await this.selectTab("blocks");
    this.notify(t("files.opened", { name: opened.name }));
  }
}

function guessLanguage(): Locale {
  const preferred = (navigator.languages ?? [navigator.language]).map((l) => l.slice(0, 2));
  return preferred.find((l): l is Locale => isLanguage(l)) ?? "fr";
}
