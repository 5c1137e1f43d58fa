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
    expect(err.join("\n")).toContain("Utilisation");
  });
});
