/**
 * Runs a pupil program (moving, reading every sensor the kit has, grabbing, Math.random) on the
 * twin in the reference arena and prints the result as JSON: the determinism test runs it in
 * separate processes (`node --import tsx run-once.ts <seed> <seconds>`).
 */
import { compile } from "../../runtime/index.ts";
import { REFERENCE_ARENA } from "../../simulator/index.ts";
import { runTwinSimulation } from "../../twin/index.ts";

const PROGRAM = `
while (true) {
  if (robot.distance() < 25 || Math.random() < 0.2) await robot.turnRight(40 + Math.random() * 90);
  else await robot.forward(10);
  print(JSON.stringify([robot.line(), robot.color().name, robot.heading()]));
  if (await robot.grab()) await robot.release();
  robot.setMotors(30, 25);
  for (let i = 0; i < 30; i++) if (robot.distance() < 20) break;
  robot.stop();
}
`;

export async function twinTraceOf(seed: number, seconds: number) {
  const compiled = compile(PROGRAM, { locale: "en" });
  if (!compiled.ok) throw new Error(compiled.diagnostics[0]?.message);
  const printed: string[] = [];
  const result = await runTwinSimulation({
    program: compiled.program,
    arena: REFERENCE_ARENA,
    seed,
    maxTime: seconds,
    print: (text) => printed.push(text),
  });
  return {
    ...result.trace,
    outcome: result.outcome,
    events: result.events,
    printed,
    readySeconds: result.readySeconds,
    boardSeconds: result.boardSeconds,
  };
}

if (process.argv[1]?.endsWith("run-once.ts")) {
  const [seed, seconds] = process.argv.slice(2).map(Number);
  process.stdout.write(JSON.stringify(await twinTraceOf(seed!, seconds!)) + "\n");
}
