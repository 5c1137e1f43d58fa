/**
 * The web app, built as `npm run web` builds it, in headless Chromium at 1280x720: the names a
 * pupil (and a screen reader) meets in French and English, the link that opens a challenge, the
 * TypeScript editor's markers with the compiler's French messages, work kept over a reload.
 * Screenshots of the whole app in both languages are kept in artifacts/app/.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
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
} from "./harness.ts";

const work = workDir("app-test");
let served: Served | undefined;
let browser: Launched | undefined;

async function openApp(query = ""): Promise<Page> {
  const page = await browser!.context.newPage();
  await page.goto(`${served!.url}${query}`);
  await page.getByRole("button", { name: /^(Lancer|Run)$/ }).waitFor();
  return page;
}

/** Replaces the program in the TypeScript editor by typing, as a pupil would. */
async function typeInEditor(page: Page, text: string): Promise<void> {
  const lines = page.locator(".monaco-editor .view-lines").first();
  await lines.waitFor({ timeout: 60_000 });
  await lines.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
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

  it("names its controls in French, and in English with ?lang=en", async () => {
    const fr = await openApp("?lang=fr");
    for (const name of ["Lancer", "Pause", "Pas à pas", "Réinitialiser", "Ouvrir", "Enregistrer"]) {
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
  });

  it("marks a type error in the TypeScript editor with the compiler's French message", async () => {
    const page = await openApp("?lang=fr");
    await page.getByRole("tab", { name: "TypeScript" }).click();
    await typeInEditor(page, 'const n: number = "dix";\n');
    const problem = page.locator(".problems li").first();
    await problem.waitFor({ timeout: 60_000 });
    const text = await problem.textContent();
    // TypeScript's own French message, as `robotyc check` prints it, on line 1.
    expect(text).toMatch(/ligne 1/);
    expect(text).toMatch(/Impossible d'assigner le type|n'est pas assignable/);
    await page.locator(".squiggly-error").first().waitFor({ timeout: 30_000 });
    await page.close();
  });

  it("keeps the work in progress over a reload", async () => {
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
});
