/**
 * The Blocks editor in a real Chromium: a small page built by Vite injects it, with Blockly's
 * media served by the page itself. The toolbox has its seven categories in French (English on
 * request), a block is inserted from the keyboard alone, no request leaves the page, axe finds
 * no critical problem, and TypeScript → Blocks in the page gives what it gives in Node.
 */
import AxeBuilder from "@axe-core/playwright";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import ts from "typescript";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blocksToTypeScript, typeScriptToBlocks } from "../convert/index.ts";

const repo = resolve(fileURLToPath(import.meta.url), "../../../../..");
const work = join(repo, "tmp", `blocks-browser-${process.pid}`);
const dist = join(work, "dist");

const MAIN = `
import { createBlocksEditor } from "../../desktop/renderer/editors/blocks/index.ts";
const params = new URLSearchParams(location.search);
const changes = [];
const editor = createBlocksEditor(document.getElementById("blocks"), {
  locale: params.get("lang") === "en" ? "en" : "fr",
  rtl: params.has("rtl"),
  media: "./media/",
  onChange: ({ code }) => changes.push(code),
});
Object.assign(window, { editor, changes });
`;
const HTML = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Blocs</title></head><body><main><h1>Blocs</h1>
<div id="blocks" style="width: 1000px; height: 620px"></div></main>
<script type="module" src="./main.js"></script></body></html>`;
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".svg": "image/svg+xml",
  ".mp3": "audio/mpeg",
  ".cur": "image/x-icon",
  ".png": "image/png",
  ".gif": "image/gif",
};

let server: Server;
let browser: Browser;
let context: BrowserContext;
let origin: string;
/** Every request a page made, by page. */
const requests = new Map<Page, string[]>();

type Win = {
  editor: {
    workspace: { getAllBlocks(ordered: boolean): { type: string; id: string }[]; RTL: boolean };
    fromTypeScript(source: string): Promise<{ codeBlocks: number }>;
    toTypeScript(): { code: string };
    blockForLine(line: number): string | null;
    showError(id: string, message: string | null): void;
    highlightBlock(id: string | null): void;
    setLocale(locale: "fr" | "en"): void;
  };
  changes: string[];
};

async function open(query = ""): Promise<Page> {
  const page = await context.newPage();
  const seen: string[] = [];
  requests.set(page, seen);
  page.on("request", (r) => seen.push(r.url()));
  await page.goto(`${origin}/${query}`);
  await page.waitForFunction(() => (window as unknown as Partial<Win>).editor);
  return page;
}

const categories = (page: Page) => page.locator(".blocklyToolboxCategoryLabel").allTextContents();
const blockTypes = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as Win).editor.workspace.getAllBlocks(false).map((b) => b.type),
  );

beforeAll(async () => {
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, "main.js"), MAIN);
  writeFileSync(join(work, "index.html"), HTML);
  await build({
    root: work,
    base: "./",
    logLevel: "error",
    configFile: false,
    build: { outDir: dist, emptyOutDir: true, chunkSizeWarningLimit: 100_000 },
  });
  // What the app's build does too: Blockly's media, served by the app itself.
  cpSync(join(repo, "node_modules", "blockly", "media"), join(dist, "media"), { recursive: true });
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
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
  // axe wants pages of a context made with newContext().
  context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
  rmSync(work, { recursive: true, force: true });
});

describe("the Blocks editor in Chromium", () => {
  it("shows the seven categories in French, and in English when asked", async () => {
    const fr = await open();
    expect(await categories(fr)).toEqual([
      "Mouvement",
      "Capteurs",
      "Pince et tri",
      "Contrôle",
      "Opérateurs",
      "Variables",
      "Fonctions",
    ]);
    await fr.close();
    const en = await open("?lang=en");
    expect(await categories(en)).toEqual([
      "Movement",
      "Sensors",
      "Gripper and sorting",
      "Control",
      "Operators",
      "Variables",
      "Functions",
    ]);
    await en.close();
  });

  it("inserts a block from the keyboard alone, labelled in French", async () => {
    const page = await open();
    const focused = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        return `${a?.getAttribute("role")}: ${a?.getAttribute("aria-label") ?? a?.textContent ?? ""}`;
      });
    await page.keyboard.press("Tab"); // into the toolbox: « Mouvement »
    await expect.poll(focused).toMatch(/^treeitem: Mouvement/);
    await page.keyboard.press("ArrowRight"); // into its flyout: the first block
    await expect.poll(focused).toMatch(/^option: avancer de, 20, cm/);
    await page.keyboard.press("Enter"); // insert it
    await expect.poll(() => blockTypes(page)).toContain("robot_forward");
    await page.keyboard.press("Enter"); // and leave it where it is
    await expect
      .poll(() => page.evaluate(() => (window as unknown as Win).changes.at(-1)))
      .toBe("await robot.forward(20);\n");
    // Blockly's own blocks speak French too (blockly/msg/fr).
    await page.getByRole("treeitem", { name: "Contrôle" }).click();
    await expect
      .poll(() => page.locator(".blocklyFlyout .blocklyText").allTextContents())
      .toContain("répéter");
    // « Fonctions »: Blockly's function blocks, then our « retourner ».
    await page.getByRole("treeitem", { name: "Fonctions" }).click();
    // (Blockly writes spaces as non-breaking ones.)
    const words = async () =>
      (await page.locator(".blocklyFlyout .blocklyText").allTextContents()).map((t) =>
        t.replace(/\u00a0/g, " "),
      );
    await expect.poll(words).toEqual(expect.arrayContaining(["retourner", "faire quelque chose"]));
    const flyout = await page.evaluate(() => {
      type Ws = { getTopBlocks(): { type: string }[] };
      const ws = (window as unknown as Win).editor.workspace as unknown as {
        getToolbox(): { getFlyout(): { getWorkspace(): Ws } };
      };
      return ws
        .getToolbox()
        .getFlyout()
        .getWorkspace()
        .getTopBlocks()
        .map((b) => b.type);
    });
    expect(flyout).toEqual(expect.arrayContaining(["procedures_defnoreturn", "robotyc_return"]));
    await page.close();
  });

  it("has no critical or serious accessibility violation, toolbox and blocks (axe)", async () => {
    const page = await open();
    const results = await new AxeBuilder({ page }).analyze();
    const grave = (r: typeof results) =>
      r.violations
        .filter((v) => v.impact === "critical" || v.impact === "serious")
        .map((v) => `${v.impact} ${v.id}: ${v.help}`);
    expect(grave(results)).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(10);
    // With a program's blocks on the workspace too (pictograms, « code » blocks, comments).
    await page.evaluate(
      async (src) => {
        await (window as unknown as Win).editor.fromTypeScript(src);
      },
      readFileSync(join(repo, "challenges/pack/trieur-4-classer/solution.ts"), "utf8"),
    );
    expect(grave(await new AxeBuilder({ page }).analyze())).toEqual([]);
    await page.close();
  });

  it("turns TypeScript into blocks as in Node, and maps a line back to its block", async () => {
    const page = await open();
    const source = readFileSync(join(repo, "challenges/pack/trieur-5-finale/solution.ts"), "utf8");
    const expected = blocksToTypeScript(typeScriptToBlocks(source, ts).state).code;
    const code = await page.evaluate(async (src) => {
      const { editor } = window as unknown as Win;
      await editor.fromTypeScript(src);
      return editor.toTypeScript().code;
    }, source);
    expect(code).toBe(expected);
    const line = expected.split("\n").findIndex((l) => l.trim() === "await robot.grab();") + 1;
    const shown = await page.evaluate((line) => {
      const { editor } = window as unknown as Win;
      const id = editor.blockForLine(line)!;
      editor.showError(id, "Erreur ici");
      editor.highlightBlock(id);
      const block = editor.workspace.getAllBlocks(false).find((b) => b.id === id) as unknown as {
        type: string;
        getIcon(type: string): unknown;
      };
      return { type: block.type, warned: !!block.getIcon("warning") };
    }, line);
    expect(shown).toEqual({ type: "robot_grab_do", warned: true });
    // The app heard of the new blocks; another language keeps them all.
    expect(await page.evaluate(() => (window as unknown as Win).changes.at(-1))).toBe(expected);
    await page.evaluate(() => (window as unknown as Win).editor.setLocale("en"));
    expect((await categories(page))[0]).toBe("Movement");
    expect(await page.evaluate(() => (window as unknown as Win).editor.toTypeScript().code)).toBe(
      expected,
    );
    await page.close();
  });

  it("lays out right to left when asked", async () => {
    const page = await open("?rtl");
    expect(await page.evaluate(() => (window as unknown as Win).editor.workspace.RTL)).toBe(true);
    expect(await page.locator(".blocklyRTL").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("fetches nothing from outside the page: Blockly's media come from the page's server", () => {
    const all = [...requests.values()].flat();
    const outside = all.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith("data:"));
    expect(outside).toEqual([]);
    expect(all.some((url) => url.startsWith(`${origin}/media/`))).toBe(true);
  });
});
