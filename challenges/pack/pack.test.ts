import { readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { loadArena } from "../../simulator/index.ts";
import { runArena } from "../setup.ts";
import { loadChallengeFile } from "../format/load.node.ts";
import { PACK_IDS, loadPack, packChallenge, packSolution } from "./data.ts";
import { packFile, solutionFile } from "./files.node.ts";

describe("the pack", () => {
  it("every challenge folder is listed and loads", () => {
    const folders = readdirSync(dirname(dirname(packFile("x"))), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual([...PACK_IDS].sort());
    const pack = loadPack();
    expect(pack.map((c) => c.id)).toEqual([...PACK_IDS]);
  });

  it("the arena of every seed loads in the simulator", () => {
    for (const challenge of loadPack()) {
      for (const seed of [1, 2, 3, 4, 5]) {
        const arena = loadArena(runArena(challenge, seed));
        expect(arena.items.length).toBe(challenge.items.draw ?? challenge.items.set.length);
      }
    }
  });
});

describe("the pack as data (the browser's copy)", () => {
  it("holds every solution exactly as its file (regenerate: write-solutions.node.ts)", async () => {
    const { GENERATED_FILE, solutionsModule } = await import("./write-solutions.node.ts");
    expect(readFileSync(GENERATED_FILE, "utf8")).toBe(solutionsModule());
    for (const id of PACK_IDS)
      expect(packSolution(id)).toBe(readFileSync(solutionFile(id), "utf8"));
  });

  it("gives the same challenges as the files on disk", () => {
    for (const id of PACK_IDS) expect(packChallenge(id)).toEqual(loadChallengeFile(packFile(id)));
  });
});
