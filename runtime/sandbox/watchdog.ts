/**
 * The last wall: a wall-clock watchdog, for what no count can stop. QuickJS counts its own
 * bytecode, not the work of one built-in call: `Array.prototype.includes.call({ length: 2 ** 53 })`
 * or `s.indexOf(x)` on a 4 MB string are one operation each. The work meter (meter.ts) stops
 * every program whose cost it can count; this watchdog stops the rest.
 *
 * Why it cannot change an honest program's score: the meter's run budget caps what any program
 * the meter can count may compute in one run (`DEFAULT_RUN_BUDGET` checks ≈ 200 million simple
 * operations ≈ 7 s of pure computation measured on the team's machine, ~0.33 ms a check; the
 * reference solutions use under 0.5 s). The watchdog fires only after `DEFAULT_WATCHDOG_MS` of
 * wall time inside the sandbox in one run: about 9 times what the meter lets any program spend,
 * and over 100 times what the reference solutions spend. Only a program whose built-in calls
 * cost far more than the meter can see reaches it. And it is its own outcome ("watchdog"), with
 * its own message, never a silent score change: a teacher sees that it fired, and why.
 *
 * The clock counts only the time spent running the program (its synchronous stretches), never
 * the time the run waits (real-time pacing in the app, a paused run, the classifier's model).
 * The interrupt handler checks it (a loop of costly built-in calls); where one built-in call
 * never returns, the native-call guard (native-guard.ts) does.
 */
import type { NativeGuard } from "./native-guard.ts";

/** Wall milliseconds one run may spend inside the sandbox before the watchdog stops it. */
export const DEFAULT_WATCHDOG_MS = 60_000;

/** Wall time spent inside the sandbox during one run, shared with the native-call guard. */
export class SandboxClock {
  private spent = 0;
  private since: number | undefined;

  constructor(
    private readonly limitMs: number,
    private readonly guard?: NativeGuard,
  ) {}

  /** The program starts running (a synchronous stretch begins). */
  enter(): void {
    if (this.since !== undefined) return;
    this.since = performance.now();
    this.guard?.enter(this.spent);
  }

  /** The stretch ends (the program awaits, or the run is over). */
  leave(): void {
    if (this.since === undefined) return;
    this.spent += performance.now() - this.since;
    this.since = undefined;
    this.guard?.leave(this.spent);
  }

  /** Whether the run has spent its wall time (read from the interrupt handler). */
  over(): boolean {
    const now = this.since === undefined ? 0 : performance.now() - this.since;
    return this.spent + now > this.limitMs;
  }

  get limitSeconds(): number {
    return Math.round(this.limitMs / 1000);
  }
}
