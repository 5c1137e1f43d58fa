/**
 * Golden files, both ways. TypeScript programs (ours, every challenge's reference solution and
 * the examples) → blocks (`expected/<name>.blocks.json`) → TypeScript (`expected/<name>.ts`);
 * blocks made in the editor (`golden/blocks/*.json`) → TypeScript. And switching never drifts:
 * Blocks → TS → Blocks → TS gives the same TypeScript.
 * TypeScript → Blocks → TypeScript also keeps what the program does: every program runs before
 * and after in the real simulator (a reference solution on its challenge, the others on
 * trieur-4-classer), same seed, and gives the same trace hash, score, outcome and prints.
 * `UPDATE_GOLDEN=1 npx vitest run desktop/renderer/editors/convert` rewrites the expected files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { resolveChallenge, runChallenge } from "../../../../challenges/node.ts";
import { blocksToTypeScript, typeScriptToBlocks, type WorkspaceState } from "./index.ts";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../../..");
const golden = join(here, "fixtures", "golden");
const expected = join(golden, "expected");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

/** Every TypeScript program of the golden set: name → source file. */
function goldenPrograms(): { name: string; file: string }[] {
  const ours = readdirSync(join(golden, "ts"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => ({ name: basename(f, ".ts"), file: join(golden, "ts", f) }));
  const pack = readdirSync(join(repo, "challenges", "pack"))
    .filter((d) => existsSync(join(repo, "challenges", "pack", d, "solution.ts")))
    .map((d) => ({
      name: `solution-${d}`,
      file: join(repo, "challenges", "pack", d, "solution.ts"),
    }));
  const examples = readdirSync(join(repo, "examples"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => ({ name: `example-${basename(f, ".ts")}`, file: join(repo, "examples", f) }));
  return [...ours, ...pack, ...examples].sort((a, b) => a.name.localeCompare(b.name));
}

const blockPrograms = readdirSync(join(golden, "blocks"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({ name: `blocks-${basename(f, ".json")}`, file: join(golden, "blocks", f) }));

function matchFile(file: string, actual: string) {
  if (UPDATE || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

const json = (state: WorkspaceState) => `${JSON.stringify(state, null, 2)}\n`;

/** TS → Blocks → TS once more: must give the same TypeScript. */
function roundTrip(code: string): string {
  return blocksToTypeScript(typeScriptToBlocks(code, ts).state).code;
}

describe("golden files", () => {
  it("hold at least 30 programs, every challenge solution and example among them", () => {
    const programs = goldenPrograms();
    expect(programs.length + blockPrograms.length).toBeGreaterThanOrEqual(30);
    expect(programs.filter((p) => p.name.startsWith("solution-")).length).toBe(7);
    expect(programs.some((p) => p.name.startsWith("example-"))).toBe(true);
  });

  describe.each(goldenPrograms())("TypeScript $name", ({ name, file }) => {
    const source = readFileSync(file, "utf8");
    const blocks = typeScriptToBlocks(source, ts);
    const back = blocksToTypeScript(blocks.state).code;

    it("→ blocks", () => matchFile(join(expected, `${name}.blocks.json`), json(blocks.state)));
    it("→ blocks → TypeScript", () => matchFile(join(expected, `${name}.ts`), back));
    it("Blocks → TS → Blocks → TS is a fixed point", () => expect(roundTrip(back)).toBe(back));
  });

  describe.each(blockPrograms)("Blocks $name", ({ name, file }) => {
    const state = JSON.parse(readFileSync(file, "utf8")) as WorkspaceState;
    const code = blocksToTypeScript(state).code;

    it("→ TypeScript", () => matchFile(join(expected, `${name}.ts`), code));
    it("Blocks → TS → Blocks → TS is a fixed point", () => expect(roundTrip(code)).toBe(code));
  });
});

async function run(source: string, challengeId: string) {
  const { challenge } = resolveChallenge(challengeId);
  const prints: string[] = [];
  const result = await runChallenge({
    source,
    challenge,
    seed: 1,
    locale: "en",
    print: (text) => prints.push(text),
  });
  return {
    outcome: result.outcome,
    score: result.score,
    hash: result.trace?.hash,
    // A compile error names a line, which moves when the program is laid out again.
    error: result.error && {
      stage: result.error.stage,
      message: result.error.message.replace(/^(Ligne|Line) \d+, col\w* \d+ ?: /, ""),
    },
    prints,
  };
}

describe("TS → Blocks → TS keeps the program's behaviour", () => {
  it.each(goldenPrograms())(
    "$name runs the same before and after",
    { timeout: 120_000 },
    async ({ name, file }) => {
      const source = readFileSync(file, "utf8");
      const converted = blocksToTypeScript(typeScriptToBlocks(source, ts).state).code;
      const challenge = name.startsWith("solution-")
        ? name.slice("solution-".length)
        : "trieur-4-classer";
      const before = await run(source, challenge);
      const after = await run(converted, challenge);
      expect(after).toEqual(before);
      if (name.startsWith("solution-")) {
        expect(before.outcome).toBe("finished");
        expect(before.hash).toMatch(/\w{8,}/);
      }
    },
  );
});
