/**
 * Host side on the emulated 2WD kit (our firmware if built, real Johnny-Five): time to a ready
 * robot, latency from a motor command to the pin, and the Robot API's sensor reads as a pupil
 * program sees them (from the worker, through the shared sensor mirror).
 */
import { findKit } from "../boards/index.ts";
import { compile } from "../runtime/index.ts";
import {
  BoardConnection,
  BoardRobot,
  createEmulatedKit,
  estimatedCalibration,
  ProgramWorker,
  runProgramOnBoard,
} from "../firmware-bridge/index.ts";
import { median, type BenchRow } from "./harness.ts";

export default async function bench(): Promise<BenchRow[]> {
  const kit = findKit("2wd-kit")!;
  const rows: BenchRow[] = [];
  const readyTimes: number[] = [];
  const motorLatencies: number[] = [];
  const readIntervals: Record<string, number> = {};

  for (let run = 0; run < 3; run++) {
    const emu = createEmulatedKit(kit);
    emu.board.start();
    const connection = new BoardConnection(kit, { readyTimeoutMs: 30_000 });
    const started = performance.now();
    await connection.connect(emu.board.port);
    readyTimes.push(performance.now() - started);
    const robot = new BoardRobot(connection, {
      calibration: estimatedCalibration("bench", kit.id, kit.geometry),
    });

    // setMotors → the PWM pin changes.
    for (let i = 0; i < 10; i++) {
      const power = i % 2 === 0 ? 60 : 0;
      const t = performance.now();
      await new Promise<void>((resolve) => {
        const off = emu.board.pins.onChange(5, () => {
          off();
          resolve();
        });
        robot.setMotors(power, power);
      });
      motorLatencies.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }

    if (run === 0) {
      // Sensor reads from a pupil program: 200 reads each, wall time per read.
      const worker = new ProgramWorker();
      await worker.booted;
      const printed: string[] = [];
      const result = compile(
        `for (const name of ["distance", "line", "color"]) {
           const t0 = time();
           for (let i = 0; i < 100; i++) { if (name === "distance") robot.distance(); else if (name === "line") robot.line(); else robot.color(); }
           print(name, (time() - t0) * 10);
         }`,
        { locale: "en" },
      );
      if (!result.ok) throw new Error("bench program does not compile");
      await runProgramOnBoard({
        program: result.program,
        robot,
        seed: 1,
        worker,
        print: (t) => printed.push(t),
      });
      for (const line of printed) {
        const [name, ms] = line.split(" ");
        readIntervals[name!] = Number(ms);
      }
    }
    await robot.dispose();
    await connection.close();
    emu.board.stop();
  }

  rows.push({
    suite: "host",
    name: "emulated kit: connect to ready robot (J5 ready + sensors streaming)",
    median: median(readyTimes),
    unit: "ms",
    samples: readyTimes.length,
  });
  rows.push({
    suite: "host",
    name: "setMotors → PWM pin change on the emulated board",
    median: median(motorLatencies),
    unit: "ms",
    target: "≤ 20 ms",
    ok: median(motorLatencies) <= 20,
    samples: motorLatencies.length,
  });
  for (const [name, ms] of Object.entries(readIntervals)) {
    rows.push({
      suite: "host",
      name: `pupil robot.${name}() in a polling loop (worker, fresh sample each read)`,
      median: ms,
      unit: "ms/read",
      samples: 100,
      note: "about one sample period (HC-SR04 ping every 65 ms; line and colour at the 20 ms sampling interval, in board time: the emulator runs faster than real time)",
    });
  }
  return rows;
}
