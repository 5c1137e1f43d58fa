/**
 * Synthetic renders of the simulator's item catalogue: three.js in headless Chromium
 * (render-scene.ts, with the arena view's item meshes), seeded pose, lighting, background and camera jitter per (item, variant).
 *
 *   node --import tsx tools/classifier/render-cli.ts dataset [--per-item N]   → .cache/classifier/synth.*
 *   node --import tsx tools/classifier/render-cli.ts bank                     → classifier/bank/
 *
 * Variant numbers decide the split, so test renders are variants never seen in training:
 * 0..N-1 train, 10000+ val, 20000+ test, 30000+ image bank.
 */
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { CATALOGUE, isWasteKind, type CatalogueItem } from "../../simulator/index.ts";
import {
  CLASSES,
  hashString,
  INPUT_SIZE,
  toInputBytes,
  type PixelImage,
} from "../../classifier/index.ts";
import { ROOT, writeDataset, type DatasetEntry, type Split } from "./dataset.ts";

export const VARIANT_BASE: Record<Split | "bank", number> = {
  train: 0,
  val: 10000,
  test: 20000,
  bank: 30000,
};

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--enable-unsafe-swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

/** Debian's Chromium, headless, on a fresh profile folder; `extraArgs` beside our flags. */
export function launchChromium(
  profile: string,
  extraArgs: readonly string[] = [],
): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    ignoreDefaultArgs: true,
    args: [
      ...CHROMIUM_ARGS,
      ...extraArgs,
      "--remote-debugging-pipe",
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    timeout: 60_000,
  });
}

export function renderSeed(itemId: string, variant: number): number {
  return hashString(`${itemId}#${variant}`);
}

/**
 * Bundles the render page (three.js and the arena's item meshes) with Vite into `dir`, once per
 * renderer, and serves it.
 */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  await build({
    configFile: false,
    logLevel: "error",
    root: dir,
    build: {
      outDir: join(dir, "dist"),
      lib: {
        entry: join(ROOT, "tools/classifier/render-scene.ts"),
        formats: ["es"],
        fileName: () => "scene.js",
      },
    },
  });
  const files: Record<string, [string, string]> = {
    "/": ["text/html", ""],
    "/scene.js": ["text/javascript", join(dir, "dist", "scene.js")],
  };
  const page = `<!doctype html><html><body style="margin:0">
<script type="module" src="/scene.js"></script></body></html>`;
  const server = createServer((req, res) => {
    const entry = files[req.url ?? ""];
    if (!entry) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": entry[0] });
    res.end(entry[1] ? readFileSync(entry[1]) : page);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/` });
    }),
  );
}

/** A running renderer: call `render` with jobs, then `close`. */
export async function openRenderer(): Promise<{
  render(jobs: { item: CatalogueItem; variant: number }[]): Promise<PixelImage[]>;
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), "robotyc-render-"));
  const { server, url } = await serve(profile);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium(profile);
    const page: Page = await (await browser.newContext()).newPage();
    await page.goto(url);
    await page.waitForFunction(
      () => (globalThis as { renderReady?: boolean }).renderReady === true,
    );
    const size = await page.evaluate(
      () => (globalThis as unknown as { renderSize: number }).renderSize,
    );
    const b = browser;
    return {
      async render(jobs) {
        const payload = jobs.map((j) => ({ item: j.item, seed: renderSeed(j.item.id, j.variant) }));
        const base64 = await page.evaluate(
          (list) =>
            (globalThis as unknown as { renderItems(l: unknown): string }).renderItems(list),
          payload,
        );
        const bytes = new Uint8Array(Buffer.from(base64, "base64"));
        const stride = size * size * 4;
        return jobs.map((_, i) => ({
          width: size,
          height: size,
          data: bytes.subarray(i * stride, (i + 1) * stride),
          channels: 4 as const,
        }));
      },
      async close() {
        await b.close();
        server.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

export const WASTE_ITEMS = CATALOGUE.filter((item) => isWasteKind(item.kind));

/**
 * Renders per item and split for the shipped model's dataset. The test variants (20000..20023)
 * are those the first model was tested on; val has more variants than before so choices
 * between candidates rest on more than a dozen renders per item.
 */
export const RENDER_COUNTS: Record<Split, number> = { train: 240, val: 40, test: 24 };

export async function renderDataset(
  counts: Record<Split, number>,
  name = "synth",
  items: readonly CatalogueItem[] = WASTE_ITEMS,
): Promise<number> {
  const renderer = await openRenderer();
  const entries: DatasetEntry[] = [];
  const pixels: Uint8Array[] = [];
  try {
    for (const item of items) {
      for (const split of ["train", "val", "test"] as const) {
        const jobs = Array.from({ length: counts[split] }, (_, i) => ({
          item,
          variant: VARIANT_BASE[split] + i,
        }));
        for (let i = 0; i < jobs.length; i += 40) {
          const images = await renderer.render(jobs.slice(i, i + 40));
          images.forEach((image, k) => {
            const job = jobs[i + k]!;
            pixels.push(toInputBytes(image));
            entries.push({
              id: `${item.id}#${job.variant}`,
              item: item.id,
              label: CLASSES.indexOf(item.kind as (typeof CLASSES)[number]),
              split,
            });
          });
        }
      }
    }
  } finally {
    await renderer.close();
  }
  writeDataset(
    name,
    {
      size: INPUT_SIZE,
      count: entries.length,
      entries,
      splitRule: `renders of ${items.length} catalogue items; variants 0..${counts.train - 1} train, 10000.. val, 20000.. test (unseen variants)`,
    },
    pixels,
  );
  return entries.length;
}
