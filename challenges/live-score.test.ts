/** The live score: the score if the run ended now, as the app shows it while the robot drives. */
import { describe, expect, it } from "vitest";
import { packChallenge, packSolution } from "./pack/data.ts";
import { runChallenge } from "./node.ts";

describe("runChallenge: the live score", () => {
  it("rises as the waste reaches its bins, ends at the final score but the time bonus, and changes nothing", async () => {
    const challenge = packChallenge("trieur-2-pousser");
    const options = {
      source: packSolution("trieur-2-pousser"),
      challenge,
      seed: 1,
      locale: "fr" as const,
    };
    const plain = await runChallenge(options);
    const live: number[] = [];
    const scored = await runChallenge({ ...options, onScore: (s) => live.push(s) });
    // Reading the world to score it does not change the run.
    expect(scored.trace).toEqual(plain.trace);
    expect(scored.score).toBe(plain.score);
    expect(live.length).toBeGreaterThan(1);
    // Each live score differs from the one before (only changes are reported).
    for (let i = 1; i < live.length; i++) expect(live[i]).not.toBe(live[i - 1]);
    const bonus = plain.breakdown
      .filter((l) => /bonus/i.test(l.reason.fr))
      .reduce((sum, l) => sum + l.points, 0);
    expect(Math.max(...live)).toBeGreaterThan(0);
    expect(live.at(-1)).toBe(plain.score - bonus);
  });
});
