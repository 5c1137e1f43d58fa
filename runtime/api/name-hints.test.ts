import { describe, expect, it } from "vitest";
import { COLOR_NAMES, WASTE_KINDS } from "./types.ts";
import { NAME_HINTS, nameHint, normalizeWord } from "./name-hints.ts";
import { PUPIL_GLOBALS, ROBOT_METHODS } from "./pupil-api.ts";

describe("the name hints table", () => {
  it("points only at names that exist", () => {
    const real: Record<string, readonly string[]> = {
      robot: ROBOT_METHODS,
      global: PUPIL_GLOBALS,
      line: ["left", "center", "right"],
      color: ["name", "r", "g", "b"],
      classify: ["kind", "confidence"],
      "color-name": COLOR_NAMES,
      "waste-kind": [...WASTE_KINDS, "none"],
    };
    for (const hint of NAME_HINTS) {
      if (hint.kind === "keyword") continue;
      expect(real[hint.kind], `${hint.kind} ${hint.use}`).toContain(hint.use);
    }
  });

  it("holds words as normalizeWord writes them, each once per kind", () => {
    for (const hint of NAME_HINTS) {
      for (const word of [...hint.fr, ...hint.en]) expect(normalizeWord(word)).toBe(word);
    }
    for (const kind of new Set(NAME_HINTS.map((h) => h.kind))) {
      const words = NAME_HINTS.filter((h) => h.kind === kind).flatMap((h) => h.fr);
      expect(new Set(words).size, kind).toBe(words.length);
    }
  });

  it("answers the French names pupils type", () => {
    const robot = (word: string) => nameHint(word, ["robot"])?.use;
    expect(robot("avancer")).toBe("forward");
    expect(robot("reculer")).toBe("backward");
    expect(robot("tourner")).toBe("turnLeft");
    expect(robot("tournerGauche")).toBe("turnLeft");
    expect(robot("tourner_droite")).toBe("turnRight");
    expect(robot("couleur")).toBe("color");
    expect(robot("ligne")).toBe("line");
    expect(robot("attraper")).toBe("grab");
    expect(robot("saisir")).toBe("grab");
    expect(robot("lâcher")).toBe("release");
    expect(robot("lacher")).toBe("release");
    expect(robot("Distance")).toBe("distance");
    expect(robot("distance")).toBeUndefined();
    expect(nameHint("attendre", ["global"])?.use).toBe("wait");
    expect(nameHint("afficher", ["global"])?.use).toBe("print");
    expect(nameHint("rouge", ["color-name"])?.example).toBe('"red"');
    expect(nameHint("métal", ["waste-kind"])?.use).toBe("metal");
    expect(nameHint("si", ["keyword"])?.use).toBe("if");
    expect(nameHint("move")).toMatchObject({ use: "forward", lang: "en" });
  });

  it("keeps to the fields a value has", () => {
    expect(nameHint("gauche", ["robot", "line"], new Set(["left", "center", "right"]))?.use).toBe(
      "left",
    );
    expect(nameHint("gauche", ["robot", "line"])?.use).toBe("turnLeft");
  });
});
