/**
 * A grading worker thread: runs the jobs the pool posts, one at a time. While the pool's owner
 * still compiles the programs, the worker gets its physics engine (compiled) and a sandbox ready.
 */
import { parentPort } from "node:worker_threads";
import type { FromWorker, ToWorker } from "./pool.ts";
import { runGradeJob, type GradeJob, type GradeJobResult } from "./job.ts";
import { warmUpSimulation } from "./warm-up.ts";

const port = parentPort;
if (!port) throw new Error("grader/worker.ts runs as a worker thread");
// A failure here is the first job's to report: runGradeJob loads the engine again and says why.
const ready = warmUpSimulation();
port.on("message", async (message: ToWorker<GradeJob>) => {
  await ready;
  const result = await runGradeJob(message.job);
  port.postMessage({ id: message.id, result } satisfies FromWorker<GradeJobResult>);
});
