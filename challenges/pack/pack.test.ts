import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { loadArena } from "../../simulator/index.ts";
import { runArena } from "../setup.ts";
import { PACK_IDS, loadPack, packFile } from "./index.ts";

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
