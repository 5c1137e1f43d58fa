/**
 * Guest code run once in each fresh QuickJS context, before the pupil's program. It receives the
 * host functions, builds the frozen `robot`, `wait`, `time`, `print` globals, seeds `Math.random`,
 * and removes or poisons everything that could compile code from text or observe the outside
 * (eval, Function constructors, WeakRef, shared memory). The host functions themselves stay in its
 * closure; the pupil never sees them. It returns the error factory the host uses, so an error raised
 * by a host call carries a stack with the pupil's line.
 */
export const PRELUDE_FILE = "robotyc-sandbox.js";

export const PRELUDE = String.raw`(function (host, seed, notAvailable) {
  "use strict";
  // Everything the prelude uses later is taken now, before the program can replace it.
  const g = globalThis;
  const ErrorCtor = Error;
  const freeze = Object.freeze;
  const defineProperty = Object.defineProperty;
  const getPrototypeOf = Object.getPrototypeOf;
  const keysOf = Object.keys;
  const isArray = Array.isArray;
  const stringify = JSON.stringify;
  const toText = String;
  const imul = Math.imul;

  function makeError(name, message) {
    const error = new ErrorCtor(message);
    defineProperty(error, "name", { value: name, writable: true, configurable: true });
    return error;
  }

  function poisoned(name) {
    const f = function () {
      throw makeError("SandboxError", notAvailable.replace("{name}", name));
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
    for (let i = 0; i < values.length; i++) text += (i > 0 ? " " : "") + show(values[i], 0);
    hostPrint(text);
  };

  const robotMethods = [
    "forward", "backward", "turnLeft", "turnRight", "setSpeed", "setMotors", "stop",
    "distance", "line", "color", "heading", "grab", "release", "classify",
  ];
  const robot = {};
  for (const name of robotMethods) robot[name] = freeze(host[name]);
  freeze(robot);

  const globals = { robot, wait: freeze(host.wait), time: freeze(host.time), print: freeze(print) };
  for (const name in globals) {
    defineProperty(g, name, { value: globals[name], writable: false, enumerable: false, configurable: false });
  }
  return makeError;
})`;
