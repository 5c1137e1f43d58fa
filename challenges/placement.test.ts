import { describe, expect, it } from "vitest";
import { challengeSchema } from "./format/schema.ts";
import { placeItems, seededRandom } from "./placement.ts";

const base = {
  schemaVersion: 2,
  id: "p",
  title: { fr: "P", en: "P" },
  instructions: { fr: "P", en: "P" },
  arena: {},
  timeLimit: 30,
  sorting: {},
  scoring: {},
};

describe("seeded placement", () => {
  it("the generator is the same on every run and differs between seeds", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    for (const x of seqA) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it("random placement keeps items apart and inside the region, same per seed", () => {
    const challenge = challengeSchema.parse({
      ...base,
      items: {
        set: ["a", "b", "c", "d", "e", "f", "a", "b"],
        draw: 6,
        placement: {
          mode: "random",
          region: { x: 0, y: 0, width: 50, height: 40 },
          minSpacing: 10,
        },
      },
    });
    const first = placeItems(challenge, 3);
    expect(placeItems(challenge, 3)).toEqual(first);
    expect(placeItems(challenge, 4)).not.toEqual(first);
    expect(first).toHaveLength(6);
    expect(new Set(first.map((i) => i.id)).size).toBe(6);
    for (const item of first) {
      expect(item.x).toBeGreaterThanOrEqual(0);
      expect(item.x).toBeLessThanOrEqual(50);
      expect(item.y).toBeGreaterThanOrEqual(0);
      expect(item.y).toBeLessThanOrEqual(40);
      for (const other of first) {
        if (other !== item)
          expect(Math.hypot(item.x - other.x, item.y - other.y)).toBeGreaterThanOrEqual(10);
      }
    }
  });

  it("fixed spots are shuffled per seed and used once each", () => {
    const spots = [0, 1, 2, 3, 4].map((n) => ({ x: n * 10, y: 0 }));
    const challenge = challengeSchema.parse({
      ...base,
      items: { set: ["a", "b", "c", "d", "e"], placement: { mode: "fixed", spots, shuffle: true } },
    });
    const orders = [1, 2, 3, 4, 5].map((seed) =>
      placeItems(challenge, seed)
        .map((i) => i.x)
        .join(","),
    );
    expect(new Set(orders).size).toBeGreaterThan(1);
    for (const order of orders)
      expect(
        order
          .split(",")
          .map(Number)
          .sort((a, b) => a - b),
      ).toEqual([0, 10, 20, 30, 40]);
  });
});
