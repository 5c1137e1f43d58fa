import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../main.ts";

/** A made-up picture: a coloured disc on a light background, varied by `i`. */
function rgba(i: number): Buffer {
  const out = Buffer.alloc(64 * 64 * 4, 255);
  for (let y = 0; y < 64; y++) {
    for (let x = 0; x < 64; x++) {
      const inside = (x - 30 - i * 3) ** 2 + (y - 34) ** 2 < 200;
      const p = (y * 64 + x) * 4;
      out[p] = inside ? 40 + i * 90 : 220 - y;
      out[p + 1] = inside ? 120 : 215 - x / 2;
      out[p + 2] = inside ? 200 - i * 80 : 205;
    }
  }
  return out;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "classify-cli-"));
  mkdirSync(join(dir, "folder"));
  const png = new PNG({ width: 64, height: 64 });
  rgba(0).copy(png.data);
  writeFileSync(join(dir, "folder", "b.png"), PNG.sync.write(png));
  writeFileSync(
    join(dir, "folder", "a.jpg"),
    jpeg.encode({ width: 64, height: 64, data: rgba(1) }, 90).data,
  );
  writeFileSync(join(dir, "folder", "notes.txt"), "not an image");
  writeFileSync(join(dir, "c.png"), PNG.sync.write(png));
  writeFileSync(join(dir, "broken.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
  mkdirSync(join(dir, "empty"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], locale: "fr" | "en" = "en") {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["classify", ...args], {
    locale,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("robotyc classify", () => {
  it("--json prints one array, in the order given, folders expanded sorted", async () => {
    const r = await run([join(dir, "c.png"), join(dir, "folder"), "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as {
      file: string;
      kind: string;
      confidence: number;
      scores: Record<string, number>;
    }[];
    expect(rows.map((row) => row.file)).toEqual([
      join(dir, "c.png"),
      join(dir, "folder", "a.jpg"),
      join(dir, "folder", "b.png"),
    ]);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(["file", "kind", "confidence", "scores"]);
      // Every class's probability, so that a teacher can explain a "none" answer.
      expect(Object.keys(row.scores)).toEqual([
        "plastic",
        "paper",
        "glass",
        "metal",
        "organic",
        "residual",
      ]);
      const values = Object.values(row.scores);
      expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
      expect(Math.max(...values)).toBeCloseTo(row.confidence, 4);
      if (row.kind !== "none") expect(row.scores[row.kind]).toBe(Math.max(...values));
      expect(["plastic", "paper", "glass", "metal", "organic", "residual", "none"]).toContain(
        row.kind,
      );
      expect(row.confidence).toBeGreaterThanOrEqual(0);
      expect(row.confidence).toBeLessThanOrEqual(1);
    }
    // the same picture as PNG gives the same answer wherever it is
    expect(rows[0]!.kind).toBe(rows[2]!.kind);
    expect(rows[0]!.confidence).toBe(rows[2]!.confidence);
  });

  it("as a process, stdout is exactly the JSON array (TF.js notices go elsewhere)", () => {
    const cli = new URL("../robotyc.mjs", import.meta.url).pathname;
    const r = spawnSync(process.execPath, [cli, "classify", join(dir, "folder"), "--json"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { file: string }[];
    expect(rows.map((row) => row.file)).toEqual([
      join(dir, "folder", "a.jpg"),
      join(dir, "folder", "b.png"),
    ]);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("prints localized lines without --json", async () => {
    const r = await run([join(dir, "c.png")], "fr");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/c\.png : .+ \(\d+ %\)/);
  });

  it("reports a damaged image on stderr, keeps its place in the array, exits 1", async () => {
    const r = await run([join(dir, "broken.jpg"), join(dir, "c.png"), "--json"]);
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.out) as { file: string; kind: string }[];
    expect(rows.map((row) => row.kind)[0]).toBe("error");
    expect(rows).toHaveLength(2);
    expect(r.err).toContain("damaged");
  });

  it("exits 2 on bad usage, with a localized message", async () => {
    expect((await run([])).code).toBe(2);
    const unknown = await run(["--fast", join(dir, "c.png")], "fr");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Option inconnue");
    expect((await run([join(dir, "missing.png")])).code).toBe(2);
    expect((await run([join(dir, "empty")])).code).toBe(2);
    expect((await run([join(dir, "c.png"), "--model"])).code).toBe(2);
  });

  it("names a model folder that is not a model", async () => {
    const r = await run([join(dir, "c.png"), "--model", join(dir, "empty")]);
    expect(r.code).toBe(1);
    // Which file is missing and why, in words: never ENOENT and the path the system tried.
    expect(r.err).toBe(
      `Model not found: "${join(dir, "empty")}" (model.json: it does not exist). Give the folder of a classifier model (model.json and its weights files).`,
    );
    expect(r.out).toBe("");
  });
});
