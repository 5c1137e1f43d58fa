/**
 * A whole session in Chromium (Debian's, through playwright-core): the teacher's page, the
 * projector's scoreboard and two pupils' pages (one in French, one in English) go through
 * joining, the start, submissions, live scoreboard updates, a replay, the end and the export.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { solutionFile } from "../../challenges/node.ts";
import { startTestClass, type TestClass } from "../../classroom/testing.ts";
import { launchChromium } from "../../tools/classifier/render.ts";

const hasChromium = existsSync("/usr/bin/chromium");
const CHALLENGE = "trieur-1-zone";
let browser: Browser;
let cls: TestClass;

/** Texts the pages show change while the server works: poll for them. */
const eventually = { timeout: 90_000 };

describe.skipIf(!hasChromium)("the classroom pages in Chromium", () => {
  beforeAll(async () => {
    cls = await startTestClass({ challenge: CHALLENGE, seeds: [1, 2], threads: 2 });
    browser = await launchChromium(mkdtempSync(join(tmpdir(), "robotyc-classroom-chromium-")));
  });
  afterAll(async () => {
    await browser?.close();
    await cls?.close();
  });

  it("goes through a whole session: join, start, submit, live scoreboard, replay, end, export", async () => {
    const teacherContext = await browser.newContext({ acceptDownloads: true, locale: "fr-FR" });
    const teacher = await teacherContext.newPage();
    const board = await teacherContext.newPage();
    const alice = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    const bob = await (await browser.newContext({ locale: "en-GB" })).newPage();
    const errors: string[] = [];
    for (const page of [teacher, board, alice, bob]) {
      page.on("pageerror", (error) => errors.push(error.message));
    }

    await teacher.goto(`${cls.url}/teacher#${cls.teacher}`);
    const code = `${cls.code.slice(0, 3)}-${cls.code.slice(3)}`;
    await expect.poll(() => teacher.locator("#code").textContent(), eventually).toBe(code);
    const start = teacher.getByRole("button", { name: /Lancer le compte à rebours \(20 min\)/ });
    await expect.poll(() => start.isEnabled(), eventually).toBe(true);
    await board.goto(`${cls.url}/board#${cls.teacher}`);
    await expect
      .poll(() => board.locator("#join-line").textContent(), eventually)
      .toContain(`tape le code ${code}`);

    // Pupils join: Alice in French (code typed in lower case), Bob in English.
    await alice.goto(cls.url);
    expect(await alice.getByRole("heading", { name: "Rejoindre la classe" }).count()).toBe(1);
    await alice.getByLabel("Code de la classe").fill(cls.code.toLowerCase());
    await alice.getByLabel("Ton pseudo").fill("Alice");
    await alice.getByRole("button", { name: "Rejoindre" }).click();
    await expect
      .poll(() => alice.locator("#hello").textContent(), eventually)
      .toBe("Bonjour Alice !");
    await bob.goto(cls.url);
    await bob.getByLabel("Class code").fill(code);
    await bob.getByLabel("Your pseudonym").fill("alice");
    await bob.getByRole("button", { name: "Join" }).click();
    await expect
      .poll(() => bob.getByRole("alert").first().textContent(), eventually)
      .toContain('The pseudonym "alice" is already taken');
    await bob.getByLabel("Your pseudonym").fill("Bob");
    await bob.getByRole("button", { name: "Join" }).click();
    await expect.poll(() => bob.locator("#hello").textContent(), eventually).toBe("Hello Bob!");
    await expect
      .poll(() => alice.locator("#countdown").textContent(), eventually)
      .toContain("En attente");
    expect(await alice.getByRole("button", { name: "Envoyer pour être noté" }).isDisabled()).toBe(
      true,
    );
    await expect
      .poll(() => teacher.locator("#pupils-title").textContent(), eventually)
      .toBe("Élèves connectés : 2");

    // The teacher starts: the pupils' countdowns run.
    await start.click();
    await expect
      .poll(() => alice.locator("#countdown").textContent(), eventually)
      .toMatch(/Temps restant : (20:00|19:\d\d)/);
    await expect
      .poll(() => bob.locator("#countdown").textContent(), eventually)
      .toMatch(/Time left/);

    // Alice sends the reference solution, Bob a program that fails on line 2.
    await alice
      .getByLabel(/Le programme \(TypeScript\)/)
      .fill(readFileSync(solutionFile(CHALLENGE), "utf8"));
    await alice.getByRole("button", { name: "Envoyer pour être noté" }).click();
    await expect
      .poll(() => alice.locator("#send-status").textContent(), eventually)
      .toMatch(/Programme n° \d+ reçu/);
    await bob
      .getByLabel(/The program \(TypeScript\)/)
      .fill("await robot.forward(20);\nthrow new Error('oops');\n");
    await bob.getByRole("button", { name: "Send to be graded" }).click();

    await expect
      .poll(() => alice.locator("#mine li").first().textContent(), eventually)
      .toMatch(/noté — 40 sur 40/);
    await expect
      .poll(() => bob.locator("#mine li").first().textContent(), eventually)
      .toMatch(/graded.*Error \(line 2\).*oops/s);
    // The projector's scoreboard updated by itself: Alice first.
    await expect
      .poll(() => board.locator("#scoreboard tr").first().textContent(), eventually)
      .toMatch(/^1Alice40 sur 40/);
    expect(await board.locator("#scoreboard tr").count()).toBe(2);
    // Alice reads how her points were made.
    await alice.locator("#mine li details summary").first().click();
    expect(await alice.locator("#mine li details").first().textContent()).toContain(
      "zone de collecte atteinte",
    );

    // The teacher opens Alice's run on seed 1 and plays it.
    const row = teacher.locator("#submissions tr", { hasText: "Alice" });
    await expect.poll(() => row.count(), eventually).toBe(1);
    await row.getByRole("button", { name: "Parcours (graine 1)" }).click();
    const dialog = teacher.getByRole("dialog");
    await expect.poll(() => dialog.locator("canvas").count(), eventually).toBe(1);
    expect(await dialog.getByRole("img").getAttribute("aria-label")).toMatch(/Vue de dessus/);
    await dialog.getByRole("button", { name: "Lecture" }).click();
    await expect
      .poll(() => dialog.locator(".replay-time").textContent(), eventually)
      .not.toMatch(/^Temps : 0 s/);
    await dialog.getByRole("button", { name: "Fermer" }).click();

    // The end: pupils can no longer send.
    teacher.once("dialog", (d) => void d.accept());
    await teacher.getByRole("button", { name: "Terminer maintenant" }).click();
    await expect
      .poll(() => alice.locator("#countdown").textContent(), eventually)
      .toContain("Temps écoulé");
    await expect
      .poll(() => bob.getByRole("button", { name: "Send to be graded" }).isDisabled(), eventually)
      .toBe(true);

    // The export: a CSV that French Excel opens as columns.
    const [download] = await Promise.all([
      teacher.waitForEvent("download"),
      teacher.getByRole("button", { name: /Exporter en CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`resultats-${cls.code}.csv`);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]!.split(";").slice(0, 4)).toEqual([
      "rang",
      "pseudo",
      "meilleur score",
      "score maximum",
    ]);
    expect(lines[1]!.split(";").slice(0, 4)).toEqual(["1", "Alice", "40", "40"]);
    expect(lines[2]!.split(";").slice(0, 3)).toEqual(["2", "Bob", "0"]);
    expect(errors).toEqual([]);
  }, 300_000);
});
