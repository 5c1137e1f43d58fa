import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../main.ts";

const cli = fileURLToPath(new URL("../robotyc.mjs", import.meta.url));

describe("robotyc challenges", () => {
  it("--json prints exactly one JSON array of {id, title, timeLimit}", () => {
    const stdout = execFileSync(process.execPath, [cli, "challenges", "--json"], {
      env: { ...process.env, ROBOTYC_LANG: "en" },
      encoding: "utf8",
    });
    const list = JSON.parse(stdout) as { id: string; title: string; timeLimit: number }[];
    expect(list.length).toBeGreaterThanOrEqual(7);
    for (const entry of list) {
      expect(Object.keys(entry)).toEqual(["id", "title", "timeLimit"]);
      expect(entry.timeLimit).toBeGreaterThan(0);
    }
    expect(list.find((c) => c.id === "trieur-5-finale")?.title).toBe(
      "Waste sorter 5: the timed final",
    );
  });

  it("lists in French by default and refuses unknown options", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      locale: "fr" as const,
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
    };
    expect(await main(["challenges"], io)).toBe(0);
    expect(out.join("\n")).toContain("Trieur de déchets 1 : la zone de collecte");
    expect(await main(["challenges", "--yaml"], io)).toBe(2);
    expect(err.join("\n")).toContain("Option inconnue : --yaml.");
    expect(err.join("\n")).toContain("robotyc challenges --help");
  });

  it("shows a challenge as a pupil reads it: title, instructions, time limit, what scores points", async () => {
    const out: string[] = [];
    const io = { locale: "fr" as const, out: (t: string) => out.push(t), err: () => {} };
    expect(await main(["challenges", "voiture-autonome"], io)).toBe(0);
    const page = out.join("\n");
    expect(page).toContain("Voiture autonome : suivre la route, s'arrêter à l'obstacle");
    expect(page).toContain("Suis la ligne noire avec les capteurs de ligne.");
    expect(page).toContain("Temps limite : 40 s");
    expect(page).toMatch(/\+40 {2}si le robot finit dans : zone d'arrêt/);
    expect(page).toMatch(/-20 {2}à chaque contact avec : la barrière/);
    expect(page).toContain("Score maximum : 50");
  });

  it("--json gives the same challenge as data, in the asked language", () => {
    const stdout = execFileSync(
      process.execPath,
      [cli, "challenges", "trieur-4-classer", "--json"],
      {
        env: { ...process.env, ROBOTYC_LANG: "en" },
        encoding: "utf8",
      },
    );
    const brief = JSON.parse(stdout) as {
      id: string;
      title: string;
      instructions: string;
      timeLimit: number;
      points: { points: number; rule: string }[];
      sorting: { kind: string; bin: string }[];
      maxScore: number;
    };
    expect(brief.id).toBe("trieur-4-classer");
    expect(brief.title).toBe("Waste sorter 4: the camera recognises waste");
    expect(brief.instructions).toMatch(/^Six pieces of waste/);
    expect(brief.timeLimit).toBe(160);
    expect(brief.points[0]).toEqual({ points: 10, rule: "per item left in the right bin" });
    expect(brief.sorting).toContainEqual({ kind: "glass", name: "glass", bin: "green bin" });
    expect(brief.maxScore).toBe(80);
  });
});
