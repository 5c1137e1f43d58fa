/**
 * The host's clock, driven by board time. While a twin runs, Johnny-Five, firmata.js and our link
 * (`BoardConnection`, `BoardRobot`) read `performance.now()` and start `setTimeout`/`setInterval`
 * timers; installed, this clock answers them in board time: `performance.now()` is the emulated
 * board's time in ms, and a timer fires when the twin's loop has run the board up to its due time
 * (`nextDue`, then `fireDue`).
 *
 * Why board time rather than pacing the twin at real speed: a wall-clock host would read its
 * timers (Johnny-Five's 65 ms ping loop, the 150 ms keepalive, BoardRobot's motion times) at
 * moments that depend on how busy the machine is, so two runs of one program would differ; and a
 * twin faster than real time (a challenge in a few seconds) would see every host timer stretched
 * in board time (BoardRobot's `forward(20)` would drive too far). In board time, the timeouts that
 * guard a real link (firmata.js's 5 s version wait, Johnny-Five's ready timeout, our 2 s silence
 * watch) keep their meaning and fire only if the board really stays silent that long.
 *
 * Only the timer functions and `performance.now` are replaced; `setImmediate`, `process.nextTick`
 * and promises keep their own order, which the twin's loop drains between two steps.
 */
type Callback = (...args: unknown[]) => void;

interface Timer {
  id: number;
  due: number;
  delay: number;
  repeat: boolean;
  callback: Callback;
  args: unknown[];
}

/** What `setTimeout` returns while the clock is installed (the parts of Node's Timeout used). */
export class BoardTimer {
  constructor(
    readonly id: number,
    private readonly clock: BoardClock,
  ) {}
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  refresh(): this {
    this.clock.refresh(this.id);
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

/** Node's rule: a delay below 1 ms, above 2^31 - 1 or not a number is 1 ms. */
function delayOf(ms: unknown): number {
  const delay = Number(ms);
  return delay >= 1 && delay <= 2 ** 31 - 1 ? delay : 1;
}

export class BoardClock {
  private readonly timers = new Map<number, Timer>();
  private nextId = 1;
  private saved: {
    setTimeout: typeof setTimeout;
    clearTimeout: typeof clearTimeout;
    setInterval: typeof setInterval;
    clearInterval: typeof clearInterval;
    now: () => number;
  } | null = null;

  /** `boardMs`: the board's time in ms (monotonic). */
  constructor(private readonly boardMs: () => number) {}

  now(): number {
    return this.boardMs();
  }

  get installed(): boolean {
    return this.saved !== null;
  }

  /** Replaces the global timers and `performance.now` with this clock's. */
  install(): void {
    if (this.saved) return;
    const g = globalThis as unknown as Record<string, unknown>;
    this.saved = {
      setTimeout: globalThis.setTimeout,
      clearTimeout: globalThis.clearTimeout,
      setInterval: globalThis.setInterval,
      clearInterval: globalThis.clearInterval,
      now: performance.now,
    };
    const saved = this.saved;
    g.setTimeout = (callback: Callback, ms?: unknown, ...args: unknown[]) =>
      this.add(callback, delayOf(ms), false, args);
    g.setInterval = (callback: Callback, ms?: unknown, ...args: unknown[]) =>
      this.add(callback, delayOf(ms), true, args);
    const clear = (handle: unknown, real: (h: never) => void) => {
      if (handle instanceof BoardTimer) this.timers.delete(handle.id);
      else real(handle as never);
    };
    g.clearTimeout = (handle: unknown) => clear(handle, saved.clearTimeout);
    g.clearInterval = (handle: unknown) => clear(handle, saved.clearInterval);
    performance.now = () => this.boardMs();
  }

  /** Puts the real timers back; timers still pending on this clock never fire. */
  uninstall(): void {
    const saved = this.saved;
    if (!saved) return;
    const g = globalThis as unknown as Record<string, unknown>;
    g.setTimeout = saved.setTimeout;
    g.clearTimeout = saved.clearTimeout;
    g.setInterval = saved.setInterval;
    g.clearInterval = saved.clearInterval;
    performance.now = saved.now;
    this.saved = null;
    this.timers.clear();
  }

  /** Board ms at which the next timer is due, or Infinity. */
  nextDue(): number {
    let next = Infinity;
    for (const timer of this.timers.values()) if (timer.due < next) next = timer.due;
    return next;
  }

  /** Timers waiting. */
  pending(): number {
    return this.timers.size;
  }

  /**
   * Fires every timer due by now, earliest first (in creation order at equal times), including
   * timers that the callbacks start and that are already due.
   */
  fireDue(): void {
    const now = this.boardMs();
    for (;;) {
      let first: Timer | undefined;
      for (const timer of this.timers.values()) {
        if (timer.due > now) continue;
        if (!first || timer.due < first.due || (timer.due === first.due && timer.id < first.id))
          first = timer;
      }
      if (!first) return;
      if (first.repeat) first.due += first.delay;
      else this.timers.delete(first.id);
      first.callback(...first.args);
    }
  }

  refresh(id: number): void {
    const timer = this.timers.get(id);
    if (timer) timer.due = this.boardMs() + timer.delay;
  }

  private add(callback: Callback, delay: number, repeat: boolean, args: unknown[]) {
    const id = this.nextId++;
    this.timers.set(id, { id, due: this.boardMs() + delay, delay, repeat, callback, args });
    return new BoardTimer(id, this);
  }
}
