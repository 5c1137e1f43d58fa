/**
 * Steering a run from outside the world: stop, pause, resume, step, pace. None of it changes what
 * the world does — the world only ever moves tick by tick, in lockstep with the program — it only
 * decides when, in wall time, the next tick happens, or that none will.
 *
 * The commands live in a few 32-bit words. Backed by a `SharedArrayBuffer`, another thread (the
 * app's page, while the run is in a worker) writes them directly, and the run sees them even while
 * the pupil's program is busy in a synchronous loop (`while (robot.distance() > 10) {}` steps the
 * world from inside the sandbox, where no message can arrive): a stop ends it there, and a run
 * steered from another thread (its control made over a received buffer) waits there with
 * `Atomics.wait` while paused or ahead of the pace. Steered from its own thread, a run pauses and
 * paces at the next awaited operation (blocking would leave nobody to resume it).
 */

/** The word indices. */
const STATE = 0;
const STEPS = 1;
const PACE = 2;
const GENERATION = 3;
const WORDS = 4;

const RUNNING = 0;
const PAUSED = 1;
const ABORTED = 2;

/** Pace is stored in thousandths; 0 means "as fast as the CPU allows". */
const PACE_SCALE = 1000;
export const MIN_PACE = 0.25;
export const MAX_PACE = 8;
/** An unpaced run lets the event loop in this often (wall ms), so a stop message gets through. */
const YIELD_EVERY_MS = 15;

/** Thrown inside the world when a run is stopped; the runner turns it into its abort reason. */
export class RunAborted extends Error {
  constructor() {
    super("run stopped");
    this.name = "RunAborted";
  }
}

/** `Atomics.waitAsync` (ES2024: Chromium, Node 16+), typed here for the ES2023 library. */
type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Node's `setImmediate`, looked up so that the browser build never names a Node global. */
const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
/** In a browser: a message to ourselves, the macrotask with no timer's clamp. */
let channel: { port: MessagePort; waiting: (() => void)[] } | undefined;

/**
 * Lets queued messages and timers run (a macrotask), in Node and browsers alike. Not
 * `setTimeout(0)`: Node makes it at least 1 ms and browsers 4 ms once nested, all of it idle, which
 * was 8 % of a busy run's wall time (a yield every 15 ms).
 */
function yieldToEventLoop(): Promise<void> {
  if (immediate) return new Promise<void>((resolve) => void immediate(resolve));
  if (typeof MessageChannel !== "function") {
    return new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  if (!channel) {
    const { port1, port2 } = new MessageChannel();
    const made = { port: port2, waiting: [] as (() => void)[] };
    port1.onmessage = () => made.waiting.shift()?.();
    channel = made;
  }
  const { port, waiting } = channel;
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    port.postMessage(0);
  });
}

function validPace(pace: number | null): number {
  if (pace === null) return 0;
  if (!(pace >= MIN_PACE && pace <= MAX_PACE)) throw new RangeError(`pace ${pace}`);
  return Math.round(pace * PACE_SCALE);
}

/** The commands of one run. Make it where the run is started; share `buffer` with another thread. */
export class RunControl {
  readonly buffer: SharedArrayBuffer | ArrayBuffer;
  private readonly words: Int32Array;
  private readonly shared: boolean;
  /** Made over another thread's buffer: the commands come from elsewhere, so the run may block. */
  private readonly remote: boolean;
  /** Wakes an awaiting run when a command comes from this thread. */
  private wake: (() => void) | null = null;
  /** Where pacing counts from: a (simulated, wall) pair, reset when the pace changes or on resume. */
  private origin: { sim: number; wall: number; pace: number } | null = null;
  private lastYield = 0;
  private canBlock: boolean | undefined;

  /**
   * A new control (shared memory when the platform has it), or one over `buffer` (another
   * thread's control, received in a message).
   */
  constructor(buffer?: SharedArrayBuffer | ArrayBuffer, options: { pace?: number | null } = {}) {
    this.remote = buffer !== undefined;
    if (buffer) this.buffer = buffer;
    else if (typeof SharedArrayBuffer === "function") {
      this.buffer = new SharedArrayBuffer(WORDS * 4);
    } else this.buffer = new ArrayBuffer(WORDS * 4);
    this.shared =
      typeof SharedArrayBuffer === "function" && this.buffer instanceof SharedArrayBuffer;
    this.words = new Int32Array(this.buffer, 0, WORDS);
    if (options.pace !== undefined) this.setPace(options.pace);
  }

  private command(update: () => void): void {
    update();
    Atomics.add(this.words, GENERATION, 1);
    if (this.shared) Atomics.notify(this.words, GENERATION);
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  // --- commands (any thread holding the buffer) ------------------------------------------------

  /** Stops the run for good. */
  abort(): void {
    this.command(() => Atomics.store(this.words, STATE, ABORTED));
  }

  pause(): void {
    if (this.aborted) return;
    this.command(() => {
      Atomics.store(this.words, STEPS, 0);
      Atomics.store(this.words, STATE, PAUSED);
    });
  }

  resume(): void {
    if (this.aborted) return;
    this.command(() => {
      Atomics.store(this.words, STEPS, 0);
      Atomics.store(this.words, STATE, RUNNING);
    });
  }

  /** Lets `ticks` more ticks happen, then pauses (from running or paused). */
  step(ticks: number): void {
    if (this.aborted || !(ticks >= 1)) return;
    this.command(() => {
      Atomics.store(this.words, STEPS, Math.floor(ticks));
      Atomics.store(this.words, STATE, PAUSED);
    });
  }

  /** Simulated seconds per wall second, 0.25..8; `null` for as fast as possible. */
  setPace(pace: number | null): void {
    const value = validPace(pace);
    this.command(() => Atomics.store(this.words, PACE, value));
  }

  get aborted(): boolean {
    return Atomics.load(this.words, STATE) === ABORTED;
  }

  get paused(): boolean {
    return Atomics.load(this.words, STATE) === PAUSED;
  }

  get pace(): number | null {
    const value = Atomics.load(this.words, PACE);
    return value === 0 ? null : value / PACE_SCALE;
  }

  // --- the run's side ------------------------------------------------------------------------

  /**
   * Before a tick, when the run cannot await (a sensor read inside the program): blocks the
   * thread while paused or ahead of the pace, where it may (shared memory, not a page's main
   * thread); throws `RunAborted` once stopped.
   */
  beforeTickSync(simTime: number): void {
    for (;;) {
      const delay = this.delay(simTime);
      if (delay === 0) return;
      if (!this.block(delay)) return;
    }
  }

  /**
   * Before a tick, when the run can await (the world advancing for a timed call): waits while
   * paused or ahead of the pace, and now and then lets the event loop in. Returns nothing when
   * there is nothing to wait for (most ticks), so the caller awaits only when needed.
   */
  beforeTick(simTime: number): Promise<void> | undefined {
    const delay = this.delay(simTime);
    if (delay === 0) {
      const now = performance.now();
      if (now - this.lastYield < YIELD_EVERY_MS) return undefined;
      this.lastYield = now;
      return yieldToEventLoop();
    }
    return this.waitAsync(simTime);
  }

  private async waitAsync(simTime: number): Promise<void> {
    for (;;) {
      const delay = this.delay(simTime);
      if (delay === 0) {
        this.lastYield = performance.now();
        return;
      }
      const generation = Atomics.load(this.words, GENERATION);
      const woken = new Promise<void>((resolve) => (this.wake = resolve));
      const waits: Promise<unknown>[] = [woken];
      if (delay !== Infinity) waits.push(sleep(delay));
      if (this.shared && waitAsync) {
        const waiting = waitAsync(this.words, GENERATION, generation);
        if (waiting.async) waits.push(waiting.value);
      } else if (delay === Infinity) {
        // A command from another thread without waitAsync: look again now and then.
        waits.push(sleep(20));
      }
      await Promise.race(waits);
      this.wake = null;
    }
  }

  /**
   * What stands before the next tick: 0 (go now), a wall delay in ms (the pace), or Infinity
   * (paused). Throws once stopped; spends one step when stepping.
   */
  private delay(simTime: number): number {
    const state = Atomics.load(this.words, STATE);
    if (state === ABORTED) throw new RunAborted();
    if (state === PAUSED) {
      this.origin = null;
      const steps = Atomics.load(this.words, STEPS);
      if (steps === 0) return Infinity;
      Atomics.store(this.words, STEPS, steps - 1);
      return 0;
    }
    const pace = Atomics.load(this.words, PACE) / PACE_SCALE;
    if (pace === 0) {
      this.origin = null;
      return 0;
    }
    const now = performance.now();
    if (!this.origin || this.origin.pace !== pace) this.origin = { sim: simTime, wall: now, pace };
    const due = this.origin.wall + ((simTime - this.origin.sim) / pace) * 1000 - now;
    return due > 1 ? due : 0;
  }

  /** Blocks the thread up to `ms` or until a command; false where it may or must not block. */
  private block(ms: number): boolean {
    if (!this.remote || !this.shared || this.canBlock === false) return false;
    const generation = Atomics.load(this.words, GENERATION);
    try {
      Atomics.wait(this.words, GENERATION, generation, ms === Infinity ? 50 : Math.min(ms, 50));
      this.canBlock = true;
      return true;
    } catch {
      // A page's main thread may not block: pauses then take effect at the next awaited call.
      this.canBlock = false;
      return false;
    }
  }
}
