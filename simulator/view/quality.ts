/**
 * The arena's picture quality on a slow machine. A school PC without a graphics card (software
 * WebGL) can take hundreds of milliseconds per frame at 1280x720, and the page's thread waits for
 * each frame: the editor then feels frozen. The view measures how long its frames take, back to
 * back, and lowers the quality step by step (no shadows, then fewer pixels) until they come
 * often enough. Pure: the view feeds it the times, it answers the level.
 */

/** 0 full quality; 1 no shadows; 2 three quarters of the pixels; 3 half. */
export const QUALITY_LEVELS = 3;
/** Pixel ratio per quality level (times the screen's own ratio). */
export const PIXEL_SCALE = [1, 1, 0.75, 0.5] as const;

export class QualityGovernor {
  private intervals: number[] = [];
  private lastDraw: number | null = null;
  private level = 0;

  /**
   * @param slowMs a frame slower than this (median of `window` back-to-back frames) is too slow
   * @param window how many back-to-back frames are measured before a decision
   */
  constructor(
    readonly slowMs = 100,
    readonly window = 4,
  ) {}

  get quality(): number {
    return this.level;
  }

  /**
   * Called at each display tick: `drew` says whether the view drew a frame in this tick. Only
   * frames drawn in consecutive ticks are measured (an idle view, or frames that arrive slowly
   * from a slow replay, says nothing about the machine). Returns the new level when it changes.
   */
  tick(now: number, drew: boolean): number | null {
    const last = this.lastDraw;
    this.lastDraw = drew ? now : null;
    if (!drew || last === null || this.level >= QUALITY_LEVELS) return null;
    this.intervals.push(now - last);
    if (this.intervals.length < this.window) return null;
    const sorted = [...this.intervals].sort((a, b) => a - b);
    this.intervals = [];
    if (sorted[sorted.length >> 1]! <= this.slowMs) return null;
    return ++this.level;
  }
}
