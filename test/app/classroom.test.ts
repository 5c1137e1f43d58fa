/**
 * A pupil joins a classroom session from the app (« Séance en classe »), built as `npm run web`
 * builds it and served from another origin than the classroom server (cross-origin isolated, as
 * `npm run web` serves it): a wrong code is refused in the server's words, the program opened
 * in the app is sent, graded on the teacher's machine and its score comes back live; a reload
 * stays in the class; the countdown's end closes sending.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { solutionFile } from "../../challenges/node.ts";
import { call, startTestClass, type TestClass } from "../../classroom/testing.ts";
import {
  buildApp,
  HAS_CHROMIUM,
  launch,
  serveDir,
  workDir,
  type Launched,
  type Served,
} from "./harness.ts";

const CHALLENGE = "trieur-1-zone";
const work = workDir("app-classroom");
let served: Served | undefined;
let browser: Launched | undefined;
let cls: TestClass | undefined;

const eventually = { timeout: 90_000 };

describe.skipIf(!HAS_CHROMIUM)("joining a classroom session from the app", () => {
  beforeAll(async () => {
    cls = await startTestClass({ challenge: CHALLENGE, seeds: [1, 2], threads: 2 });
    await buildApp(join(work, "dist"));
    served = await serveDir(join(work, "dist"));
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await cls?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it(
    "joins, sends the program being edited, and reads its score live",
    { timeout: 300_000 },
    async () => {
      const { url, code, teacher } = cls!;
      const page: Page = await browser!.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${served!.url}?challenge=${CHALLENGE}&lang=fr`);
      await page.getByRole("button", { name: "Lancer", exact: true }).waitFor({ timeout: 90_000 });

      // The panel is closed until the pupil opens it.
      await page.getByText("Séance en classe").click();
      const address = url.replace(/^http:\/\//, "");
      await page.getByLabel("Adresse du professeur").fill(address);
      await page.getByLabel("Code de la classe").fill("ZZZZZZ");
      await page.getByLabel("Ton pseudo").fill("Léa");
      await page.getByRole("button", { name: "Rejoindre la classe" }).click();
      const alert = page.locator("#classroom [role=alert]");
      await expect.poll(() => alert.textContent(), eventually).toMatch(/code/i);
      expect((await call(url, "/api/pupils", { token: teacher })).data).toEqual([]);

      await page.getByLabel("Code de la classe").fill(code.toLowerCase());
      await page.getByRole("button", { name: "Rejoindre la classe" }).click();
      const panel = page.locator("#classroom");
      await expect
        .poll(() => panel.locator(".hello").textContent(), eventually)
        .toMatch(/^Léa, tu es dans la classe/);
      await expect
        .poll(() => panel.getByRole("timer").textContent(), eventually)
        .toContain("En attente");
      const send = page.getByRole("button", { name: "Envoyer mon programme au professeur" });
      expect(await send.isDisabled()).toBe(true);
      const pupils = await call<{ name: string }[]>(url, "/api/pupils", { token: teacher });
      expect(pupils.data.map((p) => p.name)).toEqual(["Léa"]);

      // The teacher starts; the pupil opens the reference solution in the app and sends it.
      await call(url, "/api/session/start", { method: "POST", token: teacher });
      await expect
        .poll(() => panel.getByRole("timer").textContent(), eventually)
        .toMatch(/Temps restant : (20:00|19:\d\d)/);
      const file = join(work, "lea.ts");
      const program = readFileSync(solutionFile(CHALLENGE), "utf8");
      writeFileSync(file, program);
      await page.locator("#open-file").setInputFiles(file);
      await expect
        .poll(
          () =>
            page.evaluate(
              () => (window as unknown as { robotyc: { source: string } }).robotyc.source,
            ),
          eventually,
        )
        .toBe(program);
      await send.click();
      await expect
        .poll(() => panel.getByRole("status").textContent(), eventually)
        .toMatch(/Programme n° \d+ reçu/);
      await expect
        .poll(() => panel.locator("li").first().textContent(), eventually)
        .toMatch(/noté — 40 sur 40/);
      // The teacher's machine holds exactly what the app sent, and the scoreboard has Léa first.
      const subs = await call<{ id: number; score: number }[]>(url, "/api/submissions", {
        token: teacher,
      });
      expect(subs.data).toHaveLength(1);
      const source = await call<string>(url, `/api/submissions/${subs.data[0]!.id}/source`, {
        token: teacher,
      });
      expect(source.data).toBe(program);
      const board = await call<{ name: string; best: number }[]>(url, "/api/scoreboard", {
        token: teacher,
      });
      expect(board.data[0]).toMatchObject({ name: "Léa", best: 40 });

      // A reload stays in the class, with the submission's score.
      await page.reload();
      await page.getByRole("button", { name: "Lancer", exact: true }).waitFor({ timeout: 90_000 });
      await expect
        .poll(() => panel.locator("li").first().textContent(), eventually)
        .toMatch(/noté — 40 sur 40/);

      // The end closes sending, live.
      await call(url, "/api/session/end", { method: "POST", token: teacher });
      await expect
        .poll(() => panel.getByRole("timer").textContent(), eventually)
        .toContain("Temps écoulé");
      expect(await send.isDisabled()).toBe(true);
      expect(errors).toEqual([]);
    },
  );
});
