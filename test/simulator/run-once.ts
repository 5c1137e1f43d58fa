/**
 * Runs a pupil program (moving, reading every sensor, grabbing, classifying, Math.random) in the
 * sandbox on the reference arena and prints the trace as JSON: used by the
 * determinism tests, as a child process (`node --import tsx run-once.ts <seed> <seconds>`) and as a
 * worker thread (which posts the trace instead).
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { REFERENCE_ARENA, runSimulation } from "../../simulator/index.ts";

const PROGRAM = `
while (true) {
  if (robot.distance() < 25 || Math.random() < 0.2) await robot.turnRight(40 + Math.random() * 90);
  else await robot.forward(10);
  robot.line();
  robot.color();
  robot.heading();
  if (await robot.grab()) {
    print((await robot.classify()).kind);
    await robot.release();
  }
  robot.setMotors(30, 25);
  for (let i = 0; i < 30; i++) if (robot.distance() < 20) break;
  robot.stop();
}
`;

export async function traceOf(seed: number, seconds: number) {
  const printed: string[] = [];
  const result = await runSimulation({
    program: PROGRAM,
    arena: REFERENCE_ARENA,
    seed,
    maxTime: seconds,
    print: (text) => printed.push(text),
  });
  return { ...result.trace, outcome: result.outcome, events: result.events, printed };
}

if (!isMainThread && parentPort && workerData?.runOnce) {
  const { seed, seconds } = workerData as { seed: number; seconds: number };
  parentPort.postMessage(await traceOf(seed, seconds));
} else if (isMainThread && process.argv[1]?.endsWith("run-once.ts")) {
  const [seed, seconds] = process.argv.slice(2).map(Number);
  process.stdout.write(JSON.stringify(await traceOf(seed!, seconds!)) + "\n");
}
