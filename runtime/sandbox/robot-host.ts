/**
 * The host side of every pupil API call: argument checks, the robot's parts, and the call on the
 * `RobotDriver`. Timed calls become guest promises that the run loop resolves later.
 */
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core";
import { format, formatNumber, type Locale, type Localized } from "../i18n.ts";
import type { RobotDriver, RobotPart } from "../api/types.ts";
import { PART_NAMES } from "../api/parts.ts";
import { COSTS } from "./meter.ts";
import { argumentMeanings, sandboxMessages as m } from "./messages.ts";
import { MAX_PRINT_BYTES, MAX_PRINT_CHARS, MAX_PRINT_LINES, PrintBudget } from "./print-budget.ts";

/** A refusal of a call, for the pupil: it becomes a guest error carrying their line. */
export class CallRefused {
  constructor(
    readonly message: Localized,
    readonly params: Record<string, string | number>,
    /** The guest error's name: `RobotError` for a robot call, `SandboxError` for a removed name. */
    readonly errorName: "RobotError" | "SandboxError" = "RobotError",
  ) {}
}

export type HostImpl = (...args: QuickJSHandle[]) => QuickJSHandle | void;

export interface RobotHostDeps {
  ctx: QuickJSContext;
  driver: RobotDriver;
  locale: Locale;
  /** Shows one printed line (already cut to MAX_PRINT_CHARS, within the run's print budget). */
  print?: (text: string) => void;
  /** Starts tracking a timed operation; returns the guest promise. */
  timed(
    call: string,
    operation: Promise<unknown>,
    toGuest: (value: unknown) => QuickJSHandle,
  ): QuickJSHandle;
  /** A sensor was read: a yield point (the budget restarts, time may have run out). */
  sensorRead(): void;
  /** Counts robot.* and wait calls. */
  counted(): void;
  /** Costs `ticks` of the work meter beyond the call itself (printed text). */
  spend(ticks: number): void;
}

const PART_OF: Partial<Record<string, RobotPart>> = {
  "robot.forward": "motors",
  "robot.backward": "motors",
  "robot.turnLeft": "motors",
  "robot.turnRight": "motors",
  "robot.setSpeed": "motors",
  "robot.setMotors": "motors",
  "robot.stop": "motors",
  "robot.distance": "ultrasonic",
  "robot.line": "lineSensors",
  "robot.color": "colorSensor",
  "robot.heading": "gyro",
  "robot.grab": "gripper",
  "robot.release": "gripper",
  "robot.classify": "camera",
};

/** Texts kept as QuickJS strings for the run, at most (property names, colour and kind names). */
const MAX_KEPT_TEXTS = 64;

/** Host functions that are globals; the others are methods of `robot`. */
export const API_GLOBALS = new Set(["wait", "time", "print"]);

/** How many arguments each pupil-facing function takes (the prelude refuses more). */
export const ARITIES: Record<string, number> = {
  forward: 1,
  backward: 1,
  turnLeft: 1,
  turnRight: 1,
  setSpeed: 1,
  setMotors: 2,
  stop: 0,
  distance: 0,
  line: 0,
  color: 0,
  heading: 0,
  grab: 0,
  release: 0,
  classify: 0,
  wait: 1,
  time: 0,
};

/** The host functions handed to the prelude, by name. */
export function robotHost(deps: RobotHostDeps): Record<string, HostImpl> {
  const { ctx, driver, locale } = deps;
  const printBudget = new PrintBudget();

  const describe = (h: QuickJSHandle | undefined): string => {
    const type = h === undefined ? "undefined" : ctx.typeof(h);
    if (h === undefined || type === "undefined") return m.nothing[locale];
    if (type === "string")
      return format(m.text, locale, { value: JSON.stringify(ctx.getString(h)) });
    if (type === "number") return formatNumber(ctx.getNumber(h), locale);
    if (type === "boolean" || type === "bigint") return String(ctx.dump(h));
    return format(type === "function" ? m.aFunction : m.anObject, locale);
  };
  const numberArg = (
    call: string,
    h: QuickJSHandle | undefined,
    what: keyof typeof argumentMeanings,
    min = -Infinity,
    max = Infinity,
  ): number => {
    const meaning = argumentMeanings[what][locale];
    const value = h !== undefined && ctx.typeof(h) === "number" ? ctx.getNumber(h) : NaN;
    if (!Number.isFinite(value)) {
      const nothing = h === undefined || ctx.typeof(h) === "undefined";
      throw new CallRefused(nothing ? m.notANumberNothing : m.notANumber, {
        call,
        what: meaning,
        got: describe(h),
      });
    }
    if (value < min || value > max) {
      const [low, high] = [min, max].map((n) => formatNumber(n, locale));
      throw new CallRefused(m.outOfRange, {
        call,
        what: meaning,
        min: low!,
        max: high!,
        got: describe(h),
      });
    }
    return value;
  };
  const requirePart = (call: string) => {
    const part = PART_OF[call];
    if (part && !driver.parts.has(part)) {
      throw new CallRefused(m.missingPart, { call, part: PART_NAMES[part][locale] });
    }
    deps.counted();
  };
  /**
   * Property names and short texts (`left`, `name`, `"red"`…) as QuickJS strings, made once a run
   * rather than at each reading: a line reading is 3 properties, a polling loop reads thousands.
   * Never freed, like everything else of the run's instance (dropped whole after the run).
   */
  const texts = new Map<string, QuickJSHandle>();
  const text = (value: string): QuickJSHandle | undefined => {
    let handle = texts.get(value);
    if (handle === undefined && texts.size < MAX_KEPT_TEXTS && value.length <= 32) {
      handle = ctx.newString(value);
      texts.set(value, handle);
    }
    return handle;
  };
  /** A guest object with the own fields of a reading, in their order (as `{ ...reading }` has). */
  const object = (fields: unknown): QuickJSHandle => {
    const handle = ctx.newObject();
    const record = Object(fields ?? {}) as Record<string, string | number | boolean>;
    for (const key of Object.keys(record)) {
      const value = record[key]!;
      const name = text(key) ?? key;
      if (typeof value === "boolean") {
        ctx.setProp(handle, name, value ? ctx.true : ctx.false);
      } else {
        const kept = typeof value === "string" ? text(value) : undefined;
        if (kept) ctx.setProp(handle, name, kept);
        else {
          const v = typeof value === "string" ? ctx.newString(value) : ctx.newNumber(value);
          ctx.setProp(handle, name, v);
          v.dispose();
        }
      }
    }
    return handle;
  };
  const nothing = () => ctx.undefined;
  const sensor = (call: string, read: () => QuickJSHandle): QuickJSHandle => {
    requirePart(call);
    const result = read();
    deps.sensorRead();
    return result;
  };
  const motion = (
    call: string,
    h: QuickJSHandle | undefined,
    unit: "cm" | "degrees",
    sign: number,
  ) => {
    const amount = numberArg(call, h, unit) * sign;
    requirePart(call);
    const operation = unit === "cm" ? driver.forward(amount) : driver.turn(amount);
    return deps.timed(call, operation, nothing);
  };

  return {
    forward: (cm) => motion("robot.forward", cm, "cm", 1),
    backward: (cm) => motion("robot.backward", cm, "cm", -1),
    turnLeft: (degrees) => motion("robot.turnLeft", degrees, "degrees", -1),
    turnRight: (degrees) => motion("robot.turnRight", degrees, "degrees", 1),
    setSpeed: (percent) => {
      const value = numberArg("robot.setSpeed", percent, "percent", 1, 100);
      requirePart("robot.setSpeed");
      driver.setSpeed(value);
    },
    setMotors: (left, right) => {
      const l = numberArg("robot.setMotors", left, "percent", -100, 100);
      const r = numberArg("robot.setMotors", right, "percent", -100, 100);
      requirePart("robot.setMotors");
      driver.setMotors(l, r);
    },
    stop: () => {
      requirePart("robot.stop");
      driver.stop();
    },
    distance: () => sensor("robot.distance", () => ctx.newNumber(driver.distance())),
    line: () => sensor("robot.line", () => object(driver.line())),
    color: () => sensor("robot.color", () => object(driver.color())),
    heading: () => sensor("robot.heading", () => ctx.newNumber(driver.heading())),
    grab: () => {
      requirePart("robot.grab");
      return deps.timed("robot.grab", driver.grab(), (held) => (held ? ctx.true : ctx.false));
    },
    release: () => {
      requirePart("robot.release");
      return deps.timed("robot.release", driver.release(), nothing);
    },
    classify: () => {
      requirePart("robot.classify");
      return deps.timed("robot.classify", driver.classify(), (result) => object(result));
    },
    wait: (seconds) => {
      const value = numberArg("wait", seconds, "seconds", 0);
      deps.counted();
      return deps.timed("wait", driver.wait(value), nothing);
    },
    time: () => ctx.newNumber(driver.time()),
    print: (text) => {
      // Past the budget, nothing is shown: the text is not even copied out (it costs the same).
      if (printBudget.exhausted) {
        deps.spend(Math.ceil(MAX_PRINT_CHARS / 1024) * COSTS.printKilobyte);
        return;
      }
      // The prelude's print always hands over one string; anything else is not a print.
      const value = text !== undefined && ctx.typeof(text) === "string" ? ctx.getString(text) : "";
      const decision = printBudget.take(value);
      deps.spend(Math.ceil(decision.bytes / 1024) * COSTS.printKilobyte);
      if (decision.show) deps.print?.(decision.text);
      else if (decision.cut) {
        deps.print?.(
          format(m.printCut, locale, {
            lines: MAX_PRINT_LINES,
            kilobytes: MAX_PRINT_BYTES / 1024,
          }),
        );
      }
    },
    notAvailable: (name) => {
      const what = name !== undefined && ctx.typeof(name) === "string" ? ctx.getString(name) : "?";
      throw new CallRefused(m.notAvailable, { name: what }, "SandboxError");
    },
    tooManyArguments: (name, count) => {
      const call = name !== undefined && ctx.typeof(name) === "string" ? ctx.getString(name) : "?";
      const max = ARITIES[call] ?? 0;
      throw new CallRefused(m.tooManyArguments, {
        call: API_GLOBALS.has(call) ? call : `robot.${call}`,
        max,
        count: count !== undefined && ctx.typeof(count) === "number" ? ctx.getNumber(count) : "?",
      });
    },
  };
}
