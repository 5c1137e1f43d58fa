/**
 * How board time passes: synchronously (`runFor`), or in slices of CPU time that yield to the
 * event loop in between (`start`/`stop`). "free" runs as fast as the host allows; "realtime" never
 * runs ahead of the wall clock and does not catch up in a burst after the host was busy. A slice
 * ends early once the board has transmitted, so its answers reach the host sooner.
 */
import { FREQUENCY, type Mcu } from "./mcu.ts";

export type EmulatorSpeed = "free" | "realtime";

const SLICE_WALL_MS = 4;
/** CPU cycles run between two flushes of the board's serial output (0.5 ms). */
const CHUNK_CYCLES = 8000;
const TX_FLUSH_MS = 0.5;

export class RunLoop {
  private running = false;
  private timer: NodeJS.Immediate | NodeJS.Timeout | undefined;
  private wallStart = 0;
  private cyclesAtStart = 0;
  private anchorWall = 0;
  private anchorCycles = 0;
  private readonly waiters: { at: number; resolve: () => void }[] = [];

  constructor(
    private readonly mcu: Mcu,
    private readonly speed: EmulatorSpeed,
    /** Delivers what the board transmitted to the host. */
    private readonly flush: () => void,
    /** Whether the board has transmitted something not yet delivered. */
    private readonly hasOutput: () => boolean,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wallStart = this.anchorWall = performance.now();
    this.cyclesAtStart = this.anchorCycles = this.mcu.cycles();
    this.timer = setImmediate(() => this.slice());
  }

  stop(): void {
    this.running = false;
    // Each kind of handle goes to its own clear function: clearImmediate on a Timeout
    // corrupts Node's immediate queue.
    const timer = this.timer;
    if (timer && "refresh" in timer) clearTimeout(timer);
    else if (timer) clearImmediate(timer as NodeJS.Immediate);
    this.timer = undefined;
    this.flush();
  }

  /** Runs the CPU synchronously for `seconds` of board time, flushing output every 0.5 ms. */
  runFor(seconds: number): void {
    const { mcu } = this;
    const end = mcu.cycles() + Math.round(seconds * FREQUENCY);
    while (mcu.cycles() < end) {
      mcu.runUntil(Math.min(end, mcu.cycles() + CHUNK_CYCLES));
      this.flush();
    }
  }

  /** Resolves when board time reaches `seconds` from now (the loop must be started). */
  waitFor(seconds: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ at: this.mcu.cycles() + Math.round(seconds * FREQUENCY), resolve });
    });
  }

  /** Board time over wall time since `start()`. */
  speedRatio(): number {
    const wall = (performance.now() - this.wallStart) / 1000;
    return wall > 0 ? (this.mcu.cycles() - this.cyclesAtStart) / FREQUENCY / wall : 0;
  }

  private slice(): void {
    this.timer = undefined;
    if (!this.running) return;
    const { mcu } = this;
    const sliceStart = performance.now();
    let limit = Infinity;
    if (this.speed === "realtime") {
      const allowed = this.anchorCycles + (sliceStart - this.anchorWall) * (FREQUENCY / 1000);
      if (allowed - mcu.cycles() > FREQUENCY / 10) {
        // Too far behind (host busy): do not try to catch up in a burst.
        this.anchorWall = sliceStart;
        this.anchorCycles = mcu.cycles();
        limit = mcu.cycles() + CHUNK_CYCLES;
      } else limit = allowed;
    }
    while (mcu.cycles() < limit && performance.now() - sliceStart < SLICE_WALL_MS) {
      if (this.hasOutput() && performance.now() - sliceStart > TX_FLUSH_MS) break;
      mcu.runUntil(Math.min(limit, mcu.cycles() + CHUNK_CYCLES));
    }
    this.flush();
    const now = mcu.cycles();
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i]!.at <= now) this.waiters.splice(i, 1)[0]!.resolve();
    }
    if (!this.running) return;
    if (this.speed === "realtime" && mcu.cycles() >= limit)
      this.timer = setTimeout(() => this.slice(), 1);
    else this.timer = setImmediate(() => this.slice());
  }
}
