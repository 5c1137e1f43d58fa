/**
 * Runs a compiled pupil program in QuickJS, in lockstep with a `RobotDriver`:
 * the program runs while the driver's time stands still; instant calls and sensor reads go
 * straight to the driver; timed calls return guest promises that the host resolves when the
 * driver's operation settles; when the program is idle with operations pending, the host calls
 * `driver.advance()`. Nothing here reads a random source of its own, and no clock decides how a
 * program ends, except the last-resort watchdog (watchdog.ts, its own outcome).
 */
import type { QuickJSDeferredPromise, QuickJSHandle } from "quickjs-emscripten-core";
import { DEFAULT_LOCALE, format, LocalizedError, type Locale } from "../i18n.ts";
import type { RobotDriver } from "../api/types.ts";
import { LOOP_LINE_GLOBAL, type CompiledProgram } from "../compiler/program.ts";
import { atPosition } from "../position.ts";
import { sandboxMessages as m } from "./messages.ts";
import { PRELUDE, PRELUDE_FILE } from "./prelude.ts";
import {
  prepareAfterRun,
  releaseQuickJSInstance,
  prepareQuickJSInstance,
  QUICKJS_BASE_MEMORY,
  takeQuickJSInstance,
  type QuickJSInstance,
} from "./quickjs.ts";
import { COSTS, TICKS_PER_CHECK, WorkMeter, type MeterVerdict } from "./meter.ts";
import { MAX_PRINT_CHARS } from "./print-budget.ts";
import { API_GLOBALS, ARITIES, CallRefused, robotHost } from "./robot-host.ts";
import { nativeGuard, type NativeGuard } from "./native-guard.ts";
import { directHostCalls } from "./host-calls.ts";
import { DEFAULT_WATCHDOG_MS, SandboxClock } from "./watchdog.ts";
import { describeGuestError, PROGRAM_FILE, pupilPosition } from "./runtime-error.ts";

export type ProgramErrorKind =
  | "compile"
  | "exception"
  | "budget"
  | "run-budget"
  | "zero-time"
  | "memory"
  | "stack"
  | "never-settles"
  | "api"
  | "driver"
  | "watchdog";

/** What the program threw, as plain data read without running any of its code. */
export interface ThrownValue {
  /** An object's `name` (an own or inherited data property that is a string). */
  name?: string;
  /** An object's `message` (same). */
  message?: string;
  /** A thrown primitive, as text (`throw 42`, `throw "non"`). */
  value?: string;
}

export interface ProgramError {
  kind: ProgramErrorKind;
  /** In the run's locale, whole, naming its line and column once when known. */
  message: string;
  /** 1-based line in the pupil's source. */
  line?: number;
  /** 1-based column in the pupil's source, when known. */
  column?: number;
  /** The engine's own words for an uncaught error (`TypeError: …`), for who wants them. */
  detail?: string;
  /** For kind "exception": what was thrown, as plain data. */
  thrown?: ThrownValue;
}

export interface ProgramResult {
  /**
   * "watchdog": stopped by the last-resort wall-clock watchdog (see watchdog.ts), never by the
   * deterministic walls; kept apart so that it can never pass for an ordinary ending.
   */
  outcome: "finished" | "timeout" | "error" | "watchdog";
  error?: ProgramError;
  /** Calls of robot.* and wait() the program made. */
  robotCalls: number;
  /** Times the instruction counter was checked (about every 10,000 QuickJS operations). */
  instructionChecks: number;
}

export interface RunLimits {
  /** QuickJS heap limit; the wasm memory is capped at this plus QuickJS's fixed base. */
  memoryBytes?: number;
  stackBytes?: number;
  /** Work (in instruction checks, see meter.ts) allowed while the driver's time stands still. */
  instructionBudget?: number;
  /** Work allowed in the whole run. */
  runBudget?: number;
  /** Awaited operations in a row that settle without the driver's time moving. */
  zeroTimeWaits?: number;
  /** Wall milliseconds inside the sandbox before the watchdog stops the run (watchdog.ts). */
  watchdogMs?: number;
}

export interface RunOptions {
  program: CompiledProgram;
  driver: RobotDriver;
  /** Seeds Math.random. */
  seed: number;
  locale?: Locale;
  /**
   * Where printed lines go (at most the run's print budget). A sink that is full returns a
   * promise: the run waits for it at the program's next pause, so output never piles up.
   */
  print?: (text: string) => unknown;
  /**
   * Called at each call of robot.* and wait() with the pupil's line that made it (the app shows
   * which line is running). It costs a stack trace per call: only who asks pays it.
   */
  onCall?: (line: number | undefined) => void;
  /** Driver seconds; reaching them ends the run with outcome "timeout". No limit by default. */
  maxTime?: number;
  limits?: RunLimits;
}

export const DEFAULT_RUN_BUDGET = 20_000;

export const DEFAULT_LIMITS: Required<RunLimits> = {
  memoryBytes: 16 * 1024 * 1024,
  stackBytes: 256 * 1024,
  // About 20 million simple operations: a fraction of a second of pure computation.
  instructionBudget: 2000,
  // About 200 million simple operations (~7 s here): 40 times what the heaviest reference
  // solution computes in a whole run.
  runBudget: DEFAULT_RUN_BUDGET,
  // A loop of `await wait(0)` is caught after a thousand turns, long before it costs anything.
  zeroTimeWaits: 1000,
  watchdogMs: DEFAULT_WATCHDOG_MS,
};

/** Advances in a row that neither settle anything nor let time pass: the driver is stuck. */
const MAX_IDLE_ADVANCES = 1000;
/** Timed operations started and not settled yet, at most (far above what a program awaits). */
const MAX_PENDING = 1000;
/** Host-made errors remembered, so a thrown refusal is known to be one (not a look-alike). */
const MADE_ERRORS_KEPT = 8;

/** Stops of a loop that runs too long: named by the line of the loop that ran last. */
const LOOP_STOPS: ReadonlySet<ProgramErrorKind> = new Set([
  "budget",
  "run-budget",
  "zero-time",
  "watchdog",
]);

/** A run that ends badly, before the line is attached. */
interface Failure {
  outcome: "error" | "watchdog";
  kind: ProgramErrorKind;
  detail: string;
  line?: number;
  column?: number;
  /** The engine's words, beside `detail` (which is the pupil's). */
  engine?: string;
  thrown?: ThrownValue;
}

/** How a run ends. */
type Ending = { outcome: "finished" } | { outcome: "timeout" } | Failure;

interface Settlement {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: unknown;
}

interface PendingOperation {
  call: string;
  deferred: QuickJSDeferredPromise;
  toGuest: (value: unknown) => QuickJSHandle;
}

/** Prepares a sandbox ahead of the first run (e.g. when the app loads), so it starts at once. */
export function warmUpSandbox(limits: RunLimits = {}): void {
  prepareQuickJSInstance(QUICKJS_BASE_MEMORY + (limits.memoryBytes ?? DEFAULT_LIMITS.memoryBytes));
}

/** The pupil line of the innermost frame of their program in a QuickJS stack trace. */
export function lineOf(program: CompiledProgram, stack: string): number | undefined {
  return pupilPosition(program, stack)?.line;
}

/** What a run has counted so far (read too when the watchdog thread ends the run). */
interface RunStats {
  robotCalls: number;
  instructionChecks: number;
}

export async function runProgram(opts: RunOptions): Promise<ProgramResult> {
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const guard = await nativeGuard(limits.watchdogMs);
  const stats: RunStats = { robotCalls: 0, instructionChecks: 0 };
  try {
    // The run enters the sandbox only after its first await, so a termination by the watchdog
    // thread unwinds the run's own microtask and never this function or its caller.
    const run = runInSandbox(opts, limits, stats, guard);
    if (!guard) return await run;
    const stopped = guard.fired.then((): ProgramResult => ({
      outcome: "watchdog",
      error: {
        kind: "watchdog",
        message: format(m.watchdog, locale, { seconds: Math.round(limits.watchdogMs / 1000) }),
      },
      ...stats,
    }));
    return await Promise.race([run, stopped]);
  } finally {
    guard?.release();
  }
}

async function runInSandbox(
  opts: RunOptions,
  limits: Required<RunLimits>,
  stats: RunStats,
  guard: NativeGuard | undefined,
): Promise<ProgramResult> {
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const { driver, program } = opts;
  const maxMemory = QUICKJS_BASE_MEMORY + limits.memoryBytes;
  let instance: QuickJSInstance;
  try {
    instance = await takeQuickJSInstance(maxMemory);
  } catch (error) {
    // No sandbox could be made (wasm not found, no memory left for one): say so, do not throw.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      outcome: "error",
      error: { kind: "exception", message: format(m.internal, locale, { detail }) },
      robotCalls: 0,
      instructionChecks: 0,
    };
  }
  const runtime = instance.quickjs.newRuntime();
  /**
   * Whether the program pushed against the memory walls: the wasm memory (QuickJS's allocator
   * asked for more than the instance has), or QuickJS's own heap limit.
   */
  const memoryFull = (): boolean => {
    if (instance.wallHit()) return true;
    try {
      // Made and read in QuickJS's own system context: none of the program's code can run.
      const usage = runtime.computeMemoryUsage().consume((h) => ctx.dump(h)) as {
        memory_used_size?: number;
      };
      return (usage.memory_used_size ?? 0) > 0.8 * limits.memoryBytes;
    } catch {
      return true;
    }
  };
  runtime.setMemoryLimit(limits.memoryBytes);
  runtime.setMaxStackSize(limits.stackBytes);

  /** Set by the host when the run must end; the program cannot catch it. */
  let stop: Ending | undefined;
  /** Set once the program has failed: from then on, none of its code runs again. */
  let failed = false;
  const meter = new WorkMeter(limits, () => driver.time());
  const clock = new SandboxClock(limits.watchdogMs, guard);
  const meterStop = (verdict: MeterVerdict): void => {
    if (!verdict || stop) return;
    if (verdict === "zero-time") {
      stop = { outcome: "error", kind: "zero-time", detail: format(m.zeroTime, locale) };
    } else if (verdict === "run-budget") {
      const operations = Math.round((limits.runBudget * 10_000) / 1e6);
      stop = {
        outcome: "error",
        kind: "run-budget",
        detail: format(m.runBudget, locale, { operations }),
      };
    } else stop = { outcome: "error", kind: "budget", detail: format(m.budget, locale) };
  };
  runtime.setInterruptHandler(() => {
    stats.instructionChecks++;
    if (stop || failed) return true;
    meterStop(meter.spend(TICKS_PER_CHECK));
    if (!stop && clock.over()) {
      stop = {
        outcome: "watchdog",
        kind: "watchdog",
        detail: format(m.watchdog, locale, { seconds: clock.limitSeconds }),
      };
    }
    return stop !== undefined;
  });
  const checkTime = () => {
    if (opts.maxTime !== undefined && driver.time() >= opts.maxTime)
      stop ??= { outcome: "timeout" };
  };
  const driverFailed = (call: string, error: unknown): Ending => {
    const detail =
      error instanceof LocalizedError
        ? error.localized(locale)
        : error instanceof Error
          ? error.message
          : String(error);
    return {
      outcome: "error",
      kind: "driver",
      detail: format(m.driverFailed, locale, { call, detail }),
    };
  };

  const result = (ending: Ending): ProgramResult => {
    clock.leave();
    const base = { ...stats };
    if (ending.outcome === "finished" || ending.outcome === "timeout") {
      return { outcome: ending.outcome, ...base };
    }
    const { kind, detail, line, column, engine, thrown } = ending;
    return {
      outcome: ending.outcome,
      error: {
        kind,
        message: atPosition(detail, locale, line, column),
        ...(line === undefined ? {} : { line }),
        ...(column === undefined ? {} : { column }),
        ...(engine === undefined ? {} : { detail: engine }),
        ...(thrown ? { thrown } : {}),
      },
      ...base,
    };
  };

  /** Where the program sends its prints; a promise when the sink asked to wait. */
  let printDrain: Promise<unknown> | undefined;
  const print = opts.print;
  const printLine = print
    ? (text: string) => {
        const waited = print(text);
        if (waited instanceof Promise) printDrain = waited;
      }
    : undefined;

  const ctx = runtime.newContext();
  directHostCalls(ctx, instance.quickjs);
  try {
    const pending = new Map<number, PendingOperation>();
    const settled: Settlement[] = [];
    let nextId = 1;
    /** The prelude's tools, once the prelude has run. */
    const tools: { makeError?: QuickJSHandle; readError?: QuickJSHandle } = {};
    /** The last errors the host made, to recognise a refusal when it is what the program threw. */
    const madeErrors: QuickJSHandle[] = [];

    const guestError = (name: string, message: string): QuickJSHandle => {
      // Once the run must stop, no guest code runs from a host call: the interrupt that ends the
      // program must be raised in the program's own frames, where it cannot be caught.
      if (!tools.makeError || stop) return ctx.newError({ name, message });
      const args = [ctx.newString(name), ctx.newString(message)];
      const made = ctx.callFunction(tools.makeError, ctx.undefined, ...args);
      for (const a of args) a.dispose();
      const error = made.error ?? made.value;
      madeErrors.push(error.dup());
      if (madeErrors.length > MADE_ERRORS_KEPT) madeErrors.shift()!.dispose();
      return error;
    };

    const host = robotHost({
      ctx,
      driver,
      locale,
      ...(printLine ? { print: printLine } : {}),
      counted: () => stats.robotCalls++,
      spend: (ticks) => meterStop(meter.spend(ticks)),
      sensorRead: () => {
        meterStop(meter.sensorRead());
        checkTime();
      },
      timed: (call, operation, toGuest) => {
        // Each one holds host memory until it settles; an honest program has a few at a time.
        if (pending.size >= MAX_PENDING) {
          throw new CallRefused(m.tooManyPending, { call, max: MAX_PENDING });
        }
        const id = nextId++;
        const deferred = ctx.newPromise();
        pending.set(id, { call, deferred, toGuest });
        operation.then(
          (value) => settled.push({ id, ok: true, value }),
          (error: unknown) => settled.push({ id, ok: false, error }),
        );
        return deferred.handle;
      },
    });

    const onCall = opts.onCall;
    /** The pupil's line of the call being made: the innermost program frame of a fresh stack. */
    const callLine = (): number | undefined => {
      // Not through `guestError`: this error is never thrown, so it is not kept as a made one.
      if (!tools.makeError || stop) return undefined;
      const args = [ctx.newString("Error"), ctx.newString("")];
      const made = ctx.callFunction(tools.makeError, ctx.undefined, ...args);
      for (const a of args) a.dispose();
      const error = made.error ?? made.value;
      const stack = ctx.getProp(error, "stack");
      const text = ctx.typeof(stack) === "string" ? ctx.getString(stack) : "";
      stack.dispose();
      error.dispose();
      return pupilPosition(program, text)?.line;
    };

    const hostObject = ctx.newObject();
    const arities = ctx.newObject();
    for (const [name, impl] of Object.entries(host)) {
      const reportsLine = onCall !== undefined && name !== "print" && name !== "time";
      const fn = ctx.newFunction(name, (...args) => {
        if (stop || failed) return { error: guestError("SandboxStop", "stop") };
        meterStop(meter.spend(COSTS.hostCall));
        if (stop) return { error: guestError("SandboxStop", "stop") };
        if (reportsLine) onCall(callLine());
        try {
          return impl(...args);
        } catch (error) {
          if (error instanceof CallRefused) {
            const message = format(error.message, locale, error.params);
            return { error: guestError(error.errorName, message) };
          }
          stop ??= driverFailed(API_GLOBALS.has(name) ? name : `robot.${name}`, error);
          return { error: guestError("SandboxStop", "stop") };
        }
      });
      ctx.setProp(hostObject, name, fn);
      fn.dispose();
      if (name in ARITIES) ctx.setProp(arities, name, ctx.newNumber(ARITIES[name]!));
    }
    const preludeFunction = ctx.unwrapResult(
      ctx.evalCode(PRELUDE, PRELUDE_FILE, { type: "global" }),
    );
    const preludeArgs = [
      hostObject,
      arities,
      ctx.newNumber(opts.seed >>> 0),
      ctx.newNumber(MAX_PRINT_CHARS),
    ];
    const toolbox = ctx.unwrapResult(
      ctx.callFunction(preludeFunction, ctx.undefined, ...preludeArgs),
    );
    for (const a of [preludeFunction, ...preludeArgs]) a.dispose();
    // Read before the program runs; every one is a null-prototype object made by the prelude.
    tools.makeError = ctx.getProp(toolbox, "makeError");
    tools.readError = ctx.getProp(toolbox, "readError");
    const loopLine = ctx.getProp(toolbox, "loopLine");
    toolbox.dispose();
    // Where loops note their line (see LOOP_LINE_GLOBAL): the epilogue hands the record to the
    // program's function and removes the global before any of the program's code runs.
    ctx.setProp(ctx.global, LOOP_LINE_GLOBAL, loopLine);
    /** The line of the loop that ran last, when the meter or the watchdog stops a loop. */
    const lastLoopLine = (): number | undefined => {
      try {
        // An own data property of a sealed null-prototype object that only compiled loops write.
        const value = ctx
          .getProp(loopLine, "line")
          .consume((h) => (ctx.typeof(h) === "number" ? ctx.getNumber(h) : undefined));
        return value !== undefined && value > 0 ? value : undefined;
      } catch {
        return undefined;
      }
    };

    /** What the program threw, as plain data (see the prelude's readError). */
    const readThrown = (
      handle: QuickJSHandle,
    ): { object: boolean; name?: string; message?: string; stack?: string; text?: string } => {
      if (!tools.readError) return { object: false };
      const made = ctx.callFunction(tools.readError, ctx.undefined, handle);
      if (made.error) {
        made.error.dispose();
        return { object: false };
      }
      return made.value.consume((record) => {
        const text = (key: string): string | undefined =>
          ctx
            .getProp(record, key)
            .consume((h) => (ctx.typeof(h) === "string" ? ctx.getString(h) : undefined));
        const object = ctx.getProp(record, "object").consume((h) => ctx.getNumber(h) === 1);
        const fields = { name: text("name"), message: text("message"), stack: text("stack") };
        return {
          object,
          ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
          ...(object ? {} : { text: text("text") }),
        };
      });
    };

    const failure = (handle: QuickJSHandle): ProgramResult => {
      // From here on, none of the program's code may run: host calls refuse, the interrupt
      // handler stops at once, and the thrown value is read as plain data.
      failed = true;
      clock.leave();
      const madeByHost = madeErrors.some((e) => ctx.sameValue(e, handle));
      const thrown = readThrown(handle);
      handle.dispose();
      const ended = stop;
      if (ended) {
        if (ended.outcome === "finished" || ended.outcome === "timeout") return result(ended);
        if (ended.line !== undefined) return result(ended);
        if (LOOP_STOPS.has(ended.kind)) {
          const line = lastLoopLine();
          return result(line === undefined ? ended : { ...ended, line });
        }
        return result(withPosition(ended, pupilPosition(program, thrown.stack ?? "")));
      }
      const ending = classify(thrown, madeByHost, memoryFull(), locale, program);
      return result(withPosition(ending, pupilPosition(program, thrown.stack ?? "")));
    };

    clock.enter();
    const evaluated = ctx.evalCode(program.code, PROGRAM_FILE, { type: "global" });
    if (evaluated.error) return failure(evaluated.error);
    const main = evaluated.value;

    let idleAdvances = 0;
    const stopped = (): ProgramResult => {
      failed = true;
      const ending = stop!;
      if (ending.outcome === "finished" || ending.outcome === "timeout") return result(ending);
      const line = LOOP_STOPS.has(ending.kind) ? lastLoopLine() : undefined;
      return result(line === undefined ? ending : { ...ending, line });
    };
    for (;;) {
      if (stop) return stopped();
      clock.enter();
      const jobs = runtime.executePendingJobs(-1);
      clock.leave();
      if (jobs.error) return failure(jobs.error);
      if (stop) return stopped();
      const state = ctx.getPromiseState(main);
      if (state.type === "fulfilled") {
        state.value.dispose();
        return result({ outcome: "finished" });
      }
      if (state.type === "rejected") return failure(state.error);
      if (printDrain) {
        // The print sink is full: wait for it here, where the program is paused anyway.
        await printDrain;
        printDrain = undefined;
      }
      if (settled.length > 0) {
        // Resolve in the order the driver settled them: part of the determinism.
        idleAdvances = 0;
        clock.enter();
        for (const s of settled.splice(0)) {
          const op = pending.get(s.id);
          if (!op) continue;
          pending.delete(s.id);
          if (!s.ok) {
            stop ??= driverFailed(op.call, s.error);
            break;
          }
          meterStop(meter.settled());
          if (stop) break;
          const value = op.toGuest(s.value);
          op.deferred.resolve(value);
          value.dispose();
          op.deferred.dispose();
        }
        clock.leave();
        continue;
      }
      if (pending.size === 0) {
        return result({
          outcome: "error",
          kind: "never-settles",
          detail: format(m.neverSettles, locale),
        });
      }
      const before = driver.time();
      try {
        await driver.advance();
      } catch (error) {
        stop ??= driverFailed("advance", error);
        continue;
      }
      for (let i = 0; i < 20 && settled.length === 0; i++) await Promise.resolve();
      checkTime();
      meter.tick();
      const stalled = settled.length === 0 && driver.time() === before;
      idleAdvances = stalled ? idleAdvances + 1 : 0;
      if (idleAdvances > MAX_IDLE_ADVANCES) {
        stop ??= { outcome: "error", kind: "driver", detail: format(m.driverStalled, locale) };
      }
    }
  } catch (error) {
    // The QuickJS instance itself failed (e.g. C code hit the wasm memory wall).
    failed = true;
    if (stop) return result(stop);
    if (memoryFull()) {
      return result({ outcome: "error", kind: "memory", detail: format(m.memory, locale) });
    }
    // Deep recursion can exhaust the host's own stack (wasm frames live on it) before QuickJS's.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return result({ outcome: "error", kind: "stack", detail: format(m.stack, locale) });
    }
    const detail = error instanceof Error ? error.message : String(error);
    return result({
      outcome: "error",
      kind: "exception",
      detail: format(m.internal, locale, { detail }),
    });
  } finally {
    clock.leave();
    // Nothing calls into this instance again: its memory serves the next one (zeroed first).
    releaseQuickJSInstance(instance);
    // Once the caller has its result: the next run's instance is made while nothing waits on it.
    prepareAfterRun(maxMemory);
  }
  // No dispose: the whole QuickJS instance is dropped after the run (its memory zeroed before it
  // serves again), which also frees whatever the program left behind.
}

/** A failure with the pupil's line and column, unless it has a position already. */
function withPosition(
  failure: Failure,
  position: { line?: number; column?: number } | undefined,
): Failure {
  if (position?.line === undefined || failure.line !== undefined) return failure;
  return {
    ...failure,
    line: position.line,
    ...(position.column ? { column: position.column } : {}),
  };
}

/** What an uncaught guest error means for the pupil, from plain data and what the host knows. */
function classify(
  thrown: { object: boolean; name?: string; message?: string; stack?: string; text?: string },
  madeByHost: boolean,
  memoryFull: boolean,
  locale: Locale,
  program: CompiledProgram,
): Failure {
  const fail = (kind: ProgramErrorKind, detail: string, data?: ThrownValue): Failure => ({
    outcome: "error",
    kind,
    detail,
    ...(data ? { thrown: data } : {}),
  });
  if (!thrown.object) {
    // QuickJS throws null when it runs out of memory while making the "out of memory" error.
    if (thrown.text === "null" && memoryFull) return fail("memory", format(m.memory, locale));
    const value = thrown.text ?? "?";
    return fail("exception", format(m.thrownValue, locale, { value }), { value });
  }
  const name = thrown.name ?? "Error";
  const message = thrown.message ?? "";
  if (/out of memory|string too long|invalid array buffer length|array too long/i.test(message)) {
    return fail("memory", format(m.memory, locale));
  }
  if (/stack overflow|call stack size/i.test(message))
    return fail("stack", format(m.stack, locale));
  if (name === "InternalError" && memoryFull) return fail("memory", format(m.memory, locale));
  // A refusal the host made (the program may have caught and thrown it again): its own words.
  if (madeByHost) return fail("api", message);
  // The pupil's words for it (runtime-error.ts), from the same plain data.
  const { stack } = thrown;
  const words = describeGuestError({ name, message, ...(stack ? { stack } : {}) }, program, locale);
  return {
    outcome: "error",
    kind: "exception",
    detail: words.text,
    engine: words.detail,
    thrown: { name, message },
    ...(words.line === undefined ? {} : { line: words.line }),
    ...(words.column === undefined ? {} : { column: words.column }),
  };
}
