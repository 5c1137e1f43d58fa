/**
 * The work meter: what a pupil program may spend, counted deterministically (the same counts on
 * every machine, so the same program stops at the same place everywhere).
 *
 * The unit is one check of QuickJS's interrupt counter (about 10,000 simple operations; ~0.3 ms
 * of pure computation measured on the team's machine). QuickJS counts only its own bytecode, so
 * the host adds what the program makes it do: each host call (a robot call, `time()`, `print`)
 * and each awaited operation that settles cost a fixed fraction of a check, measured against
 * the same machine (a host call ≈ 4 µs ≈ 1/64 check; an awaited operation ≈ 20 µs ≈ 1/16 check).
 *
 * Three limits:
 * - the stretch budget: work while the driver's time stands still. Time passing (an awaited
 *   motion or wait, a sensor read) starts a new stretch. A loop that never lets time pass,
 *   whatever it calls, ends here;
 * - zero-time waits: awaited operations that settle without time passing, in a row (`await
 *   wait(0)`, `forward(0)`, `turn(0)` in a loop). Their own limit and message, since the pupil
 *   did wait, just for nothing;
 * - the run budget: all the work of one run, so that no program, however it yields, costs more
 *   than a few seconds of computation (see `WATCHDOG` in watchdog.ts for why that matters).
 */

/** Meter ticks per interrupt check: every cost below is a whole number of ticks. */
export const TICKS_PER_CHECK = 64;

export const COSTS = {
  /** A robot call, `time()`, a refused call. */
  hostCall: 1,
  /** An awaited operation the host resolves (its promise job and the run loop's turn). */
  settle: 4,
  /** Each started kilobyte of printed text, on top of the call. */
  printKilobyte: 1,
} as const;

export interface MeterLimits {
  /** Checks allowed while the driver's time stands still. */
  instructionBudget: number;
  /** Checks allowed in the whole run. */
  runBudget: number;
  /** Awaited operations in a row that settle without time passing. */
  zeroTimeWaits: number;
}

export type MeterVerdict = "budget" | "run-budget" | "zero-time" | undefined;

export class WorkMeter {
  private stretch = 0;
  private total = 0;
  private zeroTime = 0;
  private stretchStart: number;
  private readonly stretchLimit: number;
  private readonly runLimit: number;

  constructor(
    private readonly limits: MeterLimits,
    /** The driver's time now. */
    private readonly now: () => number,
  ) {
    this.stretchStart = now();
    this.stretchLimit = limits.instructionBudget * TICKS_PER_CHECK;
    this.runLimit = limits.runBudget * TICKS_PER_CHECK;
  }

  /** Work in checks so far (deterministic), for the result. */
  get checks(): number {
    return this.total / TICKS_PER_CHECK;
  }

  /** Adds `ticks` of work; says which limit it crossed, if any. */
  spend(ticks: number): MeterVerdict {
    this.stretch += ticks;
    this.total += ticks;
    if (this.total > this.runLimit) return "run-budget";
    if (this.stretch > this.stretchLimit) return "budget";
    return undefined;
  }

  /** A sensor was read or an operation settled: a new stretch if the driver's time moved. */
  private timeMoved(): boolean {
    const time = this.now();
    if (time === this.stretchStart) return false;
    this.stretchStart = time;
    this.stretch = 0;
    this.zeroTime = 0;
    return true;
  }

  /** A sensor read (it costs driver time, so it normally starts a new stretch). */
  sensorRead(): MeterVerdict {
    this.timeMoved();
    return this.spend(COSTS.hostCall);
  }

  /** An awaited operation settled; counts it as a zero-time wait if no time passed. */
  settled(): MeterVerdict {
    if (!this.timeMoved() && ++this.zeroTime > this.limits.zeroTimeWaits) return "zero-time";
    return this.spend(COSTS.settle);
  }

  /** Time passed without anything settling (a long wait being advanced). */
  tick(): void {
    this.timeMoved();
  }
}
