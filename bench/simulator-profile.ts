/**
 * Where a busy run's time goes: CPU-profiles the simulator benchmark's program on the final
 * challenge (300 s simulated), in-process, after one warm-up run, and prints where the time went.
 *
 *   node --max-old-space-size=128 --import tsx bench/simulator-profile.ts [runs] [out.cpuprofile]
 *
 * The profile (open it in Chrome's DevTools) covers the timed runs only. The table sums CPU time
 * by what it was spent on, per run: the engine's step, its clock reads, the collector, waiting,
 * the trace hash, the sandbox's glue code, rapier's JavaScript wrappers; then the functions with
 * the most time of their own. The profiler itself costs some time: compare profiles with each
 * other, and take speed from `npm run bench -- simulator`.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import {
  FLAGSHIP_ID,
  resolveChallenge,
  runChallenge,
  tuneSimulationHost,
} from "../challenges/node.ts";
import { compile } from "../runtime/index.ts";
import { BENCH_PROGRAM } from "./simulator.bench.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const runs = Number(process.argv[2] ?? 3);
const out = process.argv[3];

tuneSimulationHost();
const { challenge } = resolveChallenge(FLAGSHIP_ID);
const compiled = compile(BENCH_PROGRAM, { locale: "en" });
const run = () => runChallenge({ source: compiled, challenge, seed: 1, locale: "en" });
await run();
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.start");
const start = performance.now();
for (let i = 0; i < runs; i++) await run();
const wall = (performance.now() - start) / 1000 / runs;
const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
if (out) writeFileSync(out, JSON.stringify(profile));

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);
const name = (node: ProfileNode) =>
  `${node.callFrame.functionName || "(anonymous)"} ${node.callFrame.url.replace(/.*\//, "")}`;

/** What a sample was spent on, from its stack (innermost first); the first rule that matches. */
const CATEGORIES: [string, (stack: string[]) => boolean][] = [
  // performance.now() through wasm-bindgen's glue before; the stopped clock since (world/rapier.ts).
  [
    "the engine's clock reads",
    (s) => s.some((f) => f.startsWith("__wbg_now") || f.startsWith("stoppedClock ")),
  ],
  // The pipeline step is the one engine call with twelve arguments.
  ["rapier's step (physics)", (s) => s.some((f) => f.startsWith("js-to-wasm:iiiiiiiiiiii"))],
  [
    "rapier's soft-body walk after its step",
    (s) => s.some((f) => f.startsWith("mapNewSoftBodies")),
  ],
  ["garbage collector", (s) => s[0]!.startsWith("(garbage collector)")],
  ["waiting (idle)", (s) => s[0]!.startsWith("(idle)")],
  ["trace hash", (s) => s.some((f) => f.startsWith("hashFrame "))],
  ["sandbox glue (quickjs-emscripten)", (s) => /chunk-|emscripten-module/.test(s[0]!)],
  ["rapier's JavaScript wrappers", (s) => s[0]!.includes("rapier.mjs")],
];
const spent = new Map<string, number>();
const self = new Map<string, number>();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  const stack: string[] = [];
  for (let at: number | undefined = profile.samples[i]; at !== undefined; at = parent.get(at)) {
    stack.push(name(byId.get(at)!));
  }
  // The profiler's own work (taking the profile) is not the run's.
  if (stack.some((f) => f.startsWith("post node:inspector"))) continue;
  total += ms;
  const category = CATEGORIES.find(([, test]) => test(stack))?.[0] ?? "everything else";
  spent.set(category, (spent.get(category) ?? 0) + ms);
  self.set(stack[0]!, (self.get(stack[0]!) ?? 0) + ms);
}

const row = (label: string, ms: number) =>
  `${(ms / runs).toFixed(0).padStart(6)} ms  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${label}`;
console.log(`${runs} runs of the busy final, ${wall.toFixed(2)} s wall a run while profiled`);
console.log("\nper run, by what the time was spent on:");
for (const [label] of [...CATEGORIES, ["everything else"]]) {
  console.log(row(label!, spent.get(label!) ?? 0));
}
console.log("\nper run, the functions with the most time of their own:");
for (const [label, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(row(label, ms));
}
process.exit(0);
