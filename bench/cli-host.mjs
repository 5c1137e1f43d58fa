// The in-process side of bench/cli.bench.ts: one process runs a program on a challenge from the
// built modules (dist/node/), once to warm up and then `runs` times, and prints each run's real-time
// factor (simulated s / wall s) as JSON. Usage: node cli-host.mjs <program.ts> <challenge> <runs>
import { readFileSync } from "node:fs";

const [file, challengeId, runs] = process.argv.slice(2);
// The modules `robotyc run` loads (the build emits a part's entry only if something imports it whole).
const challenges = await import("../dist/node/cli/work/run.js");
challenges.tuneSimulationHost();
const { challenge } = challenges.resolveChallenge(challengeId);
const compiled = await challenges.compileIsolated(readFileSync(file), { locale: "en" });
await challenges.closeCompiler();
const factors = [];
for (let run = 0; run <= Number(runs); run++) {
  const start = performance.now();
  const result = await challenges.runChallenge({
    source: compiled,
    challenge,
    seed: 1,
    locale: "en",
  });
  if (run > 0) factors.push(result.simTime / ((performance.now() - start) / 1000));
}
process.stdout.write(JSON.stringify(factors) + "\n");
