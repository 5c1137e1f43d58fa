import { describe, expect, it } from "vitest";
import { CATALOGUE, loadArena } from "../../simulator/index.ts";
import { packChallenge, PACK_IDS } from "../pack/data.ts";
import { runArena, scoringLabels } from "../setup.ts";
import { score, type RunFacts } from "./score.ts";

describe("scoring lines agree with the names", () => {
  it("every catalogue item knows the gender of its French name", () => {
    for (const item of CATALOGUE) expect(["f", "m"], item.id).toContain(item.gender.fr);
  });

  it("every zone a pack challenge scores has a French gender", () => {
    for (const id of PACK_IDS) {
      const challenge = packChallenge(id);
      const zone = challenge.scoring.reachZone?.zone;
      if (zone) expect(challenge.labels.zones[zone]?.gender?.fr, id).toBeDefined();
    }
  });

  it("« la canette est tombée », « le pot est tombé », from the catalogue's names", () => {
    const challenge = packChallenge("trieur-5-finale");
    const arena = loadArena(runArena(challenge, 1));
    const labels = scoringLabels(challenge, arena);
    const withGender = (gender: "f" | "m") =>
      challenge.items.set.find((id) => labels.items[id]?.gender?.fr === gender)!;
    const [feminine, masculine] = [withGender("f"), withGender("m")];
    expect(feminine && masculine).toBeTruthy();
    const facts: RunFacts = {
      outcome: "finished",
      simTime: 12,
      items: [feminine, masculine].map((id) => ({
        id: `${id}-1`,
        catalogueId: id,
        kind: "metal",
        binId: null,
        onTable: false,
      })),
      robot: { onTable: true, zones: [] },
      contacts: [],
    };
    const rules = { ...challenge.scoring, itemOffTable: -3 };
    const lines = score(rules, challenge.sorting, facts, labels)
      .breakdown.filter((l) => l.points === -3)
      .map((l) => l.reason.fr);
    expect(lines).toEqual([
      `la ${labels.items[feminine]!.fr} est tombée de la table`,
      `le ${labels.items[masculine]!.fr} est tombé de la table`,
    ]);
  });
});
