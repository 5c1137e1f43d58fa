/**
 * The classroom's API on a real server on loopback: what it accepts, what it refuses (and says
 * why, in the reader's language), and that refusals never stop the session.
 */
import { readFileSync } from "node:fs";
import { join as joinPath } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { solutionFile } from "../challenges/node.ts";
import { newToken } from "./identity.ts";
import { startClassroomServer } from "./server.ts";
import { call, LiveFeed, startTestClass, type TestClass } from "./testing.ts";

const CHALLENGE = "trieur-1-zone";
let cls: TestClass;

const join = async (name: string, lang = "fr") => {
  const r = await call<{ token: string; pupilId: number; error?: string; message?: string }>(
    cls.url,
    "/api/join",
    { body: { code: cls.code, name }, lang },
  );
  return r;
};

beforeAll(async () => {
  cls = await startTestClass({ challenge: CHALLENGE, seeds: [1, 2], threads: 1 });
});
afterAll(async () => {
  await cls?.close();
});

describe("classroom server: joining", () => {
  it("gives a token to a pupil with the class code; refuses a wrong code, a bad or taken name", async () => {
    // The code read aloud: case, dashes and spaces do not matter.
    const typed = `${cls.code.slice(0, 3).toLowerCase()} - ${cls.code.slice(3)}`;
    const ok = await call<{ token: string; pupilId: number }>(cls.url, "/api/join", {
      body: { code: typed, name: "  Élodie   B " },
    });
    expect(ok.status).toBe(201);
    expect(ok.data.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(ok.data.pupilId).toBeGreaterThan(0);

    const wrong = await call(cls.url, "/api/join", { body: { code: "ZZZZZZ", name: "Bob" } });
    expect(wrong.status).toBe(403);
    expect(wrong.data).toEqual({ error: "badCode", message: expect.stringMatching(/code/) });
    const english = await call(cls.url, "/api/join", {
      body: { code: "ZZZZZZ", name: "Bob" },
      lang: "en-GB,en;q=0.8",
    });
    expect(english.data.message).toBe(
      "This class code does not exist. Check the code on the board.",
    );

    const taken = await join("elodie b");
    expect(taken.status).toBe(409);
    expect(taken.data.message).toContain("« elodie b » est déjà pris");
    for (const name of ["", "   ", "x".repeat(25), "<script>", 42]) {
      const bad = await call(cls.url, "/api/join", { body: { code: cls.code, name } });
      expect(bad.status, String(name)).toBe(400);
      expect(bad.data.error).toBe("badName");
    }
    // Names of any alphabet are pupils' names too.
    expect((await join("Ахмед")).status).toBe(201);
    expect((await join("سارة")).status).toBe(201);
  });

  it("slows down someone guessing the class code", async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 14; n++) {
      const r = await call(cls.url, "/api/join", { body: { code: `AAAA${n}B`, name: "Eve" } });
      statuses.push(r.status);
    }
    expect(statuses.filter((s) => s === 403).length).toBeLessThanOrEqual(10);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("classroom server: called by the app from another origin", () => {
  it("answers the browser's preflight and lets any origin read the API; tokens still decide", async () => {
    const preflight = await fetch(`${cls.url}/api/submissions`, {
      method: "OPTIONS",
      headers: {
        origin: "http://192.168.1.30:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
        "access-control-request-private-network": "true",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(preflight.headers.get("access-control-allow-private-network")).toBe("true");
    const refused = await call(cls.url, "/api/scoreboard");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    expect(refused.headers.get("access-control-expose-headers")).toContain("retry-after");
    // The pages are not for other origins.
    const page = await fetch(`${cls.url}/`);
    expect(page.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("classroom server: tokens and roles", () => {
  let alice: string;
  let bob: string;
  let aliceSubmission: number;

  beforeAll(async () => {
    alice = (await join("Alice")).data.token;
    bob = (await join("Bob")).data.token;
  });

  it("refuses submissions before the start, then takes them", async () => {
    const early = await call(cls.url, "/api/submissions", {
      token: alice,
      body: { source: "await robot.forward(10);" },
    });
    expect(early.status).toBe(409);
    expect(early.data.error).toBe("notStarted");

    expect(
      (await call(cls.url, "/api/session/start", { method: "POST", token: alice })).status,
    ).toBe(403);
    const started = await call<{ state: string; endsAt: string; code: string }>(
      cls.url,
      "/api/session/start",
      { method: "POST", token: cls.teacher },
    );
    expect(started.status).toBe(200);
    expect(started.data.state).toBe("running");
    expect(started.data.code).toBe(cls.code);
    const session = await call<Record<string, unknown>>(cls.url, "/api/session", { token: bob });
    expect(session.data.state).toBe("running");
    expect(session.data.code).toBeUndefined(); // pupils read it on the board, not from the API
    expect(session.data.endsAt).toBe(started.data.endsAt);

    const sent = await call<{ id: number }>(cls.url, "/api/submissions", {
      token: alice,
      body: { source: readFileSync(solutionFile(CHALLENGE), "utf8") },
    });
    expect(sent.status).toBe(201);
    aliceSubmission = sent.data.id;
    const again = await call(cls.url, "/api/submissions", {
      token: alice,
      body: { source: "await robot.forward(10);" },
    });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(again.data.message).toMatch(/Attends encore \d s/);
  });

  it("lets a pupil read only their own submissions; the teacher reads all", async () => {
    const mine = await call(cls.url, `/api/submissions/${aliceSubmission}`, { token: alice });
    expect(mine.status).toBe(200);
    expect(mine.data.status).toMatch(/queued|graded/);
    const other = await call(cls.url, `/api/submissions/${aliceSubmission}`, { token: bob });
    expect(other.status).toBe(403);
    expect(other.data.error).toBe("notYours");
    expect(
      (await call(cls.url, `/api/submissions/${aliceSubmission}/source`, { token: bob })).status,
    ).toBe(403);
    expect(
      (await call(cls.url, `/api/submissions/${aliceSubmission}`, { token: cls.teacher })).status,
    ).toBe(200);
    const bobsList = await call<unknown[]>(cls.url, "/api/submissions", { token: bob });
    expect(bobsList.data).toEqual([]);
    expect((await call(cls.url, "/api/submissions/99999", { token: cls.teacher })).status).toBe(
      404,
    );
  });

  it("refuses a missing or forged token, and the pupil's token where the teacher's is needed", async () => {
    const forged = newToken();
    for (const token of [undefined, forged, cls.teacher.slice(0, -1) + "x", `${alice}x`]) {
      const r = await call(cls.url, "/api/scoreboard", token ? { token } : {});
      expect(r.status, String(token)).toBe(401);
      expect(r.data.error).toBe("unauthorized");
    }
    const submit = await call(cls.url, "/api/submissions", {
      token: forged,
      body: { source: "await robot.forward(10);" },
    });
    expect(submit.status).toBe(401);
    for (const path of ["/api/export.csv", "/api/export.json", "/api/pupils"]) {
      expect((await call(cls.url, path, { token: alice })).status, path).toBe(403);
    }
    expect(
      (await call(cls.url, `/api/submissions/${aliceSubmission}/replay`, { token: alice })).status,
    ).toBe(403);
    expect((await call(cls.url, "/api/session/end", { method: "POST", token: bob })).status).toBe(
      403,
    );
    await expect(LiveFeed.open(cls.url, forged)).rejects.toThrow(/401/);
  });

  it("refuses bodies that are too large or not JSON, with a clear message; the server stays up", async () => {
    const big = await call(cls.url, "/api/submissions", {
      token: bob,
      body: { source: "// " + "x".repeat(300 * 1024) },
    });
    expect(big.status).toBe(413);
    expect(big.data).toEqual({
      error: "tooLarge",
      message: "Le programme est trop gros (maximum 256 ko).",
    });
    const huge = await call(cls.url, "/api/submissions", {
      token: bob,
      raw: JSON.stringify({ source: "y".repeat(5 * 1024 * 1024) }),
    }).catch((error: Error) => ({ status: -1, data: { error: error.message } }));
    // The server may answer 413 before the 5 MB have arrived, or close the connection on them.
    expect([413, -1]).toContain(huge.status);
    const broken = await call(cls.url, "/api/submissions", { token: bob, raw: '{"source": "x' });
    expect(broken.status).toBe(400);
    expect(broken.data.error).toBe("badJson");
    const notText = await call(cls.url, "/api/submissions", { token: bob, body: { source: 12 } });
    expect(notText.status).toBe(400);
    expect(notText.data.error).toBe("noSource");
    const empty = await call(cls.url, "/api/submissions", { token: bob, body: { source: " \n" } });
    expect(empty.data.error).toBe("emptySource");
    const bigJoin = await call(cls.url, "/api/join", {
      body: { code: cls.code, name: "Z", pad: "p".repeat(64 * 1024) },
    });
    expect(bigJoin.status).toBe(413);
    // Still up, still grading.
    expect((await call(cls.url, "/api/scoreboard", { token: bob })).status).toBe(200);
  });

  it("slows down a flood of requests from one pupil", async () => {
    const carol = (await join("Carol")).data.token;
    // The same class behind a server whose clock stands still: the buckets do not refill while
    // the requests are served, however slow a loaded machine serves them.
    const frozen = Date.now();
    const still = await startClassroomServer(cls.classroom, {
      host: "127.0.0.1",
      port: 0,
      now: () => frozen,
    });
    try {
      const replies = await Promise.all(
        Array.from({ length: 80 }, () => call(still.url, "/api/scoreboard", { token: carol })),
      );
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(30);
      expect(statuses.filter((s) => s === 429)).toHaveLength(50);
      const limited = replies.find((r) => r.status === 429)!;
      expect(limited.data.error).toBe("flood");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      // Others are not slowed down by Carol.
      expect((await call(still.url, "/api/scoreboard", { token: bob })).status).toBe(200);
    } finally {
      await still.close();
    }
  });

  it("grades, pushes the scoreboard live, replays a run and exports; nothing after the end", async () => {
    const feed = await LiveFeed.open(cls.url, bob);
    const hello = await feed.next((m) => m.type === "hello");
    expect(hello.role).toBe("pupil");
    const graded = await call<{ status: string }>(cls.url, `/api/submissions/${aliceSubmission}`, {
      token: alice,
    });
    if (graded.data.status !== "graded") {
      await feed.next(
        (m) =>
          m.type === "scoreboard" &&
          (m.rows as { name: string; best: number | null }[]).some(
            (r) => r.name === "Alice" && r.best !== null,
          ),
      );
    }
    const result = await call<{
      status: string;
      score: number;
      maxScore: number;
      perSeed: { seed: number; score: number; outcome: string }[];
      breakdown: { seed: number; lines: { points: number; reason: string }[] }[];
      error: unknown;
    }>(cls.url, `/api/submissions/${aliceSubmission}`, { token: alice, lang: "en" });
    expect(result.data).toMatchObject({ status: "graded", score: 40, maxScore: 40, error: null });
    expect(result.data.perSeed.map((s) => [s.seed, s.score, s.outcome])).toEqual([
      [1, 40, "finished"],
      [2, 40, "finished"],
    ]);
    expect(result.data.breakdown[0]!.lines[0]!.reason).toMatch(/collection zone/);

    const board = await call<{ name: string; best: number | null; rank: number | null }[]>(
      cls.url,
      "/api/scoreboard",
      { token: bob },
    );
    expect(board.data[0]).toMatchObject({ name: "Alice", best: 40, rank: 1 });
    expect(board.data.slice(1).every((r) => r.best === null)).toBe(true);

    const replay = await call<{ format: string; seed: number }>(
      cls.url,
      `/api/submissions/${aliceSubmission}/replay?seed=2`,
      { token: cls.teacher },
    );
    expect(replay.status).toBe(200);
    expect(replay.headers.get("x-robotyc-same-score")).toBe("true");
    expect(replay.data).toMatchObject({ format: "robotyc-replay", seed: 2 });
    const top = await call<{ frames: unknown[][]; bodies: { robot: boolean }[] }>(
      cls.url,
      `/api/submissions/${aliceSubmission}/replay?seed=2&view=top`,
      { token: cls.teacher },
    );
    expect(top.data.bodies[0]!.robot).toBe(true);
    expect(top.data.frames.length).toBeGreaterThan(10);
    expect(
      (
        await call(cls.url, `/api/submissions/${aliceSubmission}/replay?seed=9`, {
          token: cls.teacher,
        })
      ).status,
    ).toBe(400);

    const ended = await call(cls.url, "/api/session/end", { method: "POST", token: cls.teacher });
    expect(ended.data.state).toBe("ended");
    await feed.next(
      (m) => m.type === "session" && (m.session as { state: string }).state === "ended",
    );
    const late = await call(cls.url, "/api/submissions", {
      token: bob,
      body: { source: "await robot.forward(10);" },
    });
    expect(late.status).toBe(409);
    expect(late.data.error).toBe("ended");
    expect((await join("Latecomer")).status).toBe(409);

    const csv = await call<string>(cls.url, "/api/export.csv", { token: cls.teacher });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    // Read as French Excel reads it: UTF-8 mark, `;` between cells, decimal commas.
    const file = readFileSync(joinPath(cls.data, `resultats-${cls.code}.csv`));
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, first] = file
      .toString("utf8")
      .slice(1)
      .split("\r\n")
      .map((l) => l.split(";"));
    expect(header).toEqual([
      "rang",
      "pseudo",
      "meilleur score",
      "score maximum",
      "envoyé à",
      "envois",
      "graine 1",
      "graine 2",
      "erreurs du meilleur envoi",
    ]);
    expect(first!.slice(0, 4)).toEqual(["1", "Alice", "40", "40"]);
    expect(first![4]).toMatch(/^\d\d:\d\d:\d\d$/);
    const english = await call<string>(cls.url, "/api/export.csv?lang=en", { token: cls.teacher });
    expect(english.data.split("\r\n")[0]).toBe(
      "rank,pseudonym,best score,maximum score,sent at,submissions,seed 1,seed 2,errors of the best submission",
    );
    const json = await call<{ results: { name: string; best: number | null }[] }>(
      cls.url,
      "/api/export.json",
      { token: cls.teacher },
    );
    expect(json.data.results[0]).toMatchObject({ name: "Alice", best: 40 });
    feed.close();
  });
});
