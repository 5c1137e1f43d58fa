/**
 * The compiler's worker thread (Node): compiles what `compileIsolated` posts, one program at a
 * time. A program that makes TypeScript run away takes only this thread down.
 */
import { parentPort } from "node:worker_threads";
import { compile } from "./compile.ts";
import type { CompileAnswer, CompileRequest } from "./isolated.node.ts";

const port = parentPort;
if (!port) throw new Error("compile-worker.node.ts runs as a worker thread");
port.on("message", (request: CompileRequest) => {
  const result = compile(request.source, request.options);
  port.postMessage({ id: request.id, result } satisfies CompileAnswer);
});
