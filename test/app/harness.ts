/**
 * What the app's browser tests and benchmarks share: build the web app (or a page) with Vite,
 * serve a folder on 127.0.0.1 (cross-origin isolated, as `npm run web` serves it), and launch
 * Debian's Chromium headless with software WebGL.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext } from "playwright-core";
import { build, type InlineConfig } from "vite";
import { launchChromium } from "../../tools/classifier/render.ts";

export const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
export const HAS_CHROMIUM = existsSync("/usr/bin/chromium");
/** Screenshots and other test artifacts (git-ignored). */
export const ARTIFACTS = join(ROOT, "artifacts", "app");

/** Beside our browser tests' flags: timers keep running in a page without focus. */
const PAGE_ARGS = ["--disable-background-timer-throttling", "--disable-renderer-backgrounding"];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ttf": "font/ttf",
  ".mp3": "audio/mpeg",
  ".wav": "audio/wav",
  ".ogg": "audio/ogg",
  ".bin": "application/octet-stream",
};

/** Builds the web app into `outDir` (the repository's vite.config.ts, another output folder). */
export async function buildApp(outDir: string, extra: InlineConfig = {}): Promise<void> {
  await build({
    configFile: join(ROOT, "vite.config.ts"),
    logLevel: "error",
    ...extra,
    build: { outDir, emptyOutDir: true, ...extra.build },
  });
}

/**
 * Builds a test page with Vite: `index.html` runs `main.js`, beside the other `files` (name →
 * source), written to `srcDir` and bundled into `outDir`.
 */
export async function buildPage(
  srcDir: string,
  outDir: string,
  files: Record<string, string>,
): Promise<void> {
  mkdirSync(srcDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(srcDir, name), text);
  writeFileSync(
    join(srcDir, "index.html"),
    '<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>',
  );
  await build({
    configFile: false,
    root: srcDir,
    logLevel: "error",
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 100_000 },
    worker: { format: "es" },
  });
}

/** The classifier's files at the paths the app serves them: model, image bank, TF.js wasm. */
export const CLASSIFIER_MOUNTS: Record<string, string> = {
  "/model/": join(ROOT, "classifier/model"),
  "/bank/": join(ROOT, "classifier/bank"),
  "/wasm/": join(ROOT, "node_modules/@tensorflow/tfjs-backend-wasm/dist"),
};

export interface Served {
  url: string;
  /** Bytes served per path, for the benchmark's transfer figures. */
  served: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Serves `dir` on 127.0.0.1 with the same isolation headers as `npm run web`; `mounts` serve
 * other folders under their path prefixes (e.g. `CLASSIFIER_MOUNTS`).
 */
export async function serveDir(dir: string, mounts: Record<string, string> = {}): Promise<Served> {
  const served = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const prefix = Object.keys(mounts).find((m) => path.startsWith(m));
    const root = normalize(prefix ? mounts[prefix]! : dir);
    const inRoot = prefix ? path.slice(prefix.length) : path;
    const file = normalize(join(root, inRoot.endsWith("/") ? `${inRoot}index.html` : inRoot));
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(file);
      served.set(path, body.length);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-embedder-policy": "require-corp",
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    served,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export interface Launched {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium headless at 1280x720 with a fresh profile. */
export async function launch(options: { locale?: string } = {}): Promise<Launched> {
  const profile = mkdtempSync(join(tmpdir(), "robotyc-app-"));
  const browser = await launchChromium(profile, PAGE_ARGS);
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    locale: options.locale ?? "fr-FR",
    acceptDownloads: true,
  });
  return {
    browser,
    context,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** A temporary folder under the repository's tmp/ (git-ignored), removed by the caller. */
export function workDir(name: string): string {
  const dir = join(ROOT, "tmp", `${name}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}
