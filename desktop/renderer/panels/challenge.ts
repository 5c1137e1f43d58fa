/**
 * The challenge panel: title and instructions, the timer, the score (role="status": « Score :
 * N / M » when a run ends) and the breakdown, with the same lines as `robotyc run`. The breakdown
 * shows in a card over the arena when a run ends (in a small panel it fell below the fold at
 * 1280x720); « Fermer », Escape or using the replay's timeline puts it away.
 */
import type { Locale } from "../../../runtime/engine.ts";
import { h } from "../dom.ts";
import { formatNumber, t } from "../i18n/index.ts";
import type { Shell } from "../shell.ts";
import type { ChallengeInfo, RunResult } from "../run/protocol.ts";

export class ChallengePanel {
  private info: ChallengeInfo | null = null;
  private practice = false;
  private result: Pick<RunResult, "score" | "maxScore" | "breakdown" | "lines"> | null = null;
  private time = 0;
  /** The score so far while a run goes (null: none yet, or the run ended). */
  private live: number | null = null;
  /** The pupil closed the breakdown's card (until the next result). */
  private dismissed = false;

  constructor(private readonly shell: Shell) {
    const { results } = shell;
    results.close.addEventListener("click", () => this.dismiss());
    results.root.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.dismiss();
      }
    });
  }

  /** Puts the breakdown's card away; the focus goes back to the arena's controls. */
  dismiss(): void {
    if (this.shell.results.root.hidden) return;
    const hadFocus = this.shell.results.root.contains(document.activeElement);
    this.dismissed = true;
    this.shell.results.root.hidden = true;
    if (hadFocus) this.shell.run.focus();
  }

  show(info: ChallengeInfo, practice: boolean, lang: Locale): void {
    this.info = info;
    this.practice = practice;
    this.result = null;
    this.live = null;
    this.time = 0;
    this.dismissed = false;
    this.render(lang);
  }

  /** The score so far, while the run goes: « Score en cours : N / M ». */
  setLiveScore(score: number, lang: Locale): void {
    if (this.result) return;
    this.live = score;
    this.render(lang);
  }

  setTime(time: number): void {
    this.time = time;
    this.renderTimer();
  }

  setResult(
    result: Pick<RunResult, "score" | "maxScore" | "breakdown" | "lines"> | null,
    lang: Locale,
  ): void {
    this.result = result;
    this.live = null;
    this.dismissed = false;
    this.render(lang);
  }

  render(lang: Locale): void {
    const { shell, info } = this;
    if (!info) return;
    shell.title.textContent = this.practice
      ? t("header.practiceArena", { name: info.title[lang] })
      : info.title[lang];
    shell.instructions.textContent = this.practice ? "" : info.instructions[lang];
    this.renderTimer();
    const result = this.result;
    if (this.practice) shell.score.textContent = "";
    else if (result) {
      shell.score.textContent = t("panel.score", { score: result.score, max: result.maxScore });
    } else if (this.live !== null) {
      shell.score.textContent = t("panel.scoreLive", { score: this.live, max: info.maxScore });
    } else shell.score.textContent = t("panel.noScore", { max: info.maxScore });
    const lines = result && !this.practice ? result.lines[lang] : [];
    shell.breakdown.replaceChildren(
      ...lines.map((text, i) => {
        const points = result!.breakdown[i]?.points ?? 0;
        return h("li", { class: points > 0 ? "plus" : points < 0 ? "minus" : "" }, text);
      }),
    );
    shell.results.score.textContent = result
      ? t("panel.score", { score: result.score, max: result.maxScore })
      : "";
    shell.results.root.hidden = lines.length === 0 || this.dismissed;
  }

  private renderTimer(): void {
    if (!this.info) return;
    this.shell.timer.textContent = t("panel.timer", {
      time: formatNumber(this.time, 1),
      limit: formatNumber(this.info.timeLimit, 0),
    });
  }
}
