import { describe, expect, it } from "vitest";
import { LocalizedError } from "../runtime/index.ts";
import { checkPlacementSeeds, mostPointsApart } from "./feasibility.ts";
import { parseChallenge, parseChallengeText } from "./format/load.ts";
import { isPackId, packChallenge, PACK_IDS } from "./pack/data.ts";

/** A small valid challenge whose items the test places. */
function withItems(items: unknown): Record<string, unknown> {
  return {
    schemaVersion: 2,
    id: "mini",
    title: { fr: "Mini", en: "Mini" },
    instructions: { fr: "Trie.", en: "Sort." },
    arena: {
      version: 1,
      table: { width: 200, depth: 100 },
      bins: [
        {
          id: "bin-yellow",
          position: { x: 180, y: 50 },
          size: { width: 20, depth: 20 },
          color: "yellow",
        },
      ],
      start: { x: 15, y: 50 },
    },
    items,
    timeLimit: 30,
    sorting: { plastic: "bin-yellow", metal: "bin-yellow" },
    scoring: { correctBin: 10 },
  };
}

const cans = (n: number) => Array.from({ length: n }, () => "drink-can");

function refusal(run: () => unknown): { fr: string; en: string; field: unknown } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LocalizedError);
    const e = error as LocalizedError & { field?: unknown };
    return { fr: e.localized("fr"), en: e.localized("en"), field: e.field };
  }
  throw new Error("the challenge was accepted");
}

describe("a challenge whose items cannot be placed is refused when it loads", () => {
  it("more items than the region can ever hold, whatever the seed", () => {
    const challenge = withItems({
      set: cans(100),
      placement: { mode: "random", region: { x: 40, y: 20, width: 60, height: 40 }, minSpacing: 9 },
    });
    const r = refusal(() => parseChallenge(challenge, "bocal.json"));
    expect(r.field).toBe("items.placement.region");
    expect(r.fr).toBe(
      "Le fichier de défi « bocal.json » est invalide : champ « items.placement.region » : 100 objets ne tiennent pas dans la zone de 60 × 40 cm à 9 cm les uns des autres (au plus 48). Agrandis « region », diminue « minSpacing » ou le nombre d'objets.",
    );
  });

  it("100 items on one spot", () => {
    const spot = { x: 100, y: 50 };
    const onOneSpot = withItems({
      set: cans(100),
      placement: { mode: "fixed", spots: Array.from({ length: 100 }, () => spot) },
    });
    const r = refusal(() => parseChallenge(onOneSpot, "tas.json"));
    expect(r.field).toBe("items.placement.spots[1]");
    expect(r.en).toContain(
      "spots no. 0 and no. 1 are 0 cm apart: two items there would be inside each other",
    );
    // A random region so small that every item lands on the same spot.
    const tiny = withItems({
      set: cans(100),
      placement: {
        mode: "random",
        region: { x: 100, y: 50, width: 3, height: 3 },
        minSpacing: 0.1,
      },
    });
    const challenge = parseChallenge(tiny, "tas.json");
    expect(refusal(() => checkPlacementSeeds(challenge, [1], "tas.json")).fr).toMatch(
      /champ « items\.placement » : avec la graine 1, drink-can-1 et drink-can-2 sont posés l'un dans l'autre/,
    );
  });

  it("spots or a region off the table", () => {
    const off = withItems({
      set: ["drink-can"],
      placement: { mode: "fixed", spots: [{ x: 250, y: 50 }] },
    });
    expect(refusal(() => parseChallenge(off, "x.json")).fr).toContain(
      "champ « items.placement.spots[0] » : la place (250, 50) est hors de la table (200 × 100 cm).",
    );
    const region = withItems({
      set: ["drink-can"],
      placement: {
        mode: "random",
        region: { x: 150, y: 20, width: 80, height: 20 },
        minSpacing: 8,
      },
    });
    expect(refusal(() => parseChallenge(region, "x.json")).field).toBe("items.placement.region");
  });

  it("a draw that finds no room for some seed, checked for every seed asked, before anything runs", () => {
    // 30 cans 12 cm apart in 80 × 60 cm: room in principle (at most 45), but the seeded draw gives up.
    const crowded = parseChallenge(
      withItems({
        set: cans(30),
        placement: {
          mode: "random",
          region: { x: 40, y: 20, width: 80, height: 60 },
          minSpacing: 12,
        },
      }),
      "serré.json",
    );
    const r = refusal(() => checkPlacementSeeds(crowded, [1, 2, 3], "serré.json"));
    expect(r.field).toBe("items.placement");
    expect(r.fr).toMatch(
      /^Le fichier de défi « serré\.json » est invalide : champ « items\.placement » : pas de place pour 30 objets .* \(graine 1\)/,
    );
    expect(r.en).not.toMatch(/placement\.ts|\n\s+at /);
  });

  it("every pack challenge places its items on seeds 1 to 20", () => {
    for (const id of PACK_IDS) {
      expect(isPackId(id)).toBe(true);
      expect(() => checkPlacementSeeds(packChallenge(id), range(1, 20), id)).not.toThrow();
    }
  });

  it("packing bound: what the area allows", () => {
    expect(mostPointsApart(10, 0, 10)).toBeGreaterThanOrEqual(2);
    expect(mostPointsApart(60, 40, 9)).toBe(48);
  });
});

describe("invalid JSON names its line and column, in the reader's language", () => {
  it.each([
    ['{\n  "id": "x",\n}\n', 2, 12, "virgule en trop : rien ne la suit dans la liste"],
    ['{\n  "id": "x"\n  "title": 3\n}', 2, 12, "il manque une virgule après cet élément"],
    ["{\n  id: 1\n}", 2, 3, 'un nom de champ s\'écrit entre guillemets doubles ("nom")'],
    [
      "{\n  \"id\": 'x'\n}",
      2,
      9,
      "le JSON veut des guillemets doubles (\"), pas des apostrophes (')",
    ],
    ['{\n  // défi\n  "id": 1\n}', 2, 3, "le JSON n'admet pas de commentaires"],
    [
      '{\n  "id": [1, 2\n',
      3,
      1,
      "le texte s'arrête avant la fin (un « } » ou un « ] » manque-t-il ?)",
    ],
    ['{ "é": 1 } x', 1, 12, "caractère inattendu « x »"],
  ])("%j → line %i, column %i", (text, line, column, what) => {
    const r = refusal(() => parseChallengeText(text, "défi.json"));
    expect(r.fr).toBe(
      `Le fichier de défi « défi.json » n'est pas du JSON valide : ligne ${line}, colonne ${column} : ${what}.`,
    );
    expect(r.en).toMatch(new RegExp(`is not valid JSON: line ${line}, column ${column}: `));
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
