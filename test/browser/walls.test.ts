/**
 * The sandbox's last walls in the app's path: `runChallenge`, bundled by Vite and run in a Web
 * Worker of a real Chromium, on hostile programs. Each ends with the same message and score as
 * in Node; a single built-in call that never returns is stopped the browser's way (the page
 * terminates its worker past a watchdog), and the next run in a fresh worker is as usual.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packChallenge, runChallenge, solutionFile } from "../../challenges/node.ts";
import { launchChromium } from "../../tools/classifier/render.ts";
import {
  buildPage,
  CLASSIFIER_MOUNTS,
  HAS_CHROMIUM,
  ROOT,
  serveDir,
  type Served,
} from "../app/harness.ts";

const work = join(ROOT, "tmp", `walls-${process.pid}`);
const CHALLENGE = "trieur-1-zone";

const at = (path: string) => JSON.stringify(join(ROOT, path));
const WORKER = `
import quickjsWasm from "@jitl/quickjs-wasmfile-release-sync/wasm?url";
import { challengeCamera, packChallenge, runChallenge } from ${at("challenges/index.ts")};
import { setQuickJSWasmModule } from ${at("runtime/engine.ts")};

setQuickJSWasmModule(WebAssembly.compileStreaming(fetch(quickjsWasm)));
const base = new URL("/", self.location.href).href;
const classifier = { model: base + "model/", bank: base + "bank/", wasmPaths: base + "wasm/" };
self.onmessage = async ({ data }) => {
  try {
  let lines = 0;
  let cut = 0;
  const started = performance.now();
  const result = await runChallenge({
    source: data.source,
    challenge: packChallenge(${JSON.stringify(CHALLENGE)}),
    seed: 1,
    locale: "en",
    print: (text) => { lines++; if (text.startsWith("…")) cut++; },
    ...(data.limits ? { limits: data.limits } : {}),
    camera: () => challengeCamera(classifier),
  });
  self.postMessage({ kind: "result", outcome: result.outcome, score: result.score,
    simTime: result.simTime, error: result.error?.message ?? null, lines, cut,
    seconds: (performance.now() - started) / 1000 });
  } catch (error) {
    self.postMessage({ kind: "error", message: String(error?.message ?? error) });
  }
};
`;
// The page's side of the watchdog: a run that does not answer in time loses its worker.
const MAIN = `
window.run = (message, watchdogMs) => new Promise((resolve) => {
  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  const timer = setTimeout(() => { worker.terminate(); resolve({ kind: "watchdog" }); }, watchdogMs);
  worker.onmessage = (e) => { clearTimeout(timer); worker.terminate(); resolve(e.data); };
  worker.onerror = (e) => { clearTimeout(timer); resolve({ kind: "error", message: String(e.message) }); };
  worker.postMessage(message);
});
`;

const HOSTILE = {
  zeroWait: "let n = 0;\nwhile (true) {\n  n++;\n  await wait(0);\n}\n",
  hostFlood:
    "while (true) {\n  for (let i = 0; i < 1000000; i++) robot.setSpeed(50);\n  robot.distance();\n}\n",
  toJson:
    "(Object.prototype as any).toJSON = function () {\n  robot.setMotors(100, 100);\n" +
    "  while (robot.distance() > 5) {}\n};\nawait robot.forward(20);\nthrow new Error('boom');\n",
  plain: "await robot.forward(20);\nthrow new Error('boom');\n",
  printFlood:
    "const s = 'x'.repeat(2000);\nwhile (true) {\n  for (let i = 0; i < 10; i++) print(s);\n  robot.distance();\n}\n",
  argumentCount: "(robot.forward as any)(...new Array(60000).fill(1));\n",
  memoryAndWaits:
    "const keep: Promise<void>[] = [];\nfor (let i = 0; i < 100000; i++) {\n  keep.push(wait(0.01));\n  if (i % 900 === 899) await keep[i];\n}\n",
  typeBomb: `${Array.from({ length: 300 }, (_, i) => `type A${i} = "a" | "b";`).join("\n")}\n`,
  nativeLoop: "const s = 'a'.repeat(200);\nlet n = 0;\nwhile (true) {\n  n += s.indexOf('b');\n}\n",
  nativeCall: "Array.prototype.includes.call({ length: 2 ** 53 - 1 } as any, 0);\n",
};

let served: Served | undefined;
let browser: Browser | undefined;
let page: Page | undefined;

type Answer = {
  kind: string;
  outcome?: string;
  score?: number;
  simTime?: number;
  error?: string | null;
  lines?: number;
  cut?: number;
  seconds?: number;
};

async function inWorker(
  source: string,
  options: { limits?: Record<string, number>; watchdogMs?: number } = {},
): Promise<Answer> {
  return page!.evaluate(
    ([message, watchdogMs]) =>
      (window as unknown as { run(m: unknown, w: number): Promise<Answer> }).run(
        message,
        watchdogMs,
      ),
    [{ source, limits: options.limits }, options.watchdogMs ?? 120_000] as const,
  );
}

describe.skipIf(!HAS_CHROMIUM)("the last walls in a Chromium Web Worker", () => {
  beforeAll(async () => {
    const dist = join(work, "dist");
    await buildPage(join(work, "app"), dist, { "worker.js": WORKER, "main.js": MAIN });
    // The camera's classifier, as the app serves it.
    served = await serveDir(dist, CLASSIFIER_MOUNTS);
    browser = await launchChromium(join(work, "profile"));
    page = await (await browser.newContext()).newPage();
    await page.goto(served.url + "index.html");
    await page.waitForFunction(() => "run" in window);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it(
    "each hostile program ends with its own message, as in Node",
    { timeout: 600_000 },
    async () => {
      const expectations: [keyof typeof HOSTILE, RegExp][] = [
        ["zeroWait", /^Line 2: Your loop waits 0 seconds on every turn/],
        ["hostFlood", /^Line 2: Your program loops without ever waiting/],
        ["toJson", /^Line 6, column \d+: .*boom/],
        [
          "argumentCount",
          /^Line 1(, column \d+)?: robot\.forward expects at most 1 value\(s\), but got 60000\.$/,
        ],
        ["typeBomb", /Your program is too complicated to check: its types are too many/],
      ];
      for (const [name, message] of expectations) {
        const answer = await inWorker(HOSTILE[name]);
        const node = await runChallenge({
          source: HOSTILE[name],
          challenge: packChallenge(CHALLENGE),
          seed: 1,
          locale: "en",
        });
        expect({ name, ...answer }).toMatchObject({
          name,
          kind: "result",
          outcome: "error",
          score: node.score,
          error: node.error!.message,
        });
        expect(answer.error).toMatch(message);
      }
    },
  );

  it("a planted toJSON changes neither the error nor the score", { timeout: 300_000 }, async () => {
    const trapped = await inWorker(HOSTILE.toJson);
    const plain = await inWorker(HOSTILE.plain);
    // The same words, at the throw's own line.
    const words = (message: string | null | undefined) =>
      message!.replace(/^Line \d+(, column \d+)?: /, "");
    expect(trapped.error).toMatch(/^Line 6\b/);
    expect(words(trapped.error)).toBe(words(plain.error));
    expect(words(trapped.error)).toMatch(/boom/);
    expect(trapped.score).toBe(plain.score);
    expect(trapped.simTime).toBe(plain.simTime);
  });

  it("a print flood is cut once; memory-heavy timed calls run", { timeout: 300_000 }, async () => {
    const flood = await inWorker(HOSTILE.printFlood);
    expect(flood).toMatchObject({ kind: "result", outcome: "timeout", cut: 1 });
    expect(flood.lines).toBeLessThanOrEqual(10_001);
    const heavy = await inWorker(HOSTILE.memoryAndWaits);
    expect(heavy).toMatchObject({ kind: "result", outcome: "finished", error: null });
  });

  it(
    "a loop of built-in calls: the sandbox's watchdog, its own outcome",
    { timeout: 300_000 },
    async () => {
      const answer = await inWorker(HOSTILE.nativeLoop, { limits: { watchdogMs: 1000 } });
      expect(answer).toMatchObject({ kind: "result", outcome: "watchdog" });
      expect(answer.error).toMatch(/^Line 3: Your program was stopped for safety/);
    },
  );

  it(
    "one call that never returns: the page terminates the worker; the next run is as usual",
    { timeout: 300_000 },
    async () => {
      const start = performance.now();
      const stuck = await inWorker(HOSTILE.nativeCall, { watchdogMs: 15_000 });
      expect(stuck).toEqual({ kind: "watchdog" });
      expect(performance.now() - start).toBeLessThan(60_000);
      const next = await inWorker(readFileSync(solutionFile(CHALLENGE), "utf8"));
      expect(next).toMatchObject({ kind: "result", outcome: "finished", score: 40, error: null });
    },
  );
});
