/**
 * A whole class on a real server on loopback: 30 pupils (real HTTP and WebSocket clients) join
 * and send 3 programs each, concurrently, some of them broken or hostile (an endless loop, a
 * memory bomb, a 5 MB body, bad JSON). Every accepted submission is graded exactly as
 * `robotyc grade` grades it, the scoreboard is the best of each pupil, and the server stays up.
 * A short challenge (trieur-1-zone) keeps the test quick; the benchmark runs the final level.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gradeFolder, solutionFile } from "../challenges/node.ts";
import { call, LiveFeed, startTestClass, type TestClass } from "./testing.ts";

const CHALLENGE = "trieur-1-zone";
const SEEDS = [1, 2];
const PUPILS = 30;
const SOLUTION = readFileSync(solutionFile(CHALLENGE), "utf8");
const LOOP = "let n = 0;\nwhile (true) {\n  n++;\n}\n";
const BOMB =
  "const hoard: number[][] = [];\nwhile (true) hoard.push(new Array(1000000).fill(7));\n";
const SYNTAX = "await robot.forward(\n";
const mover = (cm: number, speed = 60) =>
  `robot.setSpeed(${speed});\nawait robot.forward(${cm});\nprint("arrivé", robot.distance());\n`;

/** Pupil `i`'s three programs, in the order sent. */
function programsOf(i: number): string[] {
  const first = mover(10 + 10 * (i % 8));
  const second =
    i % 10 === 3 ? LOOP : i % 10 === 4 ? BOMB : i % 10 === 5 ? SYNTAX : mover(60 + 5 * (i % 4), 80);
  const third =
    i % 3 === 0 ? SOLUTION : i % 3 === 1 ? mover(70, 100) : `${mover(40)}throw new Error("zut");\n`;
  return [first, second, third];
}

let cls: TestClass | undefined;
afterAll(async () => {
  await cls?.close();
});

describe("a class of 30 on one server", () => {
  it("grades every valid submission, refuses the bad ones clearly and keeps the scoreboard right", async () => {
    cls = await startTestClass({ challenge: CHALLENGE, seeds: SEEDS, threads: 2 });
    const { url, code, teacher } = cls;
    const names = Array.from({ length: PUPILS }, (_, i) => `Élève ${i + 1}`);

    const joined = await Promise.all(
      names.map((name) => call<{ token: string }>(url, "/api/join", { body: { code, name } })),
    );
    expect(joined.map((r) => r.status)).toEqual(names.map(() => 201));
    const tokens = joined.map((r) => r.data.token);
    const feeds = await Promise.all(tokens.map((token) => LiveFeed.open(url, token)));
    const teacherFeed = await LiveFeed.open(url, teacher);
    expect((await call(url, "/api/session/start", { method: "POST", token: teacher })).status).toBe(
      200,
    );

    // The hostile bodies first: refused, and nothing of them is kept.
    const huge = await call(url, "/api/submissions", {
      token: tokens[7],
      raw: JSON.stringify({ source: "x".repeat(5 * 1024 * 1024) }),
    }).catch(() => ({ status: 413, data: {} }));
    expect(huge.status).toBe(413);
    const badJson = await call(url, "/api/submissions", { token: tokens[8], raw: "{source: oops" });
    expect(badJson.status).toBe(400);
    expect(String(badJson.data.message)).toMatch(/JSON/);
    const blocks = await call(url, "/api/submissions", {
      token: tokens[9],
      body: { source: { blocks: [] } },
    });
    expect(blocks.status).toBe(400);

    // Three rounds, every pupil at once; a pupil may send once every 5 seconds.
    const accepted: { pupil: number; id: number; source: string }[] = [];
    for (let round = 0; round < 3; round++) {
      if (round > 0) await new Promise((r) => setTimeout(r, 5100));
      const replies = await Promise.all(
        tokens.map((token, i) =>
          call<{ id: number }>(url, "/api/submissions", {
            token,
            body: { source: programsOf(i)[round] },
          }),
        ),
      );
      replies.forEach((r, i) => {
        expect(r.status, `pupil ${i}, round ${round}: ${JSON.stringify(r.data)}`).toBe(201);
        accepted.push({ pupil: i, id: r.data.id, source: programsOf(i)[round]! });
      });
    }
    expect(new Set(accepted.map((a) => a.id)).size).toBe(PUPILS * 3);

    // Every accepted submission gets graded and pushed to its pupil.
    await Promise.all(
      accepted.map((a) =>
        feeds[a.pupil]!.next(
          (m) =>
            m.type === "submission" &&
            (m.submission as { id: number; status: string }).id === a.id &&
            (m.submission as { status: string }).status === "graded",
          240_000,
        ),
      ),
    );
    const all = await call<
      {
        id: number;
        pupil: string;
        status: string;
        score: number;
        receivedAt: string;
        perSeed: { seed: number; score: number }[];
        error: { message: string } | null;
      }[]
    >(url, "/api/submissions", { token: teacher });
    expect(all.data).toHaveLength(PUPILS * 3);
    expect(all.data.every((s) => s.status === "graded")).toBe(true);

    // The same scores as `robotyc grade` gives the same programs, seed by seed.
    const folder = mkdtempSync(join(tmpdir(), "robotyc-class-expected-"));
    const distinct = [...new Set(accepted.map((a) => a.source))].filter(
      (s) => s !== LOOP && s !== BOMB,
    );
    distinct.forEach((source, n) =>
      writeFileSync(join(folder, `p${String(n).padStart(3, "0")}.ts`), source),
    );
    const expected = await gradeFolder({
      folder,
      challenge: CHALLENGE,
      seeds: SEEDS,
      jobs: 2,
      locale: "fr",
    });
    const byId = new Map(all.data.map((s) => [s.id, s]));
    for (const a of accepted) {
      const got = byId.get(a.id)!;
      if (a.source === LOOP || a.source === BOMB) {
        expect(got.score).toBe(0);
        expect(got.error?.message).toMatch(a.source === LOOP ? /boucle/ : /mémoire/);
        continue;
      }
      const row = expected.rows[distinct.indexOf(a.source)]!;
      expect(got.perSeed.map((p) => p.score)).toEqual(row.scores);
      expect(got.score).toBe(row.mean);
      if (a.source === SYNTAX) expect(got.error?.message).toBeTruthy();
    }
    expect(all.data.some((s) => s.score === 40)).toBe(true);

    // The scoreboard: each pupil's best, best first, ties to the one who sent it first.
    const best = names.map((name) => {
      const mine = all.data.filter((s) => s.pupil === name);
      const top = Math.max(...mine.map((s) => s.score));
      const first = mine
        .filter((s) => s.score === top)
        .map((s) => Date.parse(s.receivedAt))
        .sort((x, y) => x - y)[0]!;
      return { name, top, first };
    });
    best.sort((x, y) => y.top - x.top || x.first - y.first || x.name.localeCompare(y.name));
    const board = await call<{ name: string; best: number; rank: number }[]>(
      url,
      "/api/scoreboard",
      { token: tokens[0] },
    );
    expect(board.data.map((r) => [r.name, r.best])).toEqual(best.map((b) => [b.name, b.top]));
    expect(board.data.map((r) => r.rank)).toEqual(names.map((_, n) => n + 1));

    // Every pupil's page saw that final scoreboard arrive, without asking.
    const finalRows = JSON.stringify(board.data);
    for (const feed of [...feeds, teacherFeed]) {
      await feed.next((m) => m.type === "scoreboard" && JSON.stringify(m.rows) === finalRows);
    }
    expect((await call(url, "/api/session", { token: teacher })).status).toBe(200);
    for (const feed of [...feeds, teacherFeed]) feed.close();
  }, 300_000);
});
