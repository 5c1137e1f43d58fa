import { describe, expect, it } from "vitest";
import { LocalizedError } from "../../runtime/index.ts";
import { REFERENCE_ARENA } from "../arenas/reference.ts";
import { CATALOGUE, ITEM_KINDS, catalogueItem } from "../items/catalogue.ts";
import { Random } from "../random.ts";
import { loadArena } from "./load.ts";
import { placeItems } from "./placement.ts";
import { MAX_ARENA_ITEMS } from "./schema.ts";

const minimal = () => ({
  version: 1,
  table: { width: 100, depth: 80 },
  start: { x: 20, y: 20 },
});

function loadError(input: unknown): LocalizedError {
  try {
    loadArena(input);
  } catch (error) {
    expect(error).toBeInstanceOf(LocalizedError);
    return error as LocalizedError;
  }
  throw new Error("the arena was accepted");
}

describe("loadArena", () => {
  it("accepts a minimal arena and fills defaults", () => {
    const arena = loadArena(minimal());
    expect(arena.border).toBeNull();
    expect(arena.bins).toEqual([]);
    expect(arena.start.heading).toBe(0);
    expect(arena.table.color).toBe("white");
  });

  it("accepts the reference arena, from an object or JSON text", () => {
    expect(loadArena(REFERENCE_ARENA).bins).toHaveLength(6);
    expect(loadArena(JSON.stringify(REFERENCE_ARENA)).markings).toHaveLength(3);
  });

  it("names the bad field, in French and English", () => {
    const arena = {
      ...minimal(),
      bins: [0, 1, 2].map((i) => ({
        id: `b${i}`,
        position: { x: 10 * i + 10, y: 10 },
        size: { width: i === 2 ? -3 : 10, depth: 10 },
        color: "blue",
      })),
    };
    const error = loadError(arena);
    expect(error.localized("en")).toContain("bins[2].size.width");
    expect(error.localized("fr")).toContain("bins[2].size.width");
    expect(error.localized("fr")).toContain("Arène invalide");
    expect(error.localized("en")).toContain("at least");
  });

  it("names a missing field, an unknown colour and an unknown key", () => {
    expect(loadError({ version: 1, start: { x: 0, y: 0 } }).localized("en")).toMatch(
      /table.*required/,
    );
    const colour = loadError({
      ...minimal(),
      markings: [{ shape: "circle", center: { x: 1, y: 1 }, radius: 3, color: "pink" }],
    });
    expect(colour.localized("en")).toContain("markings[0].color");
    expect(colour.localized("fr")).toContain("l'une de ces valeurs");
    expect(loadError({ ...minimal(), tabel: 3 }).localized("en")).toContain("tabel");
  });

  it("names the field of a malformed spawn rule", () => {
    const error = loadError({
      ...minimal(),
      items: [{ random: { region: { x: 0, y: 0, width: 50 }, items: ["drink-can"] } }],
    });
    expect(error.localized("en")).toContain("items[0].random.region.depth");
  });

  it("refuses unknown catalogue ids and duplicate ids", () => {
    expect(
      loadError({ ...minimal(), items: [{ item: "unicorn", position: { x: 5, y: 5 } }] }).localized(
        "en",
      ),
    ).toContain("items[0].item");
    const bin = { position: { x: 10, y: 10 }, size: { width: 5, depth: 5 }, color: "red" };
    expect(
      loadError({
        ...minimal(),
        bins: [
          { id: "a", ...bin },
          { id: "a", ...bin },
        ],
      }).localized("fr"),
    ).toContain("bins[1].id");
  });

  it("refuses 10,000 items with a clear limit, quickly", () => {
    const fixed = Array.from({ length: 10_000 }, (_, i) => ({
      item: "drink-can",
      position: { x: i % 100, y: 10 },
    }));
    const error = loadError({ ...minimal(), items: fixed });
    expect(error.localized("en")).toBe(
      `Arena refused: 10000 items to place, the limit is ${MAX_ARENA_ITEMS}`,
    );
    expect(error.localized("fr")).toContain("la limite est");
    const drawn = loadError({
      ...minimal(),
      items: [
        { random: { region: { x: 0, y: 0, width: 9, depth: 9 }, items: ["ball"], count: 10_000 } },
      ],
    });
    expect(drawn.localized("en")).toContain("10000 items");
  });

  it("refuses bad JSON, a non-object and a newer version", () => {
    expect(loadError("{").localized("en")).toContain("unreadable JSON");
    expect(loadError([1]).localized("en")).toContain("JSON object");
    expect(loadError({ ...minimal(), version: 99 }).localized("fr")).toContain("mettez");
  });
});

describe("placeItems", () => {
  it("places seeded items inside their region, apart, the same way for the same seed", () => {
    const arena = loadArena(REFERENCE_ARENA);
    const a = placeItems(arena, new Random(7));
    const b = placeItems(arena, new Random(7));
    const c = placeItems(arena, new Random(8));
    expect(a).toHaveLength(20);
    expect(a).toEqual(b);
    expect(a.map((p) => [p.x, p.y])).not.toEqual(c.map((p) => [p.x, p.y]));
    for (const p of a) {
      expect(p.x).toBeGreaterThanOrEqual(45);
      expect(p.x).toBeLessThanOrEqual(145);
      expect(p.y).toBeGreaterThanOrEqual(28);
      expect(p.y).toBeLessThanOrEqual(88);
    }
    expect(new Set(a.map((p) => p.id)).size).toBe(20);
  });

  it("says so when a region cannot hold its items", () => {
    const arena = loadArena({
      ...minimal(),
      items: [
        {
          random: { region: { x: 0, y: 0, width: 10, depth: 10 }, items: ["ball"], count: 30 },
        },
      ],
    });
    expect(() => placeItems(arena, new Random(1))).toThrow(/items\[0\]\.random\.region/);
  });
});

describe("catalogue", () => {
  it("has at least 12 waste items over the six kinds, each complete", () => {
    const waste = CATALOGUE.filter((e) => e.kind !== "ball" && e.kind !== "obstacle");
    expect(waste.length).toBeGreaterThanOrEqual(12);
    expect(new Set(waste.map((e) => e.kind)).size).toBe(6);
    expect(catalogueItem("ball")?.kind).toBe("ball");
    for (const entry of CATALOGUE) {
      expect(ITEM_KINDS).toContain(entry.kind);
      expect(entry.name.fr.length).toBeGreaterThan(0);
      expect(entry.name.en.length).toBeGreaterThan(0);
      expect(entry.mass).toBeGreaterThan(0);
      for (const c of [...entry.colors.main, ...entry.colors.accent]) {
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(255);
      }
    }
    expect(new Set(CATALOGUE.map((e) => e.id)).size).toBe(CATALOGUE.length);
  });
});

describe("placeItems avoidance", () => {
  it("keeps random items off obstacles, bins and the robot's start", () => {
    const arena = loadArena({
      version: 1,
      table: { width: 100, depth: 100 },
      start: { x: 20, y: 20 },
      obstacles: [{ center: { x: 60, y: 60 }, size: { width: 20, depth: 20, height: 10 } }],
      bins: [
        { id: "b", position: { x: 80, y: 20 }, size: { width: 20, depth: 20 }, color: "blue" },
      ],
      items: [
        {
          random: {
            region: { x: 0, y: 0, width: 100, depth: 100 },
            items: ["drink-can"],
            count: 25,
          },
        },
      ],
    });
    for (const seed of [1, 2, 3]) {
      for (const p of placeItems(arena, new Random(seed))) {
        expect(Math.hypot(p.x - 20, p.y - 20)).toBeGreaterThan(22);
        expect(Math.abs(p.x - 60) < 13.3 && Math.abs(p.y - 60) < 13.3).toBe(false);
        expect(Math.abs(p.x - 80) < 13.3 && Math.abs(p.y - 20) < 13.3).toBe(false);
      }
    }
  });
});
