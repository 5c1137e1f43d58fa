import { describe, expect, it } from "vitest";
import {
  CODE_ALPHABET,
  cleanName,
  nameKey,
  newClassCode,
  normalizeCode,
  sameSecret,
} from "./identity.ts";
import { RateLimiter } from "./limits.ts";
import { scoreboard, sessionState } from "./session.ts";
import type { PupilRecord, SessionRecord, SubmissionRecord } from "./store.ts";

describe("class codes, pseudonyms and secrets", () => {
  it("makes codes of 6 characters that read aloud without doubt", () => {
    expect(CODE_ALPHABET).not.toMatch(/[0O1I]/);
    const codes = Array.from({ length: 500 }, newClassCode);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(495);
    // Every letter of the alphabet comes up: the draw is uniform over 32 symbols.
    expect(new Set(codes.join("")).size).toBe(32);
    expect(normalizeCode(" k7m-2qx ")).toBe("K7M2QX");
  });

  it("cleans pseudonyms and treats case and accents as the same name", () => {
    expect(cleanName("  Léa   M. ")).toBe("Léa M.");
    expect(cleanName("O'Neil_2")).toBe("O'Neil_2");
    for (const bad of ["", " ", "<b>", "a\u0000b", "x".repeat(25), "---", null, 3]) {
      expect(cleanName(bad), String(bad)).toBeUndefined();
    }
    expect(nameKey("Élodie")).toBe(nameKey("ELODIE"));
    expect(sameSecret("abc", "abc")).toBe(true);
    expect(sameSecret("abc", "abd")).toBe(false);
    expect(sameSecret("abc", "abcd")).toBe(false);
  });

  it("rate-limits with token buckets that refill over time", () => {
    let now = 0;
    const limiter = new RateLimiter(3, 1, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take("a"))).toEqual([0, 0, 0, 1]);
    expect(limiter.take("b")).toBe(0);
    now += 1000;
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBe(1);
  });
});

const session = (times: Partial<SessionRecord>): SessionRecord => ({
  id: 1,
  code: "ABCDEF",
  teacherToken: "t",
  challengeName: "trieur-1-zone",
  challengeJson: "{}",
  seeds: [1],
  minutes: 20,
  locale: "fr",
  createdAt: 0,
  startedAt: null,
  endsAt: null,
  endedAt: null,
  ...times,
});

describe("session rules", () => {
  it("waits, runs until its end time, then is over", () => {
    expect(sessionState(session({}), 10)).toBe("waiting");
    const running = session({ startedAt: 100, endsAt: 1000 });
    expect(sessionState(running, 999)).toBe("running");
    expect(sessionState(running, 1000)).toBe("ended");
    expect(sessionState(session({ startedAt: 100, endsAt: 1000, endedAt: 500 }), 600)).toBe(
      "ended",
    );
  });

  it("ranks each pupil's best submission; a tie goes to the one received first", () => {
    const pupil = (id: number, name: string): PupilRecord => ({
      id,
      sessionId: 1,
      name,
      locale: "fr",
      joinedAt: 0,
    });
    let nextId = 1;
    const sub = (pupilId: number, score: number | null, receivedAt: number): SubmissionRecord => ({
      id: nextId++,
      sessionId: 1,
      pupilId,
      source: "",
      receivedAt,
      status: score === null ? "queued" : "graded",
      score,
      maxScore: score === null ? null : 40,
      runs: score === null ? null : [],
      gradedAt: score === null ? null : receivedAt + 1,
    });
    const pupils = [pupil(1, "Zoé"), pupil(2, "Ali"), pupil(3, "Marc"), pupil(4, "Inès")];
    const rows = scoreboard(pupils, [
      sub(1, 30, 5000),
      sub(1, 10, 9000),
      sub(2, 30, 4000), // same best as Zoé, sent earlier: ahead
      sub(3, null, 3000), // not graded yet
      sub(2, 20, 8000),
    ]);
    expect(rows.map((r) => [r.rank, r.name, r.best, r.submissions])).toEqual([
      [1, "Ali", 30, 2],
      [2, "Zoé", 30, 2],
      [null, "Inès", null, 0],
      [null, "Marc", null, 1],
    ]);
    expect(rows[0]!.at).toBe(new Date(4000).toISOString());
    expect(rows[0]!.submissionId).toBe(3);
  });
});
