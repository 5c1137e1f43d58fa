import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalizedError } from "../../runtime/index.ts";
import { parseChallenge } from "./load.ts";
import { loadChallengeFile } from "./load.node.ts";
import { migrate } from "./migrate.ts";
import { CHALLENGE_SCHEMA_VERSION } from "./schema.ts";

const v1File = join(import.meta.dirname, "fixtures", "v1-two-bins.json");

function minimal(): Record<string, unknown> {
  return {
    schemaVersion: 2,
    id: "mini",
    title: { fr: "Mini", en: "Mini" },
    instructions: { fr: "Avance.", en: "Go forward." },
    arena: {
      version: 1,
      table: { width: 100, depth: 60 },
      bins: [
        {
          id: "bin-yellow",
          position: { x: 80, y: 30 },
          size: { width: 20, depth: 20 },
          color: "yellow",
        },
      ],
      markings: [
        { shape: "circle", center: { x: 50, y: 30 }, radius: 10, color: "blue", zone: "goal" },
      ],
      obstacles: [
        { id: "rock", center: { x: 30, y: 10 }, size: { width: 5, depth: 5, height: 5 } },
      ],
      start: { x: 10, y: 30 },
    },
    items: { set: ["plastic-bottle"], placement: { mode: "fixed", spots: [{ x: 0, y: 0 }] } },
    timeLimit: 30,
    sorting: { plastic: "bin-yellow" },
    scoring: { correctBin: 10 },
  };
}

function errorOf(fn: () => unknown): LocalizedError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LocalizedError) return error;
    throw error;
  }
  throw new Error("no error thrown");
}

describe("challenge format", () => {
  it("accepts a current file and fills defaults", () => {
    const challenge = parseChallenge(minimal());
    expect(challenge.kit.profile).toBe("2wd");
    expect(challenge.scoring.wrongBin).toBe(0);
    expect(challenge.items.randomHeading).toBe(true);
  });

  it("migrates a version 1 file to the current version", () => {
    const challenge = loadChallengeFile(v1File);
    expect(challenge.schemaVersion).toBe(CHALLENGE_SCHEMA_VERSION);
    expect(challenge.title).toEqual({ fr: "Deux bacs", en: "Deux bacs" });
    expect(challenge.items.set).toEqual(["plastic-bottle", "newspaper"]);
    expect(challenge.items.placement).toEqual({
      mode: "fixed",
      spots: [
        { x: 40, y: 20 },
        { x: 40, y: 70 },
      ],
      shuffle: true,
    });
    expect(challenge.sorting).toEqual({ plastic: "bin-yellow", paper: "bin-blue" });
    expect(challenge.scoring).toMatchObject({ correctBin: 10, wrongBin: -5, itemOffTable: -3 });
    expect(challenge.arena).toMatchObject({ version: 1, table: { width: 120, depth: 90 } });
  });

  it("reports where the migration started", () => {
    const outcome = migrate({ version: 1, title: "x" });
    expect(outcome).toMatchObject({ ok: true, from: 1, value: { schemaVersion: 2 } });
  });

  it("refuses a file from a newer version, in the pupil's language", () => {
    const error = errorOf(() => parseChallenge({ ...minimal(), schemaVersion: 99 }, "futur.json"));
    expect(error.localized("fr")).toContain("version plus récente");
    expect(error.localized("en")).toContain("newer version");
    expect(error.localized("en")).toContain("99");
  });

  it("refuses a file without a version", () => {
    const { schemaVersion: _v, ...rest } = minimal();
    expect(errorOf(() => parseChallenge(rest)).localized("en")).toContain("schemaVersion");
  });

  const broken: [string, (c: Record<string, unknown>) => void, string, string][] = [
    ["missing time limit", (c) => delete c.timeLimit, "timeLimit", "required field missing"],
    ["time limit as text", (c) => (c.timeLimit = "60"), "timeLimit", "expected: number"],
    [
      "negative bin points",
      (c) => (c.scoring = { correctBin: -1 }),
      "scoring.correctBin",
      "too small",
    ],
    ["unknown kind", (c) => (c.sorting = { plastik: "bin" }), "sorting", "plastik"],
    ["missing English title", (c) => (c.title = { fr: "Mini" }), "title.en", "required"],
    ["unknown field", (c) => (c.bonus = 3), "bonus", "unknown field"],
    [
      "too few spots",
      (c) => ((c.items as Record<string, unknown>).set = ["a", "b"]),
      "items.placement.spots",
      "at least one spot per item",
    ],
    [
      "bad placement mode",
      (c) => ((c.items as Record<string, unknown>).placement = { mode: "scatter" }),
      "items.placement",
      "field",
    ],
  ];
  for (const [name, breakIt, field, detail] of broken) {
    it(`names the field: ${name}`, () => {
      const raw = minimal();
      breakIt(raw);
      const error = errorOf(() => parseChallenge(raw, "mini.json"));
      expect(error.localized("en")).toContain(`field "${field}`);
      expect(error.localized("en")).toContain(detail);
      expect(error.localized("fr")).toContain(`champ « ${field}`);
    });
  }

  const crossChecks: [string, (c: Record<string, unknown>) => void, string, string][] = [
    [
      "unknown catalogue item",
      (c) => ((c.items as { set: string[] }).set = ["unicorn"]),
      "items.set[0]",
      "unicorn",
    ],
    ["unknown bin", (c) => (c.sorting = { plastic: "bin-pink" }), "sorting.plastic", "bin-pink"],
    [
      "unknown zone",
      (c) => (c.scoring = { reachZone: { zone: "moon", points: 5 } }),
      "scoring.reachZone.zone",
      "moon",
    ],
    [
      "unknown obstacle",
      (c) => (c.scoring = { obstacleContact: { obstacles: ["rock", "tree"], points: -1 } }),
      "scoring.obstacleContact.obstacles[1]",
      "tree",
    ],
    [
      "bad arena",
      (c) => ((c.arena as Record<string, unknown>).table = { width: -3, depth: 60 }),
      "arena.table.width",
      "arena",
    ],
    [
      "items in the arena",
      (c) =>
        ((c.arena as Record<string, unknown>).items = [{ item: "ball", position: { x: 1, y: 1 } }]),
      "arena.items",
      "items",
    ],
  ];
  for (const [name, breakIt, field, detail] of crossChecks) {
    it(`checks ids against the arena and catalogue: ${name}`, () => {
      const raw = minimal();
      breakIt(raw);
      const error = errorOf(() => parseChallenge(raw, "mini.json"));
      expect((error as LocalizedError & { field?: string }).field).toBe(field);
      expect(error.localized("en")).toContain(detail);
      expect(error.localized("fr")).toContain("mini.json");
    });
  }

  it("reports unreadable and non-JSON files", () => {
    const dir = mkdtempSync(join(tmpdir(), "challenge-"));
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ nope");
    expect(errorOf(() => loadChallengeFile(bad)).localized("fr")).toContain("pas du JSON valide");
    expect(errorOf(() => loadChallengeFile(join(dir, "absent.json"))).localized("en")).toContain(
      "Cannot read",
    );
  });
});
