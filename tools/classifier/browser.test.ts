/**
 * The classifier in a real browser: the same `classifier/` code bundled by Vite, run in headless
 * Chromium on the wasm backend, loads the shipped model and image bank over HTTP and gives the
 * same answers as PyTorch (parity.json) and the same bank images as Node.
 */
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import type { Browser } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLASSES, INPUT_SIZE, loadImageBankDir } from "../../classifier/node.ts";
import type * as Lib from "../../classifier/index.ts";
import { ROOT } from "./dataset.ts";
import { launchChromium } from "./render.ts";

const hasChromium = existsSync("/usr/bin/chromium");
const work = mkdtempSync(join(tmpdir(), "classifier-browser-"));
let server: Server | undefined;
let browser: Browser | undefined;
let base = "";

const TYPES: Record<string, string> = {
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".html": "text/html",
};

// Debian's chromium is in .ci/apt-packages.txt; without it there is no browser to test in.
describe.skipIf(!hasChromium)("classifier in headless Chromium (Vite bundle, wasm)", () => {
  beforeAll(async () => {
    writeFileSync(
      join(work, "entry.ts"),
      `import { WasteClassifier, loadImageBank } from ${JSON.stringify(join(ROOT, "classifier/index.ts"))};
       export { WasteClassifier, loadImageBank };`,
    );
    await build({
      configFile: false,
      logLevel: "error",
      root: work,
      build: {
        outDir: join(work, "dist"),
        lib: { entry: join(work, "entry.ts"), formats: ["es"], fileName: "bundle" },
      },
    });
    writeFileSync(
      join(work, "dist", "index.html"),
      `<!doctype html><title>classifier</title><script type="module">
       import * as lib from "./bundle.mjs"; window.classifierLib = lib;</script>`,
    );
    const mounts: Record<string, string> = {
      "/app/": join(work, "dist"),
      "/model/": join(ROOT, "classifier/model"),
      "/bank/": join(ROOT, "classifier/bank"),
      "/wasm/": join(ROOT, "node_modules/@tensorflow/tfjs-backend-wasm/dist"),
    };
    server = createServer((req, res) => {
      const url = req.url ?? "/";
      const mount = Object.keys(mounts).find((m) => url.startsWith(m));
      const file = mount && normalize(join(mounts[mount]!, url.slice(mount.length)));
      if (!file || !file.startsWith(mounts[mount]!) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
    browser = await launchChromium(join(work, "profile"));
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("classifies like PyTorch and picks the same bank images as Node", async () => {
    const parity = JSON.parse(readFileSync(join(ROOT, "classifier/model/parity.json"), "utf8")) as {
      images: string[];
      probabilities: number[][];
    };
    const page = await (await browser!.newContext()).newPage();
    await page.goto(base + "app/index.html");
    await page.waitForFunction(() => "classifierLib" in globalThis);
    const answer = await page.evaluate(
      async ({ base, images, size }) => {
        const lib = (globalThis as unknown as { classifierLib: typeof Lib }).classifierLib;
        const classifier = await lib.WasteClassifier.load(base + "model/", {
          wasmPaths: base + "wasm/",
        });
        const results = images.map((b64) => {
          const bin = atob(b64);
          const data = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
          return classifier.classify({ width: size, height: size, data, channels: 3 });
        });
        const bank = await lib.loadImageBank(base + "bank/");
        const picked = bank
          .ids()
          .map((id) => Array.from(bank.pickImage(id, 5)!.data.slice(0, 600)));
        return { backend: classifier.backend, results, picked };
      },
      { base, images: parity.images, size: INPUT_SIZE },
    );
    expect(answer.backend).toBe("wasm");
    answer.results.forEach((result, i) => {
      CLASSES.forEach((c, j) =>
        expect(result.scores[c]).toBeCloseTo(parity.probabilities[i]![j]!, 4),
      );
    });
    const bank = await loadImageBankDir();
    expect(answer.picked).toEqual(
      bank.ids().map((id) => Array.from(bank.pickImage(id, 5)!.data.slice(0, 600))),
    );
  });
});
