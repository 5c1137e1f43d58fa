/**
 * The arena's picture quality on a slow machine. A school PC without a graphics card (software
 * WebGL) can take hundreds of milliseconds per frame at 1280x720, and the page's thread waits for
 * each frame (the view draws in a render worker where it can, so the editor no longer waits, but
 * the arena is choppy). The view measures how long its frames take, back to back, and lowers the
 * quality step by step (no shadows, then simpler materials, then fewer pixels) until they come
 * often enough. Pure: the view feeds it the times, it answers the level.
 *
 * Measured at 1280x720 in software WebGL (SwiftShader), the final level: 3.7 fps full quality,
 * 5.8 without shadows, 8.2 also without antialiasing, 23 with Lambert materials instead of
 * physically based ones. So a view that knows it runs in software starts at `SOFTWARE_LEVEL`
 * without antialiasing (see `isSoftwareWebGL`).
 */

/** 0 full quality; 1 no shadows; 2 simpler materials; 3 three quarters of the pixels; 4 half. */
export const QUALITY_LEVELS = 4;
/** Pixel ratio per quality level (times the screen's own ratio). */
export const PIXEL_SCALE = [1, 1, 1, 0.75, 0.5] as const;
/** Where a view in software WebGL starts: no shadows, simpler materials. */
export const SOFTWARE_LEVEL = 2;

/** Renderer names of software WebGL (no graphics card, or none the browser may use). */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** Whether WebGL here draws in software, from the unmasked renderer name when the browser gives it. */
export function isSoftwareWebGL(rendererName: string | null | undefined): boolean {
  return typeof rendererName === "string" && SOFTWARE.test(rendererName);
}

export class QualityGovernor {
  private intervals: number[] = [];
  private lastDraw: number | null = null;
  private level: number;

  /**
   * @param slowMs a frame slower than this (median of `window` back-to-back frames) is too slow
   * @param window how many back-to-back frames are measured before a decision
   * @param start the level to start at
   */
  constructor(
    readonly slowMs = 100,
    readonly window = 4,
    start = 0,
  ) {
    this.level = Math.max(0, Math.min(QUALITY_LEVELS, Math.floor(start)));
  }

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
