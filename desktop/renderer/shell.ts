/**
 * The app's layout: header (challenge, seed, language, open, save), the editors (Blocks and
 * TypeScript tabs), the arena with its camera and sensor switches, the run controls, the
 * challenge panel and the console. Every visible string comes from i18n keys.
 */
import { h } from "./dom.ts";
import { LANGUAGES, translateTree } from "./i18n/index.ts";

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;

export interface Shell {
  challenge: HTMLSelectElement;
  seed: HTMLInputElement;
  language: HTMLSelectElement;
  open: HTMLButtonElement;
  fileInput: HTMLInputElement;
  save: HTMLButtonElement;
  share: HTMLButtonElement;
  tabs: { blocks: HTMLButtonElement; typescript: HTMLButtonElement };
  panels: { blocks: HTMLElement; typescript: HTMLElement };
  blocksHost: HTMLElement;
  codeHost: HTMLElement;
  problems: HTMLElement;
  arena: HTMLElement;
  cameras: Record<"follow" | "top" | "free", HTMLButtonElement>;
  cone: HTMLButtonElement;
  lineSpots: HTMLButtonElement;
  run: HTMLButtonElement;
  stop: HTMLButtonElement;
  pause: HTMLButtonElement;
  step: HTMLButtonElement;
  speed: HTMLSelectElement;
  reset: HTMLButtonElement;
  replayLast: HTMLButtonElement;
  timer: HTMLElement;
  timeline: {
    root: HTMLElement;
    play: HTMLButtonElement;
    slider: HTMLInputElement;
    speed: HTMLSelectElement;
    readout: HTMLElement;
    close: HTMLButtonElement;
  };
  title: HTMLElement;
  instructions: HTMLElement;
  status: HTMLElement;
  score: HTMLElement;
  breakdown: HTMLOListElement;
  /** The breakdown's card over the arena at the end of a run (hidden until then). */
  results: { root: HTMLElement; score: HTMLElement; close: HTMLButtonElement };
  console: HTMLElement;
  clearConsole: HTMLButtonElement;
  notice: HTMLElement;
}

function speedSelect(id: string, labelKey: string): [HTMLLabelElement, HTMLSelectElement] {
  const select = h(
    "select",
    { id },
    ...SPEEDS.map((s) =>
      h("option", { value: String(s), selected: s === 1 }, `× ${String(s).replace(".", ",")}`),
    ),
  );
  return [h("label", { for: id }, h("span", { i18n: labelKey }), select), select];
}

export function buildShell(root: HTMLElement): Shell {
  const challenge = h("select", { id: "challenge" });
  const seed = h("input", {
    id: "seed",
    type: "number",
    min: 0,
    step: 1,
    value: 1,
    "i18n-title": "header.seedHint",
  });
  const language = h(
    "select",
    { id: "language" },
    ...LANGUAGES.map((l) => h("option", { value: l, i18n: `languages.${l}` })),
  );
  const fileInput = h("input", {
    type: "file",
    accept: ".ts,.json,text/plain,application/json",
    hidden: true,
    id: "open-file",
  });
  const open = h("button", {
    type: "button",
    i18n: "header.open",
    "i18n-title": "header.openHint",
  });
  const save = h("button", {
    type: "button",
    i18n: "header.save",
    "i18n-title": "header.saveHint",
  });
  const share = h("button", {
    type: "button",
    i18n: "header.share",
    "i18n-title": "header.shareHint",
  });

  const tab = (name: "blocks" | "typescript") =>
    h("button", {
      type: "button",
      role: "tab",
      id: `tab-${name}`,
      "aria-controls": `panel-${name}`,
      "aria-selected": "false",
      i18n: `tabs.${name}`,
    });
  const tabs = { blocks: tab("blocks"), typescript: tab("typescript") };
  const blocksHost = h("div", { class: "editor-host", id: "blocks-host" });
  const codeHost = h("div", { class: "editor-host", id: "code-host" });
  const panel = (name: "blocks" | "typescript", host: HTMLElement) =>
    h(
      "div",
      {
        class: "tabpanel",
        role: "tabpanel",
        id: `panel-${name}`,
        "aria-labelledby": `tab-${name}`,
      },
      host,
    );
  const panels = { blocks: panel("blocks", blocksHost), typescript: panel("typescript", codeHost) };
  const problems = h("div", { class: "problems", "aria-live": "polite" });

  const arena = h("div", { class: "arena", role: "img", "i18n-aria-label": "camera.arena" });
  const camButton = (name: "follow" | "top" | "free") =>
    h("button", { type: "button", "aria-pressed": "false", i18n: `camera.${name}` });
  const cameras = { follow: camButton("follow"), top: camButton("top"), free: camButton("free") };
  cameras.free.setAttribute("data-i18n-title", "camera.freeHint");
  const cone = h("button", { type: "button", "aria-pressed": "false", i18n: "sensors.cone" });
  const lineSpots = h("button", { type: "button", "aria-pressed": "false", i18n: "sensors.line" });

  const run = h("button", { type: "button", class: "go", i18n: "controls.run" });
  const stop = h("button", {
    type: "button",
    class: "halt",
    i18n: "controls.stop",
    disabled: true,
  });
  const pause = h("button", {
    type: "button",
    i18n: "controls.pause",
    "aria-pressed": "false",
    disabled: true,
  });
  const step = h("button", { type: "button", i18n: "controls.step" });
  const [speedLabel, speed] = speedSelect("speed", "controls.speed");
  const reset = h("button", { type: "button", i18n: "controls.reset" });
  const replayLast = h("button", { type: "button", i18n: "replay.last", disabled: true });
  const timer = h("span", { class: "timer", "aria-live": "off" });

  const play = h("button", { type: "button", i18n: "replay.play" });
  const slider = h("input", {
    type: "range",
    min: 0,
    max: 0,
    step: 1,
    value: 0,
    "i18n-aria-label": "replay.timeline",
  });
  const [replaySpeedLabel, replaySpeed] = speedSelect("replay-speed", "controls.speed");
  const readout = h("div", { class: "readout", "aria-live": "off" });
  const close = h("button", { type: "button", i18n: "replay.close" });
  const timelineRoot = h(
    "div",
    { class: "timeline card", role: "group", "i18n-aria-label": "replay.group", hidden: true },
    play,
    slider,
    replaySpeedLabel,
    close,
    readout,
  );

  const title = h("h2", { id: "challenge-title" });
  const instructions = h("p", { id: "instructions" });
  const status = h("p", { class: "notice", id: "run-status" });
  const score = h("div", { class: "score", role: "status", "aria-live": "polite", id: "score" });
  const breakdown = h("ol", { class: "breakdown", "i18n-aria-label": "panel.breakdown" });
  // The end of a run's points, over the arena: seen at once at 1280x720, without scrolling.
  const resultsScore = h("span", { class: "results-score" });
  const resultsClose = h("button", {
    type: "button",
    i18n: "panel.close",
    "i18n-aria-label": "panel.closeBreakdown",
  });
  const results = h(
    "section",
    { class: "results card", "aria-labelledby": "results-title", hidden: true },
    h(
      "div",
      { class: "results-head" },
      h("h2", { id: "results-title", i18n: "panel.breakdown" }),
      resultsScore,
      resultsClose,
    ),
    breakdown,
  );
  const consoleOut = h("pre", {
    class: "console",
    role: "log",
    "aria-live": "polite",
    "i18n-aria-label": "panel.console",
  });
  const clearConsole = h("button", { type: "button", i18n: "panel.clear" });
  const notice = h("p", { class: "notice", role: "alert", id: "notice" });

  root.append(
    h("a", { class: "skip", href: "#stage", i18n: "app.skip" }),
    h(
      "header",
      { class: "top" },
      h("h1", {}, h("span", { i18n: "app.title" }), h("small", { i18n: "app.tagline" })),
      h("label", { for: "challenge" }, h("span", { i18n: "header.challenge" }), challenge),
      h("label", { for: "seed" }, h("span", { i18n: "header.seed" }), seed),
      share,
      h("span", { class: "spacer" }),
      open,
      fileInput,
      save,
      h("label", { for: "language" }, h("span", { i18n: "header.language" }), language),
    ),
    notice,
    h(
      "main",
      { class: "workspace" },
      h(
        "section",
        { class: "editors", "i18n-aria-label": "tabs.editors" },
        h(
          "div",
          { class: "card editor-card" },
          h(
            "div",
            { role: "tablist", "i18n-aria-label": "tabs.editors" },
            tabs.blocks,
            tabs.typescript,
          ),
          panels.blocks,
          panels.typescript,
          problems,
        ),
      ),
      h(
        "section",
        { class: "stage", id: "stage", tabindex: -1 },
        h(
          "div",
          { class: "card arena-card" },
          arena,
          h(
            "div",
            { class: "arena-tools" },
            h(
              "div",
              { role: "group", "i18n-aria-label": "camera.group" },
              h("span", { class: "group-name", i18n: "camera.group", "aria-hidden": "true" }),
              cameras.follow,
              cameras.top,
              cameras.free,
            ),
            h(
              "div",
              { role: "group", "i18n-aria-label": "sensors.group" },
              h("span", { class: "group-name", i18n: "sensors.group", "aria-hidden": "true" }),
              cone,
              lineSpots,
            ),
          ),
          results,
        ),
        h(
          "div",
          { class: "card controls", role: "group", "i18n-aria-label": "controls.group" },
          run,
          stop,
          pause,
          step,
          speedLabel,
          reset,
          replayLast,
          timer,
        ),
        timelineRoot,
        h(
          "div",
          { class: "panels" },
          h(
            "section",
            { class: "card panel", "aria-labelledby": "challenge-title" },
            title,
            h("div", { class: "body" }, instructions, score, status),
          ),
          h(
            "section",
            { class: "card panel", "aria-labelledby": "console-title" },
            h("h2", {}, h("span", { id: "console-title", i18n: "panel.console" }), clearConsole),
            h("div", { class: "body" }, consoleOut),
          ),
        ),
      ),
    ),
  );
  translateTree(root);
  return {
    challenge,
    seed,
    language,
    open,
    fileInput,
    save,
    share,
    tabs,
    panels,
    blocksHost,
    codeHost,
    problems,
    arena,
    cameras,
    cone,
    lineSpots,
    run,
    stop,
    pause,
    step,
    speed,
    reset,
    replayLast,
    timer,
    timeline: { root: timelineRoot, play, slider, speed: replaySpeed, readout, close },
    title,
    instructions,
    status,
    score,
    breakdown,
    results: { root: results, score: resultsScore, close: resultsClose },
    console: consoleOut,
    clearConsole,
    notice,
  };
}
