/**
 * Guest code run once in each fresh QuickJS context, before the pupil's program. It receives the
 * host functions, builds the frozen `robot`, `wait`, `time`, `print` globals, seeds `Math.random`,
 * and removes or poisons everything that could compile code from text, observe the outside
 * (eval, Function constructors, WeakRef, shared memory) or run pupil code behind the host's back
 * (Proxy: a proxy's traps would run when the host reads a thrown value). The host functions
 * themselves stay in its closure; the pupil never sees them.
 *
 * It returns the sandbox's own tools, made from the built-ins as they were before the program ran
 * (so nothing the program replaces reaches them):
 * - `makeError(name, message)`: the errors of host calls, with a stack that has the pupil's line;
 * - `readError(value)`: a thrown value as plain data (own or inherited data properties only; no
 *   getter, `toJSON`, `toString` or other method of the program is ever called);
 * - `loopLine`: the record where compiled loops note their line, handed to the program's function
 *   (see LOOP_LINE_GLOBAL): a null-prototype object with a plain `line` property.
 */
export const PRELUDE_FILE = "robotyc-sandbox.js";

export const PRELUDE = String.raw`(function (host, arities, seed, maxPrint) {
  "use strict";
  // Everything the prelude uses later is taken now, before the program can replace it.
  const g = globalThis;
  const ErrorCtor = Error;
  const freeze = Object.freeze;
  const seal = Object.seal;
  const create = Object.create;
  const defineProperty = Object.defineProperty;
  const getPrototypeOf = Object.getPrototypeOf;
  const getOwnDescriptor = Object.getOwnPropertyDescriptor;
  const hasOwn = Object.hasOwn;
  const keysOf = Object.keys;
  const isArray = Array.isArray;
  const apply = Reflect.apply;
  const stringSlice = String.prototype.slice;
  const stringify = JSON.stringify;
  const toText = String;
  const imul = Math.imul;

  function makeError(name, message) {
    const error = new ErrorCtor(message);
    defineProperty(error, "name", { value: name, writable: true, configurable: true });
    return error;
  }

  // A refusal goes through the host, which makes the error: a refusal the program fakes is not one.
  const notAvailable = host.notAvailable;
  function poisoned(name) {
    const f = function () {
      return notAvailable(name);
    };
    return freeze(f);
  }

  // Code from text: eval, and the constructors of every kind of function.
  delete g.eval;
  const functionPrototypes = [
    Function.prototype,
    getPrototypeOf(async function () {}),
    getPrototypeOf(function* () {}),
    getPrototypeOf(async function* () {}),
  ];
  const functionNames = ["Function", "AsyncFunction", "GeneratorFunction", "AsyncGeneratorFunction"];
  for (let i = 0; i < functionPrototypes.length; i++) {
    defineProperty(functionPrototypes[i], "constructor", {
      value: poisoned(functionNames[i]),
      writable: false,
      enumerable: false,
      configurable: false,
    });
  }
  defineProperty(g, "Function", { value: poisoned("Function"), writable: false, configurable: false });
  // A proxy runs the program's traps wherever a value is looked at, the host's reads included.
  defineProperty(g, "Proxy", { value: poisoned("Proxy"), writable: false, configurable: false });
  // Nothing that depends on the garbage collector or on other threads; no clock.
  for (const name of ["WeakRef", "FinalizationRegistry", "SharedArrayBuffer", "Atomics", "Date"]) {
    delete g[name];
  }

  // Math.random from the run's seed (mulberry32): the same seed gives the same draws everywhere.
  let state = seed >>> 0;
  const random = function random() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  defineProperty(Math, "random", { value: freeze(random), writable: false, configurable: false });

  function show(value, depth) {
    if (typeof value === "string") return depth === 0 ? value : stringify(value);
    if (typeof value === "function") return "[function " + (value.name || "") + "]";
    if (value === null || typeof value !== "object") return toText(value);
    if (value instanceof ErrorCtor) return value.name + ": " + value.message;
    const array = isArray(value);
    if (depth > 2) return array ? "[…]" : "{…}";
    const keys = array ? null : keysOf(value);
    const count = array ? value.length : keys.length;
    let text = "";
    for (let i = 0; i < count && i < 50; i++) {
      if (i > 0) text += ", ";
      text += array ? show(value[i], depth + 1) : keys[i] + ": " + show(value[keys[i]], depth + 1);
    }
    if (count > 50) text += ", …";
    return array ? "[" + text + "]" : "{ " + text + " }";
  }

  const hostPrint = host.print;
  const print = function print(...values) {
    let text = "";
    for (let i = 0; i < values.length && text.length <= maxPrint; i++) {
      text += (i > 0 ? " " : "") + show(values[i], 0);
    }
    // Only the first characters cross to the host (it cuts there anyway).
    if (text.length > maxPrint + 1) text = apply(stringSlice, text, [0, maxPrint + 1]);
    hostPrint(text);
  };

  // Each host function takes at most its declared arguments: an absurd count is refused here,
  // before the arguments are copied for the host.
  const tooMany = host.tooManyArguments;
  function guarded(name) {
    const call = host[name];
    const arity = arities[name];
    let f;
    if (arity === 0) {
      f = function () {
        if (arguments.length > 0) return tooMany(name, arguments.length);
        return call();
      };
    } else if (arity === 1) {
      f = function (a) {
        if (arguments.length > 1) return tooMany(name, arguments.length);
        return call(a);
      };
    } else {
      f = function (a, b) {
        if (arguments.length > 2) return tooMany(name, arguments.length);
        return call(a, b);
      };
    }
    defineProperty(f, "name", { value: name });
    return freeze(f);
  }

  const robotMethods = [
    "forward", "backward", "turnLeft", "turnRight", "setSpeed", "setMotors", "stop",
    "distance", "line", "color", "heading", "grab", "release", "classify",
  ];
  const robot = {};
  for (const name of robotMethods) robot[name] = guarded(name);
  freeze(robot);

  const globals = { robot, wait: guarded("wait"), time: guarded("time"), print: freeze(print) };
  for (const name in globals) {
    defineProperty(g, name, { value: globals[name], writable: false, enumerable: false, configurable: false });
  }

  // A data property of an object or of its prototypes; an accessor reads as nothing.
  // Without Proxy, none of these steps can run code of the program.
  function dataOf(object, key) {
    let o = object;
    for (let depth = 0; depth < 32 && o !== null; depth++) {
      const d = getOwnDescriptor(o, key);
      if (d !== undefined) return hasOwn(d, "value") ? d.value : undefined;
      o = getPrototypeOf(o);
    }
    return undefined;
  }
  const textOf = (v) => (typeof v === "string" ? v : undefined);
  function readError(value) {
    const out = create(null);
    const type = typeof value;
    out.object = value !== null && (type === "object" || type === "function") ? 1 : 0;
    out.name = out.object ? textOf(dataOf(value, "name")) : undefined;
    out.message = out.object ? textOf(dataOf(value, "message")) : undefined;
    out.stack = out.object ? textOf(dataOf(value, "stack")) : undefined;
    out.text = out.object ? undefined : toText(value);
    return out;
  }

  const loopLine = seal(create(null, { line: { value: 0, writable: true, enumerable: true } }));
  const tools = create(null);
  tools.makeError = makeError;
  tools.readError = readError;
  tools.loopLine = loopLine;
  return tools;
})`;
