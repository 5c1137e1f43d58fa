import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core";
import { describe, expect, it } from "vitest";
import { directHostCalls } from "./host-calls.ts";
import { newQuickJSInstance } from "./quickjs.ts";

/** A context with a few host functions of every kind of result, the direct path or the library's. */
async function contextWith(direct: boolean) {
  const { quickjs } = await newQuickJSInstance(32 * 1024 * 1024);
  const runtime = quickjs.newRuntime();
  const ctx = runtime.newContext();
  const installed = direct ? directHostCalls(ctx, quickjs) : false;
  const seen: string[] = [];
  const functions: Record<string, (...args: QuickJSHandle[]) => unknown> = {
    // Arguments of every type, read as the robot host reads them.
    describe: (...args) => {
      seen.push(args.map((h) => `${ctx.typeof(h)}:${JSON.stringify(ctx.dump(h))}`).join(" "));
    },
    add: (a, b) => ctx.newNumber(ctx.getNumber(a!) + ctx.getNumber(b!)),
    pair: () => {
      const o = ctx.newObject();
      ctx.setProp(o, "left", ctx.true);
      ctx.newString("rouge").consume((s) => ctx.setProp(o, "name", s));
      return o;
    },
    wrapped: () => ({ value: ctx.newString("enveloppé") }),
    yes: () => ctx.true,
    refused: () => ({ error: ctx.newError({ name: "RobotError", message: "refusé" }) }),
    broken: () => {
      throw new Error("panne de l'hôte");
    },
    self: function (this: QuickJSHandle) {
      seen.push(`this:${ctx.typeof(this)}`);
    },
  };
  for (const [name, impl] of Object.entries(functions)) {
    ctx.newFunction(name, impl as never).consume((fn) => ctx.setProp(ctx.global, name, fn));
  }
  return { ctx, runtime, installed, seen };
}

const SCRIPT = `
  const out = [];
  describe(1.5, "deux", true, undefined, null, { a: 1 }, [3]);
  out.push(add(2, 40.5));
  out.push(JSON.stringify(pair()));
  out.push(wrapped(), yes());
  try { refused(); } catch (e) { out.push(e.name + ": " + e.message); }
  try { broken(); } catch (e) { out.push(e.name + ": " + e.message); }
  self.call({});
  out.push(describe() === undefined);
  JSON.stringify(out);
`;

function run(ctx: QuickJSContext, code: string): unknown {
  return ctx.unwrapResult(ctx.evalCode(code)).consume((h) => ctx.dump(h));
}

describe("direct host calls", () => {
  it("are installed with the pinned quickjs-emscripten-core (else every run is slower)", async () => {
    const { installed } = await contextWith(true);
    expect(installed).toBe(true);
  });

  it("behave exactly as the library's own path: arguments, results, errors, this", async () => {
    const library = await contextWith(false);
    const direct = await contextWith(true);
    const expected = run(library.ctx, SCRIPT);
    expect(JSON.parse(expected as string)).toEqual([
      42.5,
      '{"left":true,"name":"rouge"}',
      "enveloppé",
      true,
      "RobotError: refusé",
      "Error: panne de l'hôte",
      true,
    ]);
    expect(run(direct.ctx, SCRIPT)).toEqual(expected);
    expect(direct.seen).toEqual(library.seen);
    expect(direct.seen[0]).toBe(
      'number:1.5 string:"deux" boolean:true undefined:undefined object:null object:{"a":1} object:[3]',
    );
  });

  it("free every result and borrow every argument: memory stays flat over many calls", async () => {
    const { ctx, runtime } = await contextWith(true);
    const used = () =>
      runtime.computeMemoryUsage().consume((h) => ctx.dump(h) as { memory_used_count: number })
        .memory_used_count;
    const loop = `for (let i = 0; i < 20000; i++) { add(i, 1); pair(); wrapped(); try { refused(); } catch {} }`;
    run(ctx, loop);
    const before = used();
    run(ctx, loop);
    expect(used()).toBeLessThanOrEqual(before + 16);
  });
});
