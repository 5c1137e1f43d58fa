/**
 * The commonest pupil bug: a robot motion (or `wait`, or the pupil's own async function) called
 * without `await`. The program then runs on at once and usually ends at 0 s with nothing done, and
 * TypeScript says nothing. This check finds every call whose promise is dropped, with the type
 * checker (so a pupil's own `async function` counts too), and every async function handed to a
 * method that does not wait for it (`liste.forEach(async (x) => ...)`).
 */
import ts from "typescript";
import { format, type Locale, type Localized } from "../i18n.ts";
import { missingAwaitMessages as m } from "./messages.ts";

export interface MissingAwait {
  /** Where the call starts, an offset in the pupil's source. */
  start: number;
  code: "ROBOTYC_MISSING_AWAIT" | "ROBOTYC_ASYNC_CALLBACK";
  text(locale: Locale): string;
}

/** What each timed robot call waits for, in words. */
const WAITS_FOR: Record<string, Localized> = {
  "robot.forward": m.forward,
  "robot.backward": m.backward,
  "robot.turnLeft": m.turn,
  "robot.turnRight": m.turn,
  "robot.grab": m.grab,
  "robot.release": m.release,
  "robot.classify": m.classify,
};

/** Calls shown longer than this are shortened to `callee(…)`. */
const MAX_CALL_TEXT = 40;

export function findMissingAwaits(file: ts.SourceFile, checker: ts.TypeChecker): MissingAwait[] {
  const found: MissingAwait[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      if (isDropped(node) && isThenable(checker, checker.getTypeAtLocation(node))) {
        found.push(missingAwait(node, file));
      }
      for (const arg of node.arguments) {
        const callback = asyncCallbackNotAwaited(arg, checker);
        if (callback) found.push(callbackProblem(node, callback, file));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Whether the value of `node` is thrown away: a statement of its own, or part of one. */
function isDropped(node: ts.Expression): boolean {
  let child: ts.Node = node;
  let parent: ts.Node = node.parent;
  for (;;) {
    if (ts.isParenthesizedExpression(parent)) {
      // (robot.forward(1));
    } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      // ok ? robot.forward(1) : robot.backward(1);
    } else if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (op === ts.SyntaxKind.CommaToken && child === parent.left) return true;
      const continues =
        child === parent.right &&
        (op === ts.SyntaxKind.CommaToken ||
          op === ts.SyntaxKind.AmpersandAmpersandToken ||
          op === ts.SyntaxKind.BarBarToken ||
          op === ts.SyntaxKind.QuestionQuestionToken);
      if (!continues) return false;
    } else if (ts.isExpressionStatement(parent)) {
      return true;
    } else if (ts.isForStatement(parent)) {
      return child === parent.initializer || child === parent.incrementor;
    } else {
      // Awaited, returned, stored, passed on, or explicitly dropped with `void`.
      return false;
    }
    child = parent;
    parent = parent.parent;
  }
}

/** Whether a value of `type` is a promise (anything with a callable `then`). */
export function isThenable(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
  if (type.isUnion()) return type.types.some((t) => isThenable(checker, t));
  const then = checker.getPropertyOfType(type, "then");
  if (!then) return false;
  const thenType = checker.getTypeOfSymbol(then);
  return thenType.getCallSignatures().length > 0;
}

/** `robot.forward(20)`, or `robot.forward(…)` when the call is long; on one line. */
function callText(call: ts.CallExpression, file: ts.SourceFile): string {
  const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
  const whole = oneLine(call.getText(file));
  if (whole.length <= MAX_CALL_TEXT) return whole;
  return `${oneLine(call.expression.getText(file))}(…)`;
}

/** `robot.forward`, `wait`, `carre`: the callee as the pupil names it. */
function calleeName(call: ts.CallExpression, file: ts.SourceFile): string {
  return call.expression.getText(file).replace(/\s+/g, "");
}

/** The function the call sits in, if that function is not async (the pupil must add `async`). */
function enclosingSyncFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) {
      const isAsync = ts.getCombinedModifierFlags(n as ts.Declaration) & ts.ModifierFlags.Async;
      return isAsync ? undefined : n;
    }
  }
  return undefined;
}

function functionName(fn: ts.SignatureDeclaration, file: ts.SourceFile): string | undefined {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  // const carre = () => { ... }
  if (ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name))
    return fn.parent.name.getText(file);
  return undefined;
}

function missingAwait(call: ts.CallExpression, file: ts.SourceFile): MissingAwait {
  const callee = calleeName(call, file);
  const waitsFor =
    WAITS_FOR[callee] ??
    (callee === "wait" ? m.waitSeconds : undefined) ??
    (/^[\w$.]+$/.test(callee) ? m.ownFunction : m.thisCall);
  const sync = enclosingSyncFunction(call);
  const name = sync && functionName(sync, file);
  const addAsync = !sync
    ? undefined
    : !name
      ? m.addAsync
      : ts.isFunctionDeclaration(sync)
        ? m.addAsyncDeclaration
        : m.addAsyncNamed;
  const params = { call: callText(call, file), callee, function: name ?? "" };
  return {
    start: call.getStart(file),
    code: "ROBOTYC_MISSING_AWAIT",
    text: (locale) => {
      const waits = format(waitsFor, locale, params);
      const text = format(m.missingAwait, locale, { ...params, waitsFor: waits });
      return addAsync ? `${text} ${format(addAsync, locale, params)}` : text;
    },
  };
}

/**
 * An async function (or one returning a promise) passed where the receiver expects a function
 * returning nothing: `forEach`, `map`… call it and never wait for it.
 */
function asyncCallbackNotAwaited(
  arg: ts.Expression,
  checker: ts.TypeChecker,
): ts.ArrowFunction | ts.FunctionExpression | undefined {
  if (!ts.isArrowFunction(arg) && !ts.isFunctionExpression(arg)) return undefined;
  const signature = checker.getSignatureFromDeclaration(arg);
  if (!signature || !isThenable(checker, checker.getReturnTypeOfSignature(signature)))
    return undefined;
  const expected = checker.getContextualType(arg);
  if (!expected) return undefined;
  const expectedSignatures = expected.getCallSignatures();
  if (expectedSignatures.length === 0) return undefined;
  const expectsNothing = expectedSignatures.every((s) => {
    const returns = checker.getReturnTypeOfSignature(s);
    return (returns.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0;
  });
  return expectsNothing ? arg : undefined;
}

function callbackProblem(
  call: ts.CallExpression,
  callback: ts.ArrowFunction | ts.FunctionExpression,
  file: ts.SourceFile,
): MissingAwait {
  const method = ts.isPropertyAccessExpression(call.expression)
    ? call.expression.name.text
    : calleeName(call, file);
  return {
    start: callback.getStart(file),
    code: "ROBOTYC_ASYNC_CALLBACK",
    text: (locale) => format(m.asyncCallback, locale, { method }),
  };
}
