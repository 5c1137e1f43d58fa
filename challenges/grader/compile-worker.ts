/**
 * A compiling thread: turns pupil sources into compiled programs off the main thread, so a
 * server's event loop (a classroom's scoreboard, its uploads) never waits for the TypeScript
 * compiler. Same messages as the grading workers.
 */
import { parentPort } from "node:worker_threads";
import type { CompileResult, Locale } from "../../runtime/engine.ts";
import type { FromWorker, ToWorker } from "./pool.ts";
import { compileSource } from "./job.ts";

export interface CompileJob {
  source: string;
  locale: Locale;
  fileName: string;
}

const port = parentPort;
if (!port) throw new Error("grader/compile-worker.ts runs as a worker thread");
port.on("message", async (message: ToWorker<CompileJob>) => {
  const { source, locale, fileName } = message.job;
  const result = await compileSource(source, locale, fileName);
  port.postMessage({ id: message.id, result } satisfies FromWorker<CompileResult>);
});
