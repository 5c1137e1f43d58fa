/**
 * The compiler's worker thread (Node): compiles what `compileIsolated` posts, one program at a
 * time. A program that makes TypeScript run away takes only this thread down.
 */
import { parentPort } from "node:worker_threads";
import { compile } from "./compile.ts";
import type { CompileAnswer, CompileRequest } from "./isolated.node.ts";

const port = parentPort;
if (!port) throw new Error("compile-worker.node.ts runs as a worker thread");
// Loading TypeScript and its library is the worker's start-up, not the pupil's program: it is
// done before the worker says it is ready, and so outside each compile's watchdog.
compile("await wait(1);");
port.postMessage({ ready: true } satisfies CompileAnswer);
port.on("message", (request: CompileRequest) => {
  const result = compile(request.source, request.options);
  port.postMessage({ id: request.id, result } satisfies CompileAnswer);
});
