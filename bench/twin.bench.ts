/**
 * The twin (our firmware on the emulated board, real Johnny-Five and BoardRobot, the rapier world):
 * its real-time factor (board seconds per wall second, and per CPU second, which other processes
 * on the machine disturb less) on level 1's reference solution and on the final's arena, and the
 * time to Johnny-Five `ready` on the twin. Target: ≥ 2x real time, so a live twin never lags.
 *
 * The final's reference solution asks the camera, which no kit has, so it stops at its first
 * `classify()` on the twin; the final is measured with a program that uses every part the kit has
 * (driving, turning, the four sensors, the gripper) for 30 s among the final's 12 items and pillars.
 */
import { median, type BenchRow } from "./harness.ts";
import { findKit } from "../boards/index.ts";
import { compileProgram, packChallenge, packSolution, runArena } from "../challenges/index.ts";
import { loadArena, World } from "../simulator/index.ts";
import { runTwinChallenge, runTwinSimulation, Twin } from "../twin/index.ts";

// The real clock: a twin answers performance.now() in board time while it runs.
const wall = performance.now.bind(performance);
const cpu = () => process.cpuUsage().user / 1000;

const KIT_PROGRAM = `
while (true) {
  if (robot.distance() < 25) await robot.turnRight(60 + Math.random() * 60);
  else await robot.forward(15);
  robot.line();
  robot.color();
  robot.heading();
  if (await robot.grab()) await robot.release();
  robot.setMotors(40, 35);
  for (let i = 0; i < 40; i++) if (robot.distance() < 20) break;
  robot.stop();
}
`;

interface Sample {
  board: number;
  wallMs: number;
  cpuMs: number;
}

async function measure(run: () => Promise<number>): Promise<Sample> {
  const w = wall();
  const c = cpu();
  const board = await run();
  return { board, wallMs: wall() - w, cpuMs: cpu() - c };
}

function rows(name: string, samples: Sample[]): BenchRow[] {
  const perWall = median(samples.map((s) => s.board / (s.wallMs / 1000)));
  const perCpu = median(samples.map((s) => s.board / (s.cpuMs / 1000)));
  return [
    {
      suite: "twin",
      name: `real-time factor, ${name} (board s / wall s)`,
      median: perWall,
      unit: "x",
      ratio: perWall,
      target: "≥ 2x",
      ok: perWall >= 2,
      samples: samples.length,
    },
    {
      suite: "twin",
      name: `real-time factor, ${name} (board s / CPU s)`,
      median: perCpu,
      unit: "x",
      ratio: perCpu,
      samples: samples.length,
    },
  ];
}

export default async function (): Promise<BenchRow[]> {
  const kit = findKit("2wd-kit")!;

  // Johnny-Five ready: board built and booted, firmata.js and Johnny-Five connected, kit set up.
  const ready: number[] = [];
  const readyBoard: number[] = [];
  const freeTable = loadArena({
    version: 1,
    table: { width: 120, depth: 80 },
    start: { x: 20, y: 40, heading: 0 },
  });
  for (let run = 0; run < 5; run++) {
    const world = await World.create({ arena: freeTable, seed: run + 1, kit: kit.geometry });
    const start = wall();
    const twin = await Twin.boot({ world, kit });
    ready.push(wall() - start);
    readyBoard.push(twin.readySeconds * 1000);
    await twin.close();
    world.dispose();
  }

  const level1 = packChallenge("trieur-1-zone");
  const level1Source = packSolution("trieur-1-zone");
  const level1Samples: Sample[] = [];
  for (let run = 0; run < 5; run++) {
    level1Samples.push(
      await measure(async () => {
        const result = await runTwinChallenge({
          source: level1Source,
          challenge: level1,
          seed: run + 1,
          locale: "en",
        });
        return result.boardSeconds ?? 0;
      }),
    );
  }

  const final = packChallenge("trieur-5-finale");
  const compiled = await compileProgram(KIT_PROGRAM, "en");
  if (!compiled.ok) throw new Error(compiled.diagnostics[0]?.message);
  const program = compiled.program;
  const finalSamples: Sample[] = [];
  for (let run = 0; run < 3; run++) {
    finalSamples.push(
      await measure(async () => {
        const result = await runTwinSimulation({
          program,
          arena: runArena(final, run + 1),
          seed: run + 1,
          maxTime: 30,
        });
        return result.boardSeconds;
      }),
    );
  }

  return [
    ...rows("level 1, reference solution", level1Samples),
    ...rows("the final's arena, 30 s of a kit program", finalSamples),
    {
      suite: "twin",
      name: "Johnny-Five ready on the twin (wall)",
      median: median(ready),
      unit: "ms",
      target: "≤ 1000 ms",
      ok: median(ready) <= 1000,
      samples: ready.length,
    },
    {
      suite: "twin",
      name: "Johnny-Five ready on the twin (board time)",
      median: median(readyBoard),
      unit: "ms",
      samples: readyBoard.length,
    },
  ];
}
