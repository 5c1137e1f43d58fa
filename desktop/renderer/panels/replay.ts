/**
 * The replay timeline: scrub (a slider, also with the keyboard), play and pause, speed, and at
 * each moment the time, the program's line running (kept in the replay since it has
 * `frameLines`; an older replay file plays without it) and what the robot's sensors last told the program. The view draws the
 * replay's own frames: the same input as the live run.
 */
import type { ArenaDisplay } from "../../../simulator/view/index.ts";
import { formatNumber, t } from "../i18n/index.ts";
import type { RunFrame } from "../run/protocol.ts";
import type { Shell } from "../shell.ts";

export class ReplayPlayer {
  private frames: RunFrame[] = [];
  /** The program's line at each frame (0: none yet), or null when unknown (an older replay). */
  private lines: number[] | null = null;
  private tickRate = 120;
  private index = 0;
  private playing = false;
  private raf = 0;
  private clock = { wall: 0, sim: 0 };
  active = false;

  constructor(
    private readonly shell: Shell,
    private readonly view: Pick<ArenaDisplay, "setFrame">,
    private readonly onMoment: (time: number, line: number) => void,
  ) {
    const tl = shell.timeline;
    tl.slider.addEventListener("input", () => {
      this.pause();
      this.seek(Number(tl.slider.value));
    });
    tl.play.addEventListener("click", () => (this.playing ? this.pause() : this.play()));
    tl.speed.addEventListener("change", () => {
      if (this.playing) this.play();
    });
  }

  load(frames: RunFrame[], tickRate: number, lines?: number[]): void {
    this.frames = frames;
    this.lines = lines && lines.length === frames.length ? lines : null;
    this.tickRate = tickRate;
    this.active = true;
    const tl = this.shell.timeline;
    tl.root.hidden = false;
    tl.slider.max = String(Math.max(0, frames.length - 1));
    this.seek(0);
  }

  close(): void {
    this.pause();
    this.active = false;
    this.shell.timeline.root.hidden = true;
  }

  timeOf(index: number): number {
    return (this.frames[index]?.tick ?? 0) / this.tickRate;
  }

  seek(index: number): void {
    if (!this.frames.length) return;
    this.index = Math.max(0, Math.min(this.frames.length - 1, Math.round(index)));
    const frame = this.frames[this.index]!;
    this.view.setFrame(frame);
    const tl = this.shell.timeline;
    tl.slider.value = String(this.index);
    const time = this.timeOf(this.index);
    tl.slider.setAttribute("aria-valuetext", t("replay.at", { time: formatNumber(time, 2) }));
    const line = this.lines?.[this.index] ?? 0;
    this.readout(frame, time, line);
    this.onMoment(time, line);
  }

  play(): void {
    if (!this.frames.length) return;
    if (this.index >= this.frames.length - 1) this.seek(0);
    cancelAnimationFrame(this.raf);
    this.playing = true;
    this.shell.timeline.play.setAttribute("data-i18n", "replay.pause");
    this.shell.timeline.play.textContent = t("replay.pause");
    this.clock = { wall: performance.now(), sim: this.timeOf(this.index) };
    const speed = Number(this.shell.timeline.speed.value) || 1;
    const loop = () => {
      if (!this.playing) return;
      const sim = this.clock.sim + ((performance.now() - this.clock.wall) / 1000) * speed;
      let i = this.index;
      while (i < this.frames.length - 1 && this.timeOf(i + 1) <= sim) i++;
      if (i !== this.index) this.seek(i);
      if (i >= this.frames.length - 1) this.pause();
      else this.raf = requestAnimationFrame(loop);
    };
    this.raf = requestAnimationFrame(loop);
  }

  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.raf);
    this.shell.timeline.play.setAttribute("data-i18n", "replay.play");
    this.shell.timeline.play.textContent = t("replay.play");
  }

  private readout(frame: RunFrame, time: number, line: number): void {
    const seen = frame.robot?.seen ?? {};
    const parts = [t("replay.at", { time: formatNumber(time, 2) })];
    if (this.lines) parts.push(line > 0 ? t("replay.line", { line }) : t("replay.noLine"));
    if (seen.distance !== undefined) {
      parts.push(t("replay.distance", { value: formatNumber(seen.distance, 1) }));
    }
    if (seen.line) {
      const mark = (on: boolean) => t(on ? "replay.onLine" : "replay.offLine");
      parts.push(
        t("replay.lineSensors", {
          left: mark(seen.line.left),
          center: mark(seen.line.center),
          right: mark(seen.line.right),
        }),
      );
    }
    if (seen.color !== undefined) {
      parts.push(t("replay.color", { value: t(`colors.${seen.color}`) }));
    }
    if (seen.heading !== undefined) {
      parts.push(t("replay.heading", { value: formatNumber(seen.heading, 0) }));
    }
    this.shell.timeline.readout.replaceChildren(
      ...parts.map((text) => Object.assign(document.createElement("span"), { textContent: text })),
    );
  }
}
