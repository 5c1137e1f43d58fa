/** A challenge run's replay stands alone; a run can be stopped; the browser entry needs a camera given. */
import { describe, expect, it } from "vitest";
import { LocalizedError } from "../runtime/engine.ts";
import { playReplay } from "../simulator/index.ts";
import { runChallenge as runInBrowserEntry } from "./index.ts";
import { packChallenge, packSolution } from "./pack/data.ts";
import { challengeVersion, runChallenge } from "./node.ts";

const PROGRAM = `print("départ");\nawait robot.forward(70);\nprint("arrivé");\n`;

describe("runChallenge", () => {
  it("records a replay that embeds the challenge, the program and the result, and plays back", async () => {
    const challenge = packChallenge("trieur-1-zone");
    const result = await runChallenge({
      source: PROGRAM,
      challenge,
      seed: 2,
      locale: "fr",
      record: true,
    });
    const replay = result.replay!;
    expect(replay.challenge).toEqual({ id: "trieur-1-zone", version: challengeVersion(challenge) });
    expect(replay.program).toEqual({ source: PROGRAM, language: "typescript" });
    expect(replay.result).toMatchObject({
      score: result.score,
      maxScore: result.maxScore,
      prints: ["départ", "arrivé"],
    });
    expect(replay.result!.breakdown).toEqual(
      result.breakdown.map((l) => ({ points: l.points, reason: l.reason })),
    );
    expect(replay.seed).toBe(2);
    expect(replay.arena).not.toBeNull();
    const played = playReplay(JSON.parse(JSON.stringify(replay)));
    expect(played.hash).toBe(result.trace!.hash);
  });

  it("keeps in the replay which line was running at each frame, as the live run told it", async () => {
    const live: number[] = [];
    let line = 0;
    const result = await runChallenge({
      source: PROGRAM,
      challenge: packChallenge("trieur-1-zone"),
      seed: 2,
      locale: "fr",
      record: true,
      onCall: (at) => (line = at ?? 0),
      onFrame: () => live.push(line),
    });
    const played = playReplay(JSON.parse(JSON.stringify(result.replay)));
    expect(played.lines).toEqual(live);
    expect(played.lines).toHaveLength(played.frames.length);
    // Before the first robot call, nothing runs; then line 2 (forward) for most of the run.
    expect(played.lines![0]).toBe(0);
    expect(played.lines!.filter((l) => l === 2).length).toBeGreaterThan(played.lines!.length / 2);
  });

  it("gives a challenge changed under the same id another version", () => {
    const a = packChallenge("trieur-1-zone");
    const b = { ...a, timeLimit: a.timeLimit + 1 };
    expect(challengeVersion(a)).toBe(challengeVersion(packChallenge("trieur-1-zone")));
    expect(challengeVersion(b)).not.toBe(challengeVersion(a));
  });

  it("stops when its signal aborts", async () => {
    const controller = new AbortController();
    let frames = 0;
    await expect(
      runChallenge({
        source: packSolution("trieur-5-finale"),
        challenge: packChallenge("trieur-5-finale"),
        seed: 1,
        locale: "en",
        signal: controller.signal,
        onFrame: () => {
          if (++frames === 40) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(frames).toBeLessThan(100);
  });

  it("the browser entry refuses a camera challenge when no classifier is handed in", async () => {
    const error = await runInBrowserEntry({
      source: packSolution("trieur-4-classer"),
      challenge: packChallenge("trieur-4-classer"),
      seed: 1,
      locale: "fr",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalizedError);
    expect((error as LocalizedError).localized("fr")).toContain("caméra");
  });
});
