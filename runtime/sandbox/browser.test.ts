/**
 * The same compiler and sandbox, bundled by Vite, run in a Web Worker of a real Chromium:
 * no Node-only code on the path, the wasm handed over with setQuickJSWasmModule.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = resolve(fileURLToPath(import.meta.url), "../../..");
const work = join(repo, "tmp", `runtime-browser-${process.pid}`);

const WORKER = `
import wasmUrl from "@jitl/quickjs-wasmfile-release-sync/wasm?url";
import { compile, createScriptedDriver, runSource, setQuickJSWasmModule } from "../../runtime/index.ts";

setQuickJSWasmModule(WebAssembly.compileStreaming(fetch(wasmUrl)));
self.onmessage = async (event) => {
  const driver = createScriptedDriver();
  const printed = [];
  const result = await runSource(event.data, { driver, seed: 3, print: (t) => printed.push(t) });
  const diagnostics = compile("\\nconst s: string = 1;", { locale: "fr" }).diagnostics;
  const loop = await runSource("let n = 0;\\nwhile (true) {\\n  n++;\\n}", { driver: createScriptedDriver(), seed: 1 });
  const bomb = await runSource("let s = 'x';\\nwhile (true) s += s;", { driver: createScriptedDriver(), seed: 1 });
  self.postMessage({ result, printed, calls: driver.calls.length, diagnostics, loop, bomb });
};
`;
const MAIN = `
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
worker.onmessage = (e) => { window.result = e.data; };
worker.onerror = (e) => { window.result = { failed: String(e.message) }; };
worker.postMessage("robot.setMotors(50, 50);\\nwhile (robot.distance() > 10) {}\\nrobot.stop();\\nprint('stopped at', robot.distance());");
`;
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
};

let server: Server;
let browser: BrowserContext;
let url: string;

beforeAll(async () => {
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, "worker.js"), WORKER);
  writeFileSync(join(work, "main.js"), MAIN);
  writeFileSync(
    join(work, "index.html"),
    '<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>',
  );
  const dist = join(work, "dist");
  await build({
    root: work,
    logLevel: "error",
    build: { outDir: dist, emptyOutDir: true, chunkSizeWarningLimit: 100_000 },
    worker: { format: "es" },
  });
  server = createServer((req, res) => {
    const path = join(
      dist,
      new URL(req.url ?? "/", "http://x").pathname.replace(/\/$/, "/index.html"),
    );
    try {
      const body = readFileSync(path);
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
  browser = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--enable-unsafe-swiftshader",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
  rmSync(work, { recursive: true, force: true });
});

describe("runtime in a browser worker", () => {
  it("compiles with French diagnostics and runs the polling loop to the wall", async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { result?: unknown }).result, null, {
      timeout: 60_000,
    });
    const got = await page.evaluate(() => (window as unknown as { result: unknown }).result);
    const r = got as {
      failed?: string;
      result: { outcome: string };
      printed: string[];
      calls: number;
      diagnostics: { line: number; message: string; detail?: string }[];
      loop: { error: { kind: string; line: number } };
      bomb: { error: { kind: string } };
    };
    expect(r.failed).toBeUndefined();
    expect(r.result.outcome).toBe("finished");
    expect(r.printed[0]).toMatch(/^stopped at (9\.9\d*|10)$/);
    expect(r.calls).toBeGreaterThan(4000);
    expect(r.diagnostics[0]).toMatchObject({
      line: 2,
      message: "« s » doit contenir un texte, pas le nombre 1.",
      detail: "Impossible d'assigner le type 'number' au type 'string'.",
    });
    expect(r.loop.error).toMatchObject({ kind: "budget", line: 2 });
    expect(r.bomb.error.kind).toBe("memory");
    await page.close();
  });
});
