/**
 * Runs a compiled pupil program in QuickJS, in lockstep with a `RobotDriver`:
 * the program runs while the driver's time stands still; instant calls and sensor reads go
 * straight to the driver; timed calls return guest promises that the host resolves when the
 * driver's operation settles; when the program is idle with operations pending, the host calls
 * `driver.advance()`. Nothing here reads a clock or a random source of its own.
 */
import type {
  QuickJSContext,
  QuickJSDeferredPromise,
  QuickJSHandle,
} from "quickjs-emscripten-core";
import { DEFAULT_LOCALE, format, LocalizedError, type Locale } from "../i18n.ts";
import type { RobotDriver } from "../api/types.ts";
import { LOOP_LINE_GLOBAL, type CompiledProgram } from "../compiler/program.ts";
import { atPosition } from "../position.ts";
import { sandboxMessages as m } from "./messages.ts";
import { PRELUDE, PRELUDE_FILE } from "./prelude.ts";
import {
  prepareQuickJSInstance,
  QUICKJS_BASE_MEMORY,
  takeQuickJSInstance,
  type QuickJSInstance,
} from "./quickjs.ts";
import { CallRefused, robotHost } from "./robot-host.ts";
import { describeGuestError, PROGRAM_FILE, pupilPosition } from "./runtime-error.ts";

export type ProgramErrorKind =
  "compile" | "exception" | "budget" | "memory" | "stack" | "never-settles" | "api" | "driver";

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
}

export interface ProgramResult {
  outcome: "finished" | "timeout" | "error";
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
  /** Instruction checks allowed between two yield points (awaited operation or sensor read). */
  instructionBudget?: number;
}

export interface RunOptions {
  program: CompiledProgram;
  driver: RobotDriver;
  /** Seeds Math.random. */
  seed: number;
  locale?: Locale;
  print?: (text: string) => void;
  /**
   * Called at each call of robot.* and wait() with the pupil's line that made it (the app shows
   * which line is running). It costs a stack trace per call: only who asks pays it.
   */
  onCall?: (line: number | undefined) => void;
  /** Driver seconds; reaching them ends the run with outcome "timeout". No limit by default. */
  maxTime?: number;
  limits?: RunLimits;
}

export const DEFAULT_LIMITS: Required<RunLimits> = {
  memoryBytes: 16 * 1024 * 1024,
  stackBytes: 256 * 1024,
  // About 20 million simple operations: a fraction of a second of pure computation.
  instructionBudget: 2000,
};

/** Host functions that are globals; the others are methods of `robot`. */
const API_NAMES = new Set(["wait", "time", "print"]);
/** Advances in a row that neither settle anything nor let time pass: the driver is stuck. */
const MAX_IDLE_ADVANCES = 1000;

/** How a run ends, before the line is attached. */
type Ending =
  | { outcome: "finished" }
  | { outcome: "timeout" }
  | {
      outcome: "error";
      kind: ProgramErrorKind;
      detail: string;
      line?: number;
      column?: number;
      /** The engine's words, beside `detail` (which is the pupil's). */
      engine?: string;
    };

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

export async function runProgram(opts: RunOptions): Promise<ProgramResult> {
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
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
   * Whether the program pushed against the memory walls: the wasm memory (which never shrinks,
   * so it remembers the peak) grew past half the allowance, or QuickJS's heap is nearly full.
   */
  const memoryFull = (): boolean => {
    if (instance.memory.buffer.byteLength > QUICKJS_BASE_MEMORY + limits.memoryBytes / 2)
      return true;
    try {
      const usage = runtime.computeMemoryUsage().consume((h) => ctx.dump(h)) as {
        malloc_size?: number;
      };
      return (usage.malloc_size ?? 0) > 0.8 * limits.memoryBytes;
    } catch {
      return true;
    }
  };
  runtime.setMemoryLimit(limits.memoryBytes);
  runtime.setMaxStackSize(limits.stackBytes);

  /** Set by the host when the run must end; the program cannot catch it. */
  let stop: Ending | undefined;
  let robotCalls = 0;
  let instructionChecks = 0;
  let sinceYield = 0;
  runtime.setInterruptHandler(() => {
    instructionChecks++;
    if (stop) return true;
    if (++sinceYield > limits.instructionBudget) {
      stop = { outcome: "error", kind: "budget", detail: format(m.budget, locale) };
      return true;
    }
    return false;
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
    const base = { robotCalls, instructionChecks };
    if (ending.outcome !== "error") return { outcome: ending.outcome, ...base };
    const { kind, detail, line, column, engine } = ending;
    return {
      outcome: "error",
      error: {
        kind,
        message: atPosition(detail, locale, line, column),
        ...(line === undefined ? {} : { line }),
        ...(column === undefined ? {} : { column }),
        ...(engine === undefined ? {} : { detail: engine }),
      },
      ...base,
    };
  };

  const ctx = runtime.newContext();
  try {
    const pending = new Map<number, PendingOperation>();
    const settled: Settlement[] = [];
    let nextId = 1;
    /** The prelude's error factory, once the prelude has run. */
    const prelude: { makeError?: QuickJSHandle } = {};

    const guestError = (name: string, message: string): QuickJSHandle => {
      // Once the run must stop, no guest code runs from a host call: the interrupt that ends the
      // program must be raised in the program's own frames, where it cannot be caught.
      if (!prelude.makeError || stop) return ctx.newError({ name, message });
      const args = [ctx.newString(name), ctx.newString(message)];
      const made = ctx.callFunction(prelude.makeError, ctx.undefined, ...args);
      for (const a of args) a.dispose();
      return made.error ?? made.value;
    };

    const host = robotHost({
      ctx,
      driver,
      locale,
      ...(opts.print ? { print: opts.print } : {}),
      counted: () => robotCalls++,
      sensorRead: () => {
        sinceYield = 0;
        checkTime();
      },
      timed: (call, operation, toGuest) => {
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
      const made = guestError("Error", "");
      const stack = ctx.getProp(made, "stack");
      const text = ctx.typeof(stack) === "string" ? ctx.getString(stack) : "";
      stack.dispose();
      made.dispose();
      return pupilPosition(program, text)?.line;
    };

    const hostObject = ctx.newObject();
    for (const [name, impl] of Object.entries(host)) {
      const reportsLine = onCall !== undefined && name !== "print" && name !== "time";
      const fn = ctx.newFunction(name, (...args) => {
        if (stop) return { error: guestError("SandboxStop", "stop") };
        if (reportsLine) onCall(callLine());
        try {
          return impl(...args);
        } catch (error) {
          if (error instanceof CallRefused) {
            return { error: guestError("RobotError", format(error.message, locale, error.params)) };
          }
          stop ??= driverFailed(API_NAMES.has(name) ? name : `robot.${name}`, error);
          return { error: guestError("SandboxStop", "stop") };
        }
      });
      ctx.setProp(hostObject, name, fn);
      fn.dispose();
    }
    const preludeFunction = ctx.unwrapResult(
      ctx.evalCode(PRELUDE, PRELUDE_FILE, { type: "global" }),
    );
    const preludeArgs = [
      hostObject,
      ctx.newNumber(opts.seed >>> 0),
      ctx.newString(format(m.notAvailable, locale)),
    ];
    prelude.makeError = ctx.unwrapResult(
      ctx.callFunction(preludeFunction, ctx.undefined, ...preludeArgs),
    );
    for (const a of [preludeFunction, ...preludeArgs]) a.dispose();

    const failure = (handle: QuickJSHandle): ProgramResult => {
      const error = safeDump(ctx, handle);
      handle.dispose();
      const position: { line?: number; column?: number } | undefined =
        stop?.outcome === "error" && stop.kind === "budget"
          ? { line: lastLoopLine() }
          : pupilPosition(program, typeof error?.stack === "string" ? error.stack : "");
      const withLine = <T extends Ending>(e: T): T => {
        if (e.outcome !== "error" || position?.line === undefined || e.line !== undefined) return e;
        return {
          ...e,
          line: position.line,
          ...(position.column ? { column: position.column } : {}),
        };
      };
      if (stop) return result(withLine(stop));
      return result(withLine(classify(error, memoryFull(), locale, program)));
    };

    // Where loops note their line (see LOOP_LINE_GLOBAL); read when the budget stops a loop.
    const loopLine = ctx.newObject();
    ctx.setProp(ctx.global, LOOP_LINE_GLOBAL, loopLine);
    const lastLoopLine = (): number | undefined => {
      try {
        const value: unknown = ctx.getProp(loopLine, "line").consume((h) => ctx.dump(h));
        return typeof value === "number" ? value : undefined;
      } catch {
        return undefined;
      }
    };

    sinceYield = 0;
    const evaluated = ctx.evalCode(program.code, PROGRAM_FILE, { type: "global" });
    if (evaluated.error) return failure(evaluated.error);
    const main = evaluated.value;

    let idleAdvances = 0;
    const stopped = (): ProgramResult => {
      const ending = stop!;
      if (ending.outcome !== "error" || ending.kind !== "budget") return result(ending);
      const line = lastLoopLine();
      return result(line === undefined ? ending : { ...ending, line });
    };
    for (;;) {
      if (stop) return stopped();
      const jobs = runtime.executePendingJobs(-1);
      if (jobs.error) return failure(jobs.error);
      if (stop) return stopped();
      const state = ctx.getPromiseState(main);
      if (state.type === "fulfilled") {
        state.value.dispose();
        return result({ outcome: "finished" });
      }
      if (state.type === "rejected") return failure(state.error);
      if (settled.length > 0) {
        // Resolve in the order the driver settled them: part of the determinism.
        idleAdvances = 0;
        sinceYield = 0;
        for (const s of settled.splice(0)) {
          const op = pending.get(s.id);
          if (!op) continue;
          pending.delete(s.id);
          if (!s.ok) {
            stop ??= driverFailed(op.call, s.error);
            break;
          }
          const value = op.toGuest(s.value);
          op.deferred.resolve(value);
          value.dispose();
          op.deferred.dispose();
        }
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
      const stalled = settled.length === 0 && driver.time() === before;
      idleAdvances = stalled ? idleAdvances + 1 : 0;
      if (idleAdvances > MAX_IDLE_ADVANCES) {
        stop ??= { outcome: "error", kind: "driver", detail: format(m.driverStalled, locale) };
      }
    }
  } catch (error) {
    // The QuickJS instance itself failed (e.g. C code hit the wasm memory wall).
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
    // Once the caller has its result: the next run's instance is made while nothing waits on it.
    setTimeout(() => prepareQuickJSInstance(maxMemory), 0);
  }
  // No dispose: the whole QuickJS instance (its own wasm memory included) is dropped after the run,
  // which also frees whatever the program left behind.
}

interface DumpedError {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
}

function safeDump(
  ctx: QuickJSContext,
  handle: QuickJSHandle,
): (DumpedError & { value?: unknown }) | undefined {
  try {
    const dumped: unknown = ctx.dump(handle);
    if (dumped && typeof dumped === "object" && "message" in dumped) return dumped as DumpedError;
    return { value: dumped };
  } catch {
    return undefined;
  }
}

/** What an uncaught guest error means for the pupil. */
function classify(
  error: (DumpedError & { value?: unknown }) | undefined,
  memoryFull: boolean,
  locale: Locale,
  program: CompiledProgram,
): Ending {
  const fail = (kind: ProgramErrorKind, detail: string): Ending => ({
    outcome: "error",
    kind,
    detail,
  });
  if (!error)
    return fail(
      memoryFull ? "memory" : "exception",
      format(memoryFull ? m.memory : m.internal, locale, { detail: "?" }),
    );
  if (!("message" in error)) {
    // QuickJS throws null when it runs out of memory while making the "out of memory" error.
    if (error.value === null && memoryFull) return fail("memory", format(m.memory, locale));
    return fail("exception", format(m.thrownValue, locale, { value: String(error.value) }));
  }
  const name = String(error.name ?? "Error");
  const message = String(error.message ?? "");
  if (/out of memory|string too long|invalid array buffer length|array too long/i.test(message)) {
    return fail("memory", format(m.memory, locale));
  }
  if (/stack overflow|call stack size/i.test(message))
    return fail("stack", format(m.stack, locale));
  if (name === "InternalError" && memoryFull) return fail("memory", format(m.memory, locale));
  if (name === "RobotError" || name === "SandboxError") return fail("api", message);
  const stack = typeof error.stack === "string" ? error.stack : undefined;
  const words = describeGuestError({ name, message, ...(stack ? { stack } : {}) }, program, locale);
  return {
    outcome: "error",
    kind: "exception",
    detail: words.text,
    engine: words.detail,
    ...(words.line === undefined ? {} : { line: words.line }),
    ...(words.column === undefined ? {} : { column: words.column }),
  };
}
