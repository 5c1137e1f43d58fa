/**
 * The watchdog's arm for a single built-in call that never returns: no interrupt handler runs
 * during it, so only another thread can stop it. In Node's main thread, a small watchdog thread
 * (one per process, started with the first run) watches the time each run spends inside the
 * sandbox; past the run's limit it asks V8, through the inspector, to terminate the JavaScript
 * running on the main thread. That unwinds the stuck stretch of the sandbox (whose QuickJS
 * instance is then dropped) and nothing else: the run loop enters the sandbox only from its own
 * microtasks, and `runProgram` answers with the "watchdog" outcome; the driver, and so the world
 * and its score, are untouched.
 *
 * Elsewhere there is no such arm, and the one who owns the thread stops it instead: the grader's
 * pool terminates a worker past its job's watchdog; the app terminates its run worker.
 */

/** What the sandbox tells the watchdog thread, and hears from it. */
export interface NativeGuard {
  /** The program starts running; `spentMs` is what the run spent inside the sandbox before. */
  enter(spentMs: number): void;
  /** The stretch ended. */
  leave(spentMs: number): void;
  /** Resolves if the watchdog thread had to stop the run. */
  readonly fired: Promise<void>;
  /** The run is over. */
  release(): void;
}

const SLOTS = 64;
const OUT = 1;
const IN = 2;
const FIRED = 3;
/** How often the watchdog thread looks (ms). */
const POLL_MS = 100;
/**
 * The thread waits this much past the run's limit (ms): where the interrupt handler still runs, it
 * stops the run first, cleanly and with the loop's line.
 */
const GRACE_MS = 1000;
/** How long the main thread waits for a termination it knows is on its way (ms). */
const SACRIFICE_MS = 5000;

const WATCHDOG_THREAD = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const inspector = require("node:inspector");
const { shared, slots, pollMs } = workerData;
const state = new Int32Array(shared, 0, slots);
const seq = new Int32Array(shared, slots * 4, slots);
const times = new Float64Array(shared, slots * 8, slots * 2);
const seen = new Array(slots).fill(-1);
const since = new Array(slots).fill(0);
setInterval(() => {
  const now = performance.now();
  for (let i = 0; i < slots; i++) {
    if (Atomics.load(state, i) !== ${IN}) { seen[i] = -1; continue; }
    const s = Atomics.load(seq, i);
    if (s !== seen[i]) { seen[i] = s; since[i] = now; }
    if (times[i * 2] + (now - since[i]) <= times[i * 2 + 1]) continue;
    if (Atomics.compareExchange(state, i, ${IN}, ${FIRED}) !== ${IN}) continue;
    const session = new inspector.Session();
    session.connectToMainThread();
    session.post("Runtime.terminateExecution", () => session.disconnect());
    parentPort.postMessage(i);
  }
}, pollMs);
`;

/** The part of a Node `Worker` the watchdog uses. */
interface WatchdogThread {
  ref(): void;
  unref(): void;
  on(event: "message", listener: (slot: number) => void): void;
  on(event: "error", listener: () => void): void;
}

interface Watchdog {
  /** Runs being watched: the thread keeps the process alive only while there are some. */
  active: number;
  worker: WatchdogThread;
  state: Int32Array;
  seq: Int32Array;
  times: Float64Array;
  fired: Map<number, () => void>;
}

let watchdog: Promise<Watchdog | undefined> | undefined;

async function startWatchdog(): Promise<Watchdog | undefined> {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions
    ?.node;
  if (!node) return undefined;
  // Module names in variables: bundlers for the browser leave this Node-only path alone.
  const threadsName = "node:worker_threads";
  const threads = (await import(/* @vite-ignore */ threadsName)) as {
    isMainThread: boolean;
    Worker: new (
      code: string,
      options: {
        eval: true;
        workerData: unknown;
        resourceLimits: { maxOldGenerationSizeMb: number };
      },
    ) => WatchdogThread;
  };
  // Only a process's main thread can be reached this way (the inspector's main-thread session).
  if (!threads.isMainThread) return undefined;
  const shared = new SharedArrayBuffer(SLOTS * 8 + SLOTS * 16);
  const worker = new threads.Worker(WATCHDOG_THREAD, {
    eval: true,
    workerData: { shared, slots: SLOTS, pollMs: POLL_MS },
    resourceLimits: { maxOldGenerationSizeMb: 16 },
  });
  const dog: Watchdog = {
    active: 0,
    worker,
    state: new Int32Array(shared, 0, SLOTS),
    seq: new Int32Array(shared, SLOTS * 4, SLOTS),
    times: new Float64Array(shared, SLOTS * 8, SLOTS * 2),
    fired: new Map(),
  };
  worker.on("message", (slot: number) => dog.fired.get(slot)?.());
  // Without its thread the watchdog is gone, not the runs: they go on with the other walls.
  worker.on("error", () => {
    watchdog = Promise.resolve(undefined);
  });
  // The thread keeps the process alive only while a run is watched (its message must arrive).
  worker.unref();
  return dog;
}

/** A guard for one run, or undefined where this arm does not exist (browsers, worker threads). */
export async function nativeGuard(limitMs: number): Promise<NativeGuard | undefined> {
  watchdog ??= startWatchdog().catch(() => undefined);
  const dog = await watchdog;
  if (!dog) return undefined;
  let slot = -1;
  for (let i = 0; i < SLOTS && slot < 0; i++) {
    if (Atomics.compareExchange(dog.state, i, 0, OUT) === 0) slot = i;
  }
  if (slot < 0) return undefined;
  dog.times[slot * 2] = 0;
  dog.times[slot * 2 + 1] = limitMs + GRACE_MS;
  let resolveFired!: () => void;
  const fired = new Promise<void>((resolve) => (resolveFired = resolve));
  dog.fired.set(slot, resolveFired);
  if (dog.active++ === 0) dog.worker.ref();
  let released = false;
  return {
    fired,
    enter(spentMs) {
      dog.times[slot * 2] = spentMs;
      Atomics.add(dog.seq, slot, 1);
      Atomics.compareExchange(dog.state, slot, OUT, IN);
    },
    leave(spentMs) {
      dog.times[slot * 2] = spentMs;
      if (Atomics.compareExchange(dog.state, slot, IN, OUT) !== FIRED) return;
      // The watchdog fired as the stretch ended: its termination is on its way. Let it land
      // here, in the sandbox's own frame, rather than in whatever would run next.
      const until = performance.now() + SACRIFICE_MS;
      while (performance.now() < until);
    },
    release() {
      if (released) return;
      released = true;
      dog.fired.delete(slot);
      Atomics.store(dog.state, slot, 0);
      if (--dog.active === 0) dog.worker.unref();
    },
  };
}
