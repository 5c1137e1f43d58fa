/**
 * The pupil program's worker: QuickJS runs the program here, on a MirroredDriver, so the thread
 * that owns the board link never blocks (its event loop keeps receiving sensor data and sending
 * the keepalive that holds off the firmware's motor failsafe). It says "booted" once its modules
 * are loaded, then runs the one program it is sent.
 */
import { parentPort } from "node:worker_threads";
import { runProgram } from "../../runtime/engine.ts";
import { MirroredDriver } from "./mirrored-driver.ts";
import { SensorMirrorReader } from "./sensor-mirror.ts";
import type { FromWorker, ToWorker, WorkerInit } from "./worker-protocol.ts";

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

async function run(init: WorkerInit): Promise<void> {
  const driver = new MirroredDriver(new SensorMirrorReader(init.mirror), init, post);
  port.on("message", (message: ToWorker) => driver.receive(message));
  post({ type: "started" });
  try {
    const result = await runProgram({
      program: init.program,
      driver,
      seed: init.seed,
      locale: init.locale,
      print: (text) => post({ type: "print", text }),
      ...(init.maxTime === undefined ? {} : { maxTime: init.maxTime }),
      ...(init.limits ? { limits: init.limits } : {}),
    });
    post({ type: "result", result });
  } catch (error) {
    post({ type: "crash", text: error instanceof Error ? error.message : String(error) });
  }
}

port.once("message", (message: { type: "run"; init: WorkerInit }) => void run(message.init));
post({ type: "booted" });
