/**
 * A grading worker thread: runs the jobs the pool posts, one at a time. While the pool's owner
 * still compiles the programs, the worker gets its physics engine and a sandbox ready.
 */
import { parentPort } from "node:worker_threads";
import { warmUpSandbox } from "../../runtime/engine.ts";
import { loadRapier } from "../../simulator/index.ts";
import type { FromWorker, ToWorker } from "./pool.ts";
import { runGradeJob, type GradeJob, type GradeJobResult } from "./job.ts";

const port = parentPort;
if (!port) throw new Error("grader/worker.ts runs as a worker thread");
warmUpSandbox();
// A failure here is the first job's to report: runGradeJob loads the engine again and says why.
const ready = loadRapier().catch(() => undefined);
port.on("message", async (message: ToWorker<GradeJob>) => {
  await ready;
  const result = await runGradeJob(message.job);
  port.postMessage({ id: message.id, result } satisfies FromWorker<GradeJobResult>);
});
