/**
 * Runtime benchmarks: host-call overhead (sensor read, awaited motion), sandbox start, compile time.
 * `npm run bench -- runtime`.
 */
import {
  compile,
  createScriptedDriver,
  runProgram,
  type CompiledProgram,
} from "../runtime/index.ts";
import { newQuickJSInstance } from "../runtime/sandbox/quickjs.ts";
import { median, type BenchRow } from "./harness.ts";

const SUITE = "runtime";

function compiled(source: string): CompiledProgram {
  const result = compile(source, { locale: "en" });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.program;
}

interface Timing {
  wall: number;
  /** Process CPU time: what the run cost, even when other processes share the cores. */
  cpu: number;
}

/** Milliseconds of one run (the next QuickJS instance is prepared in the pause before). */
async function runMs(program: CompiledProgram): Promise<Timing> {
  await new Promise((resolve) => setTimeout(resolve, 30));
  const driver = createScriptedDriver({ wallAt: 1e9 });
  // The sandbox's own cost is measured, not the test driver's bookkeeping of each read.
  driver.distance = () => 50;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await runProgram({ program, driver, seed: 1, limits: { instructionBudget: 1e6 } });
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  if (result.outcome !== "finished") throw new Error(JSON.stringify(result));
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

async function samples(
  program: CompiledProgram,
  runs: number,
): Promise<{ wall: number; cpu: number; n: number }> {
  await runMs(program);
  const out: Timing[] = [];
  for (let i = 0; i < runs; i++) out.push(await runMs(program));
  return { wall: median(out.map((t) => t.wall)), cpu: median(out.map((t) => t.cpu)), n: runs };
}

/** A realistic 200-line pupil program: functions, types, loops, awaits. */
export function programOf200Lines(): string {
  const out: string[] = [
    "// Tri des déchets : 200 lignes",
    "type Bac = { kind: WasteKind; x: number };",
    "interface Etape { cm: number; turn: number }",
  ];
  let i = 0;
  while (out.length < 190) {
    out.push(
      `async function etape${i}(e: Etape): Promise<number> {`,
      `  await robot.forward(e.cm + ${i});`,
      `  if (robot.distance() < 20) {`,
      `    await robot.turnRight(e.turn);`,
      `  } else {`,
      `    await robot.turnLeft(e.turn / 2);`,
      `  }`,
      `  const c = robot.color();`,
      `  return c.r + c.g + c.b + ${i};`,
      `}`,
    );
    i++;
  }
  out.push("const bacs: Bac[] = [{ kind: 'glass', x: 10 }, { kind: 'paper', x: 40 }];");
  out.push("let total = 0;");
  while (out.length < 199) out.push(`total += await etape${out.length % i}({ cm: 5, turn: 90 });`);
  out.push("print(total, bacs.length);");
  return out.join("\n");
}

export default async function runtimeBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  // Compile: the first compile parses the shipped library; later ones reuse it.
  const source = programOf200Lines();
  if (source.split("\n").length !== 200) throw new Error("the program is not 200 lines");
  const coldStart = performance.now();
  compiled(source);
  const cold = performance.now() - coldStart;
  const compileTimes: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    compiled(source + `\n// ${i}`);
    compileTimes.push(performance.now() - start);
  }
  const compileMedian = median(compileTimes);
  rows.push({
    suite: SUITE,
    name: "compile a 200-line program",
    median: compileMedian,
    unit: "ms",
    target: "≤ 300 ms",
    ok: compileMedian <= 300,
    samples: compileTimes.length,
    note: `first compile in the process: ${cold.toFixed(0)} ms`,
  });

  // Sandbox start: a run of a one-statement program, start to finish.
  const starts = await samples(compiled("const a = 1;"), 21);
  rows.push({
    suite: SUITE,
    name: "sandbox start (run of a 1-line program)",
    median: starts.wall,
    unit: "ms",
    target: "≤ 5 ms",
    ok: starts.wall <= 5,
    samples: starts.n,
    note: `CPU ${starts.cpu.toFixed(2)} ms; fresh QuickJS instance prepared between runs`,
  });
  const instanceTimes: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    await newQuickJSInstance(32 * 1024 * 1024);
    instanceTimes.push(performance.now() - start);
  }
  rows.push({
    suite: SUITE,
    name: "fresh QuickJS wasm instance (done ahead of a run)",
    median: median(instanceTimes),
    unit: "ms",
    samples: instanceTimes.length,
  });

  // Sensor read: N reads in a loop, minus the same loop without the read.
  const N = 20000;
  const withReads = await samples(
    compiled(`let s = 0;\nfor (let i = 0; i < ${N}; i++) s += robot.distance();`),
    9,
  );
  const without = await samples(compiled(`let s = 0;\nfor (let i = 0; i < ${N}; i++) s += i;`), 9);
  const perRead = (key: "wall" | "cpu") => ((withReads[key] - without[key]) / N) * 1000;
  const readUs = perRead("wall");
  rows.push({
    suite: SUITE,
    name: "sensor read (host call)",
    median: readUs,
    unit: "µs",
    target: "≤ 10 µs",
    ok: readUs <= 10,
    samples: withReads.n,
    note: `CPU ${perRead("cpu").toFixed(2)} µs; ${N} reads per run, loop cost subtracted; driver returns a constant`,
  });

  // Awaited motion: N short motions, each awaited (driver step, promise resolved by the host).
  const M = 2000;
  const motions = await samples(
    compiled(`for (let i = 0; i < ${M}; i++) await robot.forward(0.1);`),
    7,
  );
  const perMotion = (key: "wall" | "cpu") => ((motions[key] - without[key] * (M / N)) / M) * 1000;
  rows.push({
    suite: SUITE,
    name: "awaited motion (host round trip)",
    median: perMotion("wall"),
    unit: "µs",
    samples: motions.n,
    note: `CPU ${perMotion("cpu").toFixed(1)} µs; ${M} motions per run, scripted driver`,
  });
  return rows;
}
