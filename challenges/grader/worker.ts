/** A grading worker thread: runs the jobs the pool posts, one at a time. */
import { parentPort } from "node:worker_threads";
import type { FromWorker, ToWorker } from "./pool.ts";
import { runGradeJob, type GradeJob, type GradeJobResult } from "./job.ts";

const port = parentPort;
if (!port) throw new Error("grader/worker.ts runs as a worker thread");
port.on("message", async (message: ToWorker<GradeJob>) => {
  const result = await runGradeJob(message.job);
  port.postMessage({ id: message.id, result } satisfies FromWorker<GradeJobResult>);
});
