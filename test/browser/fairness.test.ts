/**
 * Fairness across paths: `runChallenge`, bundled by Vite and run in a Web Worker of a real
 * Chromium — the app's path — gives the same score and trace hash as Node for the same program
 * and seed, camera and classifier included. And the page steers the worker's run through shared
 * memory: it pauses, resumes and stops a program that polls a sensor without ever awaiting.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packChallenge, packSolution, runChallenge, type PackId } from "../../challenges/node.ts";
import { launchChromium } from "../../tools/classifier/render.ts";
import {
  buildPage,
  CLASSIFIER_MOUNTS,
  HAS_CHROMIUM,
  ROOT,
  serveDir,
  type Served,
} from "../app/harness.ts";

const work = join(ROOT, "tmp", `fairness-${process.pid}`);

const at = (path: string) => JSON.stringify(join(ROOT, path));
const WORKER = `
import quickjsWasm from "@jitl/quickjs-wasmfile-release-sync/wasm?url";
import { challengeCamera, packChallenge, runChallenge } from ${at("challenges/index.ts")};
import { setQuickJSWasmModule } from ${at("runtime/engine.ts")};
import { RunControl } from ${at("simulator/control.ts")};

setQuickJSWasmModule(WebAssembly.compileStreaming(fetch(quickjsWasm)));
const base = new URL("/", self.location.href).href;
const classifier = { model: base + "model/", bank: base + "bank/", wasmPaths: base + "wasm/" };

self.onmessage = async ({ data }) => {
  try {
    if (data.kind === "run") {
      const result = await runChallenge({
        source: data.source,
        challenge: packChallenge(data.challenge),
        seed: data.seed,
        locale: "fr",
        camera: () => challengeCamera(classifier),
      });
      self.postMessage({ kind: "result", score: result.score, maxScore: result.maxScore,
        hash: result.trace?.hash, outcome: result.outcome, error: result.error });
    } else if (data.kind === "steered") {
      const control = new RunControl(data.buffer);
      let frames = 0;
      const result = await runChallenge({
        source: data.source,
        challenge: packChallenge("voiture-autonome"),
        seed: 1,
        locale: "fr",
        control,
        onFrame: (frame) => {
          frames++;
          self.postMessage({ kind: "frame", tick: frame.tick });
        },
      });
      self.postMessage({ kind: "result", outcome: result.outcome, frames });
    }
  } catch (error) {
    self.postMessage({ kind: "stopped", name: error?.name, message: String(error?.message) });
  }
};
`;
const MAIN = `
import { RunControl } from ${at("simulator/control.ts")};
window.isolated = self.crossOriginIsolated;
window.messages = [];
window.start = (message) => {
  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  worker.onmessage = (e) => window.messages.push(e.data);
  worker.onerror = (e) => window.messages.push({ kind: "error", message: String(e.message) });
  if (message.kind === "steered") {
    window.control = new RunControl();
    message.buffer = window.control.buffer;
  }
  worker.postMessage(message);
};
`;

let served: Served | undefined;
let browser: Browser | undefined;

async function openPage(): Promise<Page> {
  const page = await (await browser!.newContext()).newPage();
  await page.goto(served!.url + "index.html");
  await page.waitForFunction(() => "start" in window);
  return page;
}

type Message = { kind: string; [key: string]: unknown };
const messagesOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { messages: Message[] }).messages);

async function waitFor(page: Page, kinds: string[], timeout = 120_000): Promise<Message> {
  await page.waitForFunction(
    (k) => (window as unknown as { messages: Message[] }).messages.some((m) => k.includes(m.kind)),
    kinds,
    { timeout },
  );
  return (await messagesOf(page)).find((m) => kinds.includes(m.kind))!;
}

describe.skipIf(!HAS_CHROMIUM)("runChallenge in a Chromium Web Worker", () => {
  beforeAll(async () => {
    const dist = join(work, "dist");
    await buildPage(join(work, "app"), dist, { "worker.js": WORKER, "main.js": MAIN });
    // Cross-origin isolated (the page may share memory with its worker: the run's controls), with
    // the camera's classifier as the app serves it.
    served = await serveDir(dist, CLASSIFIER_MOUNTS);
    browser = await launchChromium(join(work, "profile"));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it.each([
    ["trieur-2-pousser", 3],
    ["trieur-4-classer", 2],
  ] as [PackId, number][])(
    "%s seed %i: the same score and trace hash as Node",
    { timeout: 300_000 },
    async (id, seed) => {
      const source = packSolution(id);
      const node = await runChallenge({ source, challenge: packChallenge(id), seed, locale: "fr" });
      const page = await openPage();
      await page.evaluate((m) => (window as unknown as { start(m: unknown): void }).start(m), {
        kind: "run",
        source,
        challenge: id,
        seed,
      });
      const browserResult = await waitFor(page, ["result", "stopped", "error"]);
      expect(browserResult).toEqual({
        kind: "result",
        score: node.score,
        maxScore: node.maxScore,
        hash: node.trace!.hash,
        outcome: node.outcome,
      });
      expect(node.score).toBe(node.maxScore);
      await page.close();
    },
  );

  it(
    "the page pauses, resumes and stops a worker's program that never awaits",
    { timeout: 300_000 },
    async () => {
      const page = await openPage();
      expect(await page.evaluate(() => (window as unknown as { isolated: boolean }).isolated)).toBe(
        true,
      );
      await page.evaluate(() =>
        (window as unknown as { start(m: unknown): void }).start({
          kind: "steered",
          source: "while (robot.distance() > -1) {}",
        }),
      );
      const frameCount = async () =>
        (await messagesOf(page)).filter((m) => m.kind === "frame").length;
      await page.waitForFunction(
        () => (window as unknown as { messages: Message[] }).messages.length > 20,
        null,
        { timeout: 120_000 },
      );
      await page.evaluate(() =>
        (window as unknown as { control: { pause(): void } }).control.pause(),
      );
      await page.waitForTimeout(200);
      const paused = await frameCount();
      await page.waitForTimeout(400);
      // Paused inside the synchronous loop: no frame for 400 ms.
      expect(await frameCount()).toBe(paused);
      await page.evaluate(() =>
        (window as unknown as { control: { resume(): void } }).control.resume(),
      );
      await page.waitForFunction(
        (n) => (window as unknown as { messages: Message[] }).messages.length > n + 20,
        paused,
        { timeout: 60_000 },
      );
      await page.evaluate(() =>
        (window as unknown as { control: { abort(): void } }).control.abort(),
      );
      const end = await waitFor(page, ["result", "stopped", "error"]);
      expect(end).toMatchObject({ kind: "stopped", name: "AbortError" });
      // The run's limit is 20 s (400 frames): it ended long before.
      expect(await frameCount()).toBeLessThan(400);
      await page.close();
    },
  );
});
