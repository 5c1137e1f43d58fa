/**
 * The golden traces: the trace hash and final-state hash of reference runs, which every change
 * that is not meant to change the physics must keep (challenges/pack/solutions.test.ts checks
 * them). The runs: every challenge's reference solution on seeds 1..5, and the simulator
 * benchmark's busy program on the final, seeds 1..3.
 *
 *   node --import tsx tools/golden/traces.ts          → writes challenges/pack/golden-traces.json
 *
 * Regenerate only for a change that must move the hashes (a physics change), and say so.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  FLAGSHIP_ID,
  PACK_IDS,
  resolveChallenge,
  runChallenge,
  solutionFile,
} from "../../challenges/node.ts";
import { compile } from "../../runtime/index.ts";
import { BENCH_PROGRAM } from "../../bench/simulator.bench.ts";

export const GOLDEN_FILE = fileURLToPath(
  new URL("../../challenges/pack/golden-traces.json", import.meta.url),
);
export const SOLUTION_SEEDS = [1, 2, 3, 4, 5];
export const BUSY_SEEDS = [1, 2, 3];

/** `<challenge> seed <n>` or `busy <challenge> seed <n>` → `<trace hash>/<state hash>`. */
export type GoldenTraces = Record<string, string>;

async function main(): Promise<void> {
  const golden: GoldenTraces = {};
  const runs: { key: string; source: string; challenge: string; seed: number }[] = [];
  for (const id of PACK_IDS) {
    const source = readFileSync(solutionFile(id), "utf8");
    for (const seed of SOLUTION_SEEDS)
      runs.push({ key: `${id} seed ${seed}`, source, challenge: id, seed });
  }
  for (const seed of BUSY_SEEDS) {
    runs.push({
      key: `busy ${FLAGSHIP_ID} seed ${seed}`,
      source: BENCH_PROGRAM,
      challenge: FLAGSHIP_ID,
      seed,
    });
  }
  for (const run of runs) {
    const compiled = compile(run.source, { locale: "en" });
    if (!compiled.ok) throw new Error(`${run.key}: ${compiled.diagnostics[0]?.message}`);
    const { challenge } = resolveChallenge(run.challenge);
    const result = await runChallenge({
      source: compiled,
      challenge,
      seed: run.seed,
      locale: "en",
    });
    golden[run.key] = `${result.trace!.hash}/${result.trace!.stateHash}`;
    process.stderr.write(`${run.key}: ${golden[run.key]} (${result.score}/${result.maxScore})\n`);
  }
  writeFileSync(GOLDEN_FILE, JSON.stringify(golden, null, 2) + "\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
