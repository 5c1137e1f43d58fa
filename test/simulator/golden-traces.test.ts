/**
 * The golden traces of busy runs (challenges/pack/golden-traces.json, tools/golden/traces.ts):
 * the simulator benchmark's program, which drives, reads every sensor in tight loops, grabs and
 * classifies, on the final, seeds 1..3. A change that is not meant to change the physics (a faster
 * step, fewer reads of the engine) keeps every hash; the solutions' hashes are checked with their
 * scores (challenges/pack/solutions.test.ts).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FLAGSHIP_ID, resolveChallenge, runChallenge } from "../../challenges/node.ts";
import { compile } from "../../runtime/index.ts";
import { BENCH_PROGRAM } from "../../bench/simulator.bench.ts";
import { BUSY_SEEDS, GOLDEN_FILE, type GoldenTraces } from "../../tools/golden/traces.ts";

describe("golden traces", () => {
  it(
    "busy runs on the final keep their trace and final-state hashes",
    { timeout: 300_000 },
    async () => {
      const golden = JSON.parse(readFileSync(GOLDEN_FILE, "utf8")) as GoldenTraces;
      const compiled = compile(BENCH_PROGRAM, { locale: "en" });
      const { challenge } = resolveChallenge(FLAGSHIP_ID);
      const traces: GoldenTraces = {};
      const expected: GoldenTraces = {};
      for (const seed of BUSY_SEEDS) {
        const key = `busy ${FLAGSHIP_ID} seed ${seed}`;
        const result = await runChallenge({ source: compiled, challenge, seed, locale: "en" });
        traces[key] = `${result.trace!.hash}/${result.trace!.stateHash}`;
        expected[key] = golden[key]!;
      }
      expect(traces).toEqual(expected);
    },
  );
});
