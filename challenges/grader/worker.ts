/**
 * A grading worker thread: runs the jobs the pool posts, one at a time. While the pool's owner
 * still compiles the programs, the worker gets its physics engine (compiled) and a sandbox ready:
 * from the engines the pool's owner compiled and warmed for all its threads, when its pool shares
 * them (`workerData.shared`), or by compiling its own.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { FromWorker, PoolWorkerData, SharedMessage, ToWorker } from "./pool.ts";
import { runGradeJob, type GradeJob, type GradeJobResult } from "./job.ts";
import { useSharedEngines, warmUpSimulation, type SharedEngines } from "./warm-up.ts";

const port = parentPort;
if (!port) throw new Error("grader/worker.ts runs as a worker thread");
const waitsForEngines = (workerData as PoolWorkerData | undefined)?.shared === true;
let enginesArrived: (engines: SharedEngines | undefined) => void = () => undefined;
// A failure here is the first job's to report: runGradeJob loads the engine again and says why.
const ready = waitsForEngines
  ? new Promise<SharedEngines | undefined>((resolve) => (enginesArrived = resolve)).then(
      (engines) => {
        if (engines) useSharedEngines(engines);
        return warmUpSimulation();
      },
    )
  : warmUpSimulation();
port.on("message", async (message: ToWorker<GradeJob> | SharedMessage<SharedEngines>) => {
  if ("shared" in message) {
    enginesArrived(message.shared);
    return;
  }
  await ready;
  const result = await runGradeJob(message.job);
  port.postMessage({ id: message.id, result } satisfies FromWorker<GradeJobResult>);
});
