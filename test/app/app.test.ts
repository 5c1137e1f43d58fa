/**
 * The web app, built as `npm run web` builds it, in headless Chromium at 1280x720: the names a
 * pupil (and a screen reader) meets in French and English, the link that opens a challenge, the
 * TypeScript editor's markers with the compiler's French messages, work kept over a reload.
 * Screenshots of the whole app in both languages are kept in artifacts/app/.
 */
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  artifactPath,
  buildApp,
  HAS_CHROMIUM,
  launch,
  serveDir,
  workDir,
  type Launched,
  type Served,
  ROOT,
} from "./harness.ts";
import { decodePng, robotCentroid } from "./pixels.ts";
import { playReplay } from "../../simulator/index.ts";
import { compile } from "../../runtime/index.ts";
import { packChallenge, runChallenge } from "../../challenges/node.ts";

const work = workDir("app-test");
let served: Served | undefined;
let browser: Launched | undefined;

/** The app in a page of its own context: its own storage, as on a pupil's first visit. */
async function openApp(query = "", initScript?: () => void): Promise<Page> {
  const context = await browser!.browser.newContext({
    viewport: { width: 1280, height: 720 },
    locale: "fr-FR",
    acceptDownloads: true,
  });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on("close", () => void context.close());
  await page.goto(`${served!.url}${query}`);
  await page.getByRole("button", { name: /^(Lancer|Run)$/ }).waitFor();
  return page;
}

/** The app object the page exposes (read-only use: its state, never a shortcut around the UI). */
interface AppState {
  state: string;
  lastResult: {
    score: number;
    maxScore: number;
    trace?: { hash: string };
    replay?: unknown;
  } | null;
  stopClock: { asked: number; confirmed: number; lastFrame: number };
}
const appState = (page: Page) =>
  page.evaluate(() => {
    const app = (window as unknown as { robotyc: AppState }).robotyc;
    return {
      state: app.state,
      lastResult: app.lastResult
        ? {
            score: app.lastResult.score,
            maxScore: app.lastResult.maxScore,
            trace: app.lastResult.trace,
          }
        : null,
      stopClock: app.stopClock,
    };
  });

/** Opens a program with « Ouvrir », as a pupil picks a file. */
async function openProgram(page: Page, name: string, text: string): Promise<void> {
  const file = join(work, name);
  writeFileSync(file, text);
  await page.locator("#open-file").setInputFiles(file);
  await page
    .getByText(new RegExp(`(Programme ouvert|Program opened) : ${name}|: ${name}`))
    .waitFor();
}

/** The simulated time the timer shows (« Temps : 1,3 s / 20 s »). */
async function simTime(page: Page): Promise<number> {
  const text = (await page.locator(".timer").textContent()) ?? "";
  return Number(/([\d,.]+) s/.exec(text)?.[1]?.replace(",", ".") ?? NaN);
}

async function simTimeAtLeast(page: Page, seconds: number): Promise<void> {
  await expect
    .poll(() => simTime(page), { timeout: 60_000, interval: 50 })
    .toBeGreaterThanOrEqual(seconds);
}

async function waitReady(page: Page): Promise<void> {
  await page
    .locator("#run-status")
    .filter({ hasText: /Prêt|Ready/ })
    .waitFor({ timeout: 90_000 });
}

async function finished(page: Page, timeout = 120_000): Promise<string> {
  const status = page.getByRole("status").filter({ hasText: /Score ?: \d+ \/ \d+/ });
  await status.waitFor({ timeout });
  return (await status.textContent()) ?? "";
}

/** Waits until the arena has drawn every change so far (it draws in a render worker). */
const arenaDrawn = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { robotyc: { view: { drawn(): Promise<void> } } }).robotyc.view.drawn(),
  );

/** Where the arena draws: "worker" (an OffscreenCanvas in the render worker) or "page". */
const arenaMode = (page: Page) =>
  page.evaluate(async () => {
    const view = (window as unknown as { robotyc: { view: { ready: Promise<string> } } }).robotyc
      .view;
    return view.ready;
  });

/** The robot camera's picture, and how many distinct colours it has (a blank picture has one). */
const robotPicture = (page: Page) =>
  page.evaluate(async () => {
    const view = (
      window as unknown as {
        robotyc: { view: { robotCameraImage(): Promise<{ width: number; data: Uint8Array }> } };
      }
    ).robotyc.view;
    const image = await view.robotCameraImage();
    const colours = new Set<number>();
    for (let i = 0; i < image.data.length; i += 4) {
      colours.add((image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!);
    }
    return { width: image.width, colours: colours.size };
  });

/** How many pixels differ (by more than a hair) between two screenshots of the same size. */
function changedPixels(a: ReturnType<typeof decodePng>, b: ReturnType<typeof decodePng>): number {
  let changed = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const d =
      Math.abs(a.data[i]! - b.data[i]!) +
      Math.abs(a.data[i + 1]! - b.data[i + 1]!) +
      Math.abs(a.data[i + 2]! - b.data[i + 2]!);
    if (d > 30) changed++;
  }
  return changed;
}

/** The program the app holds (what « Lancer » runs and « Enregistrer » saves). */
const programText = (page: Page) =>
  page.evaluate(() => (window as unknown as { robotyc: { source: string } }).robotyc.source);

/**
 * Drags the `index`-th block of a toolbox category onto the workspace, with the mouse, as a pupil
 * does; `to` is relative to the workspace's top-left corner.
 */
async function dragBlock(
  page: Page,
  category: string,
  index: number,
  to: { x: number; y: number },
): Promise<void> {
  await page.getByRole("treeitem", { name: category, exact: true }).click();
  const block = page.locator(".blocklyFlyout .blocklyDraggable").nth(index);
  await block.waitFor();
  const from = (await block.boundingBox())!;
  const area = (await page.locator("#blocks-host .blocklySvg").first().boundingBox())!;
  await page.mouse.move(from.x + 12, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(area.x + to.x / 2, area.y + to.y / 2, { steps: 8 });
  await page.mouse.move(area.x + to.x, area.y + to.y, { steps: 8 });
  await page.mouse.up();
}

/** Edits a number field on the workspace (the one showing `from`) to `to`, with the keyboard. */
async function setBlockNumber(page: Page, from: string, to: string): Promise<void> {
  await page
    .locator("#blocks-host svg.blocklySvg .blocklyBlockCanvas .blocklyEditableField", {
      hasText: from,
    })
    .first()
    .click();
  const input = page.locator(".blocklyHtmlInput");
  await input.waitFor();
  await input.fill(to);
  await page.keyboard.press("Enter");
}

/** Replaces the program in the TypeScript editor by typing, as a pupil would. */
async function typeInEditor(page: Page, text: string): Promise<void> {
  const lines = page.locator(".monaco-editor .view-lines").first();
  await lines.waitFor({ timeout: 60_000 });
  await lines.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  // Inserted as one text, like a paste: Monaco would otherwise close each bracket a second time.
  await page.keyboard.insertText(text);
}

describe.skipIf(!HAS_CHROMIUM)("the web app in headless Chromium", () => {
  beforeAll(async () => {
    await buildApp(join(work, "dist"));
    served = await serveDir(join(work, "dist"));
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it(
    "names its controls in French, and in English with ?lang=en",
    { timeout: 240_000 },
    async () => {
      const fr = await openApp("?lang=fr");
      for (const name of [
        "Lancer",
        "Pause",
        "Pas à pas",
        "Réinitialiser",
        "Ouvrir",
        "Enregistrer",
      ]) {
        await expect(fr.getByRole("button", { name, exact: true }).count()).resolves.toBe(1);
      }
      for (const name of ["Blocs", "TypeScript"]) {
        await expect(fr.getByRole("tab", { name, exact: true }).count()).resolves.toBe(1);
      }
      expect(await fr.evaluate(() => document.documentElement.lang)).toBe("fr");
      await fr.screenshot({ path: artifactPath("app-fr.png") });

      const en = await openApp("?lang=en");
      for (const name of ["Run", "Pause", "Step", "Reset", "Open", "Save"]) {
        await expect(en.getByRole("button", { name, exact: true }).count()).resolves.toBe(1);
      }
      for (const name of ["Blocks", "TypeScript"]) {
        await expect(en.getByRole("tab", { name, exact: true }).count()).resolves.toBe(1);
      }
      expect(await en.evaluate(() => document.documentElement.lang)).toBe("en");
      await en.screenshot({ path: artifactPath("app-en.png") });

      // Switching the language in the page renames everything at once.
      await en.getByLabel("Language").selectOption("fr");
      await en.getByRole("button", { name: "Lancer", exact: true }).waitFor();
      await Promise.all([fr.close(), en.close()]);
    },
  );

  it(
    "marks a type error in the TypeScript editor with the compiler's French message",
    { timeout: 240_000 },
    async () => {
      const page = await openApp("?lang=fr");
      await page.getByRole("tab", { name: "TypeScript" }).click();
      await typeInEditor(page, 'const n: number = "dix";\n');
      const problem = page.locator(".problems li").first();
      await problem.waitFor({ timeout: 60_000 });
      const text = await problem.textContent();
      // The compiler's own French message, as `robotyc check` prints it, on line 1.
      const expected = compile('const n: number = "dix";\n', { locale: "fr" }).diagnostics[0]!;
      expect(expected.line).toBe(1);
      expect(text).toBe(`Erreur ligne 1 : ${expected.message}`);
      await page.locator(".squiggly-error").first().waitFor({ timeout: 30_000 });
      await page.close();
    },
  );

  it("keeps the work in progress over a reload", { timeout: 240_000 }, async () => {
    const page = await openApp("?lang=fr&challenge=trieur-1-zone");
    await page.getByRole("tab", { name: "TypeScript" }).click();
    await typeInEditor(page, "// gardé\nawait robot.forward(12);\n");
    await page.waitForTimeout(600);
    await page.reload();
    await page.locator(".monaco-editor .view-lines").first().waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.locator(".monaco-editor .view-lines").first().textContent(), {
        timeout: 30_000,
      })
      .toMatch(/gardé/);
    await page.close();
  });

  it(
    "a pupil builds level 1 from blocks by drag and drop, runs it, sees the robot drive east and the score",
    { timeout: 240_000 },
    async () => {
      const page = await openApp("?lang=fr&challenge=trieur-1-zone&seed=1");
      await waitReady(page);
      await page.getByRole("button", { name: "Dessus", exact: true }).click();
      await arenaDrawn(page);
      const arena = page.locator(".arena");
      const before = decodePng(await arena.screenshot());
      await dragBlock(page, "Mouvement", 0, { x: 260, y: 200 });
      await setBlockNumber(page, "20", "70");
      await expect.poll(() => programText(page)).toBe("await robot.forward(70);\n");
      await page.locator("#speed").selectOption("0.5");
      // Every text the score takes, to see the live score while the robot drives.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { scoreTexts: string[] }).scoreTexts = seen;
        const score = document.getElementById("score")!;
        new MutationObserver(() => seen.push(score.textContent ?? "")).observe(score, {
          childList: true,
          characterData: true,
          subtree: true,
        });
      });
      await page.getByRole("button", { name: "Lancer", exact: true }).click();
      // Twice during the run, a moment of simulated time apart: the canvas changes between frames.
      await simTimeAtLeast(page, 0.4);
      const during1 = decodePng(await arena.screenshot());
      const t1 = await simTime(page);
      await simTimeAtLeast(page, t1 + 0.3);
      const during2 = decodePng(await arena.screenshot());
      // While it runs, the block that is running is lit (its one block), and no longer after.
      const lit = () =>
        page.evaluate(() =>
          (
            window as unknown as {
              robotyc: { blocks: { workspace: import("blockly").WorkspaceSvg } };
            }
          ).robotyc.blocks.workspace
            .getAllBlocks(false)
            .filter((b) => b.getSvgRoot().classList.contains("blocklyHighlighted"))
            .map((b) => b.type),
        );
      const litDuring = await lit();
      const text = await finished(page);
      await arenaDrawn(page);
      const after = decodePng(await arena.screenshot());
      await arena.screenshot({ path: artifactPath("arena-fr.png") });
      await page.screenshot({ path: artifactPath("app-run-fr.png") });
      expect(text).toContain("Score : 40 / 40");
      expect(litDuring).toHaveLength(1);
      const scoreTexts = await page.evaluate(
        () => (window as unknown as { scoreTexts: string[] }).scoreTexts,
      );
      expect(scoreTexts.some((s) => /^Score en cours : \d+ \/ 40$/.test(s))).toBe(true);
      expect(scoreTexts.at(-1)).toBe("Score : 40 / 40");
      await expect.poll(lit).toEqual([]);
      expect(changedPixels(during1, during2)).toBeGreaterThan(100);
      // Drawn by the render worker on an OffscreenCanvas: the page's thread never waited for it.
      await expect(arenaMode(page)).resolves.toBe("worker");
      const a = robotCentroid(before);
      const m1 = robotCentroid(during1);
      const m = robotCentroid(during2);
      expect(m.x).toBeGreaterThan(m1.x);
      const b = robotCentroid(after);
      expect(a.count).toBeGreaterThan(100);
      // East is to the right in the top view: the robot's pixels move right, and no more than a hair up or down.
      expect(m.x).toBeGreaterThan(a.x + 20);
      expect(b.x - a.x).toBeGreaterThan(before.width * 0.35);
      expect(Math.abs(b.y - a.y)).toBeLessThan(before.height * 0.05);
      await expect(page.locator(".breakdown li").first().textContent()).resolves.toMatch(
        /\+30 zone de collecte/,
      );
      await page.close();
    },
  );

  it(
    "gives the same score and trace hash as `npx robotyc run` for the same program and seed",
    { timeout: 240_000 },
    async () => {
      const program = readFileSync(
        join(ROOT, "challenges/pack/trieur-2-pousser/solution.ts"),
        "utf8",
      );
      const file = join(work, "pousser.ts");
      writeFileSync(file, program);
      const replayFile = join(work, "pousser-replay.json");
      const cli = promisify(execFile)(
        process.execPath,
        [
          join(ROOT, "cli/robotyc.mjs"),
          "run",
          file,
          "--challenge",
          "trieur-2-pousser",
          "--seed",
          "3",
          "--json",
          "--replay",
          replayFile,
        ],
        { cwd: ROOT },
      );
      const page = await openApp("?lang=fr&challenge=trieur-2-pousser&seed=3");
      await waitReady(page);
      await openProgram(page, "pousser.ts", program);
      await page.locator("#speed").selectOption("8");
      await page.getByRole("button", { name: "Lancer", exact: true }).click();
      const text = await finished(page, 180_000);
      const { stdout } = await cli;
      const node = JSON.parse(stdout) as { score: number; maxScore: number };
      const nodeHash = playReplay(JSON.parse(readFileSync(replayFile, "utf8"))).hash;
      const app = (await appState(page)).lastResult!;
      expect(text).toContain(`Score : ${node.score} / ${node.maxScore}`);
      expect(app.score).toBe(node.score);
      expect(app.trace?.hash).toBe(nodeHash);
      await page.close();
    },
  );

  it(
    "highlights the line of a runtime error and says what went wrong",
    { timeout: 240_000 },
    async () => {
      const page = await openApp("?lang=fr&challenge=trieur-1-zone&seed=1");
      await waitReady(page);
      await page.getByRole("tab", { name: "TypeScript" }).click();
      await typeInEditor(
        page,
        'await robot.forward(5);\nconst n = Number("vingt");\nawait robot.forward(n);\n',
      );
      await page.getByRole("button", { name: "Lancer", exact: true }).click();
      await finished(page);
      const error = page.locator(".console .error").first();
      await expect(error.textContent()).resolves.toMatch(/^Erreur ligne 3 : /);
      // The editor marks line 3 (the decoration sits on the line's row).
      const marked = page.locator(".code-line-error");
      await marked.first().waitFor();
      const rowTop = await marked.first().evaluate((el) => el.getBoundingClientRect().top);
      const line3Top = await page
        .locator(".monaco-editor .line-numbers", { hasText: /^3$/ })
        .first()
        .evaluate((el) => el.getBoundingClientRect().top);
      expect(Math.abs(rowTop - line3Top)).toBeLessThan(3);
      // The same program as blocks: the error goes on the block that made line 3.
      await page.getByRole("tab", { name: "Blocs" }).click();
      await page.getByRole("button", { name: "Lancer", exact: true }).click();
      // The first run's score is gone as soon as the second starts (it is not this run's).
      const scored = page.getByRole("status").filter({ hasText: /Score ?: \d+ \/ \d+/ });
      await expect(scored.count()).resolves.toBe(0);
      await finished(page);
      const warned = await page.evaluate(() => {
        type Block = { type: string; getIcons(): { getType(): { toString(): string } }[] };
        const ws = (
          window as unknown as {
            robotyc: { blocks: { workspace: { getAllBlocks(o: boolean): Block[] } } };
          }
        ).robotyc.blocks.workspace;
        return ws
          .getAllBlocks(true)
          .filter((b) => b.getIcons().some((i) => i.getType().toString() === "warning"))
          .map((b) => b.type);
      });
      expect(warned).toEqual(["robot_forward"]);
      await page.close();
    },
  );

  it("stops an 8x run within 100 ms of « Arrêter »", { timeout: 240_000 }, async () => {
    const page = await openApp("?lang=fr&challenge=practice:voiture-autonome&seed=1");
    await waitReady(page);
    await page.getByRole("tab", { name: "TypeScript" }).click();
    await typeInEditor(
      page,
      "robot.setSpeed(80);\nwhile (true) {\n  await robot.forward(30);\n  await robot.turnLeft(90);\n}\n",
    );
    await page.locator("#speed").selectOption("8");
    await page.getByRole("button", { name: "Lancer", exact: true }).click();
    await page.locator("#run-status").filter({ hasText: "Le robot roule" }).waitFor();
    await page.waitForTimeout(1500);
    await page.getByRole("button", { name: "Arrêter", exact: true }).click();
    await expect
      .poll(async () => (await appState(page)).stopClock.confirmed, { timeout: 5000 })
      .toBeGreaterThan(0);
    const { stopClock } = await appState(page);
    // The world moved for the last time less than 100 ms after the click (a frame is 6 ticks:
    // at 8x, about 6 ms of wall time, so a world still running would have left later frames).
    expect(stopClock.lastFrame - stopClock.asked).toBeLessThan(100);
    // And the run was over, cleaned up and reported, soon after.
    expect(stopClock.confirmed - stopClock.asked).toBeLessThan(1500);
    const timer = await page.locator(".timer").textContent();
    await page.waitForTimeout(500);
    await expect(page.locator(".timer").textContent()).resolves.toBe(timer);
    await expect(
      page.getByRole("button", { name: "Lancer", exact: true }).isEnabled(),
    ).resolves.toBe(true);
    await page.close();
  });

  it(
    "ends an infinite loop and a memory bomb with their messages; the page stays responsive",
    { timeout: 240_000 },
    async () => {
      const page = await openApp("?lang=fr&challenge=trieur-1-zone&seed=1");
      await waitReady(page);
      await page.getByRole("tab", { name: "TypeScript" }).click();
      for (const [program, message] of [
        ["let n = 0;\nwhile (true) {\n  n++;\n}\n", /boucle|instructions/i],
        ['let s = "x";\nwhile (true) {\n  s += s;\n}\n', /mémoire/i],
      ] as const) {
        await typeInEditor(page, program);
        await page.getByRole("button", { name: "Lancer", exact: true }).click();
        // While the sandbox works in its worker, the page still answers the pupil: the camera
        // switches, and back. (Main-thread task lengths are measured in bench/, not here.)
        await page.locator("#run-status").filter({ hasText: "Le robot roule" }).waitFor();
        for (const name of ["Dessus", "Suivre"]) {
          const button = page.getByRole("button", { name, exact: true });
          await button.click({ timeout: 5000 });
          await expect
            .poll(() => button.getAttribute("aria-pressed"), { timeout: 5000 })
            .toBe("true");
        }
        await finished(page);
        await expect(page.locator(".console .error").first().textContent()).resolves.toMatch(
          message,
        );
        await page.getByRole("button", { name: "Réinitialiser", exact: true }).click();
        await waitReady(page);
      }
      await page.close();
    },
  );

  it(
    "replays the last run with a timeline: scrub, sensor values at each moment",
    { timeout: 240_000 },
    async () => {
      const page = await openApp("?lang=en&challenge=trieur-1-zone&seed=1");
      await waitReady(page);
      await page.getByRole("tab", { name: "TypeScript" }).click();
      await typeInEditor(
        page,
        "robot.setSpeed(100);\nprint(robot.distance());\nawait robot.forward(70);\n",
      );
      await page.locator("#speed").selectOption("4");
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await finished(page);
      await page.screenshot({ path: artifactPath("app-run-en.png") });
      await page.locator(".arena").screenshot({ path: artifactPath("arena-en.png") });
      await page.getByRole("button", { name: "Watch the run again", exact: true }).click();
      const slider = page.getByRole("slider", { name: "Moment of the run" });
      await slider.waitFor();
      const max = Number(await slider.getAttribute("max"));
      expect(max).toBeGreaterThan(20);
      await slider.fill(String(Math.round(max / 2)));
      await expect(page.locator(".timeline .readout").textContent()).resolves.toMatch(
        /Distance: [\d.]+ cm/,
      );
      // Halfway, the robot is driving: the program is at its third line, lit in the editor.
      await expect(page.locator(".timeline .readout").textContent()).resolves.toContain(
        "Running line: 3",
      );
      await expect.poll(() => page.locator(".monaco-editor .code-line-running").count()).toBe(1);
      await page.getByRole("button", { name: "Top", exact: true }).click();
      await arenaDrawn(page);
      const middle = robotCentroid(decodePng(await page.locator(".arena").screenshot()));
      await slider.fill(String(max));
      await arenaDrawn(page);
      const end = robotCentroid(decodePng(await page.locator(".arena").screenshot()));
      expect(end.x).toBeGreaterThan(middle.x + 10);
      await page.close();
    },
  );

  it(
    "draws in a render worker: the robot camera's corner, the free camera by mouse and keyboard",
    { timeout: 240_000 },
    async () => {
      const page = await openApp("?lang=fr&challenge=trieur-2-pousser&seed=1");
      await waitReady(page);
      await expect(arenaMode(page)).resolves.toBe("worker");
      // The worker knows it draws in software here (SwiftShader): no shadows, simpler materials.
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              (window as unknown as { robotyc: { view: { quality: number } } }).robotyc.view
                .quality,
          ),
        )
        .toBe(2);
      const picture = await robotPicture(page);
      expect(picture.width).toBe(96);
      expect(picture.colours).toBeGreaterThan(20);
      // The corner shows it too (drawn by the worker in its own OffscreenCanvas).
      const corner = decodePng(await page.locator(".robot-camera").screenshot());
      const cornerColours = new Set<number>();
      for (let i = 0; i < corner.data.length; i += 4) {
        cornerColours.add(
          (corner.data[i]! << 16) | (corner.data[i + 1]! << 8) | corner.data[i + 2]!,
        );
      }
      expect(cornerColours.size).toBeGreaterThan(20);
      await page.getByRole("button", { name: "Libre", exact: true }).click();
      await arenaDrawn(page);
      const canvas = page.locator(".arena-canvas");
      const start = decodePng(await canvas.screenshot());
      // A drag turns the camera around the table (the page forwards it to the worker).
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.7);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height * 0.7, { steps: 6 });
      await page.mouse.up();
      await arenaDrawn(page);
      const turned = decodePng(await canvas.screenshot());
      expect(changedPixels(start, turned)).toBeGreaterThan(box.width * box.height * 0.05);
      // The keyboard too: the canvas takes the focus, + zooms in.
      await canvas.focus();
      for (let i = 0; i < 4; i++) await page.keyboard.press("+");
      await arenaDrawn(page);
      const zoomed = decodePng(await canvas.screenshot());
      expect(changedPixels(turned, zoomed)).toBeGreaterThan(box.width * box.height * 0.05);
      await page.close();
    },
  );

  it(
    "draws on the page's thread where a worker cannot draw (a browser without OffscreenCanvas)",
    { timeout: 240_000 },
    async () => {
      const page = await openApp("?lang=fr&challenge=trieur-1-zone&seed=1", () => {
        Object.defineProperty(HTMLCanvasElement.prototype, "transferControlToOffscreen", {
          value: undefined,
        });
      });
      await waitReady(page);
      await expect(arenaMode(page)).resolves.toBe("page");
      await page.getByRole("button", { name: "Dessus", exact: true }).click();
      await arenaDrawn(page);
      const before = robotCentroid(decodePng(await page.locator(".arena").screenshot()));
      expect(before.count).toBeGreaterThan(100);
      await expect(robotPicture(page).then((p) => p.colours)).resolves.toBeGreaterThan(20);
      await openProgram(page, "tout-droit.ts", "robot.setSpeed(100);\nawait robot.forward(70);\n");
      await page.locator("#speed").selectOption("4");
      await page.getByRole("button", { name: "Lancer", exact: true }).click();
      await expect(finished(page)).resolves.toContain("Score : 40 / 40");
      await arenaDrawn(page);
      const after = robotCentroid(decodePng(await page.locator(".arena").screenshot()));
      expect(after.x).toBeGreaterThan(before.x + 100);
      await page.close();
    },
  );

  it(
    "shows the whole breakdown at the end of a run without scrolling at 1280x720, in French and English",
    { timeout: 240_000 },
    async () => {
      const page = await openApp("?lang=fr&challenge=trieur-3-couleurs&seed=1");
      await waitReady(page);
      const solution = readFileSync(
        join(ROOT, "challenges/pack/trieur-3-couleurs/solution.ts"),
        "utf8",
      );
      await openProgram(page, "trieur-3.ts", solution);
      await page.locator("#speed").selectOption("8");
      await page.getByRole("button", { name: "Lancer", exact: true }).click();
      await expect(finished(page)).resolves.toContain("Score : 50 / 50");
      const card = page.getByRole("region", { name: "Détail des points" });
      /** Every line of the breakdown lies inside the window and inside its card, nothing scrolled. */
      const allInView = () =>
        page.evaluate(() => {
          const card = document.querySelector(".results")!;
          const box = card.getBoundingClientRect();
          const items = [...card.querySelectorAll(".breakdown li")].map((li) =>
            li.getBoundingClientRect(),
          );
          return {
            lines: items.length,
            scrolls: card.scrollHeight > card.clientHeight + 1,
            inside: items.every(
              (r) =>
                r.height > 0 &&
                r.top >= box.top &&
                r.bottom <= box.bottom + 0.5 &&
                r.bottom <= window.innerHeight &&
                r.right <= window.innerWidth,
            ),
          };
        });
      await expect(allInView()).resolves.toEqual({ lines: 5, scrolls: false, inside: true });
      await expect(card.textContent()).resolves.toContain("+10 bonus de temps");
      await page.screenshot({ path: artifactPath("app-result-fr.png") });
      // The English strings, in the same card.
      await page.locator("#language").selectOption("en");
      const cardEn = page.getByRole("region", { name: "Points in detail" });
      await expect(cardEn.textContent()).resolves.toMatch(/Score: 50 \/ 50.*time bonus/);
      await expect(allInView()).resolves.toEqual({ lines: 5, scrolls: false, inside: true });
      await page.screenshot({ path: artifactPath("app-result-en.png") });
      // Escape puts it away (the keyboard reaches it: its close button takes the focus).
      await page.getByRole("button", { name: "Close the points in detail" }).focus();
      await page.keyboard.press("Escape");
      await expect(cardEn.isHidden()).resolves.toBe(true);
      // The pack's longest breakdown (the final, 13 lines), from its replay file, in French.
      const finale = await runChallenge({
        source: readFileSync(join(ROOT, "challenges/pack/trieur-5-finale/solution.ts"), "utf8"),
        challenge: packChallenge("trieur-5-finale"),
        seed: 1,
        locale: "fr",
        record: true,
      });
      const file = join(work, "finale.json");
      writeFileSync(file, JSON.stringify(finale.replay));
      await page.locator("#language").selectOption("fr");
      await page.locator("#open-file").setInputFiles(file);
      await card.waitFor();
      await expect(allInView()).resolves.toEqual({
        lines: finale.breakdown.length,
        scrolls: false,
        inside: true,
      });
      expect(finale.breakdown.length).toBeGreaterThanOrEqual(13);
      await arenaDrawn(page);
      await page.screenshot({ path: artifactPath("app-result-finale-fr.png") });
      // Watching the replay puts it away.
      await page.getByRole("slider", { name: "Moment de la course" }).fill("10");
      await expect(card.isHidden()).resolves.toBe(true);
      await page.close();
    },
  );

  it(
    "opens a replay file (as a teacher gets it) and shows which line was running at each moment",
    { timeout: 240_000 },
    async () => {
      // The replay file `robotyc run --replay` writes: recorded in Node by the same runner.
      const source = "robot.setSpeed(100);\nprint(robot.distance());\nawait robot.forward(70);\n";
      const run = await runChallenge({
        source,
        challenge: packChallenge("trieur-1-zone"),
        seed: 1,
        locale: "fr",
        record: true,
      });
      const file = join(work, "course-eleve.json");
      writeFileSync(file, JSON.stringify(run.replay));
      const page = await openApp("?lang=fr&challenge=trieur-1-zone&seed=1");
      await waitReady(page);
      await page.locator("#open-file").setInputFiles(file);
      const slider = page.getByRole("slider", { name: "Moment de la course" });
      await slider.waitFor();
      const readout = page.locator(".timeline .readout");
      await expect(readout.textContent()).resolves.toContain("Ligne en cours : –");
      const max = Number(await slider.getAttribute("max"));
      await slider.fill(String(Math.round(max / 2)));
      // Halfway the robot drives: line 3, the forward() call, with the file's own program.
      await expect.poll(() => readout.textContent()).toContain("Ligne en cours : 3");
      await expect(
        page
          .getByRole("status")
          .filter({ hasText: /Score : \d+ \/ \d+/ })
          .textContent(),
      ).resolves.toContain(`Score : ${run.score} / ${run.maxScore}`);
      await page.close();
    },
  );

  it(
    "Blocks → TypeScript → edit → Blocks → TypeScript loses nothing",
    { timeout: 240_000 },
    async () => {
      const page = await openApp("?lang=fr&challenge=trieur-3-couleurs&seed=1");
      await waitReady(page);
      await dragBlock(page, "Mouvement", 0, { x: 220, y: 120 });
      await expect.poll(() => programText(page)).toBe("await robot.forward(20);\n");
      await page.getByRole("tab", { name: "TypeScript" }).click();
      const lines = page.locator(".monaco-editor .view-lines").first();
      await expect
        .poll(() => lines.textContent(), { timeout: 60_000 })
        .toContain("robot.forward(20)");
      // The pupil adds a comment, a print and a loop in TypeScript.
      await lines.click();
      await page.keyboard.press("Control+End");
      await page.keyboard.insertText(
        '// on regarde devant\nprint("distance", robot.distance());\nfor (let i = 0; i < 2; i++) {\n  await robot.turnLeft(90);\n}\n',
      );
      await expect.poll(() => programText(page)).toContain("turnLeft(90)");
      const edited = await programText(page);
      await page.getByRole("tab", { name: "Blocs" }).click();
      await expect
        .poll(
          () =>
            page.evaluate(() =>
              (
                window as unknown as {
                  robotyc: {
                    blocks: { workspace: { getAllBlocks(o: boolean): { type: string }[] } };
                  };
                }
              ).robotyc.blocks.workspace
                .getAllBlocks(true)
                .map((b) => b.type),
            ),
          { timeout: 60_000 },
        )
        .toContain("robot_turnLeft");
      const types = await page.evaluate(() =>
        (
          window as unknown as {
            robotyc: { blocks: { workspace: { getAllBlocks(o: boolean): { type: string }[] } } };
          }
        ).robotyc.blocks.workspace
          .getAllBlocks(true)
          .map((b) => b.type),
      );
      expect(types).toContain("robot_forward");
      expect(types.some((t) => t.startsWith("controls_"))).toBe(true);
      // Back in TypeScript: the same program, comment included, as the blocks write it.
      await page.getByRole("tab", { name: "TypeScript" }).click();
      const back = await programText(page);
      expect(back).toContain("// on regarde devant");
      expect(back).toContain("robot.distance()");
      expect(back).toContain("await robot.turnLeft(90);");
      expect(back).toContain("await robot.forward(20);");
      // And a second round trip changes nothing more (a fixed point).
      await page.getByRole("tab", { name: "Blocs" }).click();
      await page.getByRole("tab", { name: "TypeScript" }).click();
      expect(await programText(page)).toBe(back);
      expect(edited.length).toBeGreaterThan(0);
      await page.close();
    },
  );
});
