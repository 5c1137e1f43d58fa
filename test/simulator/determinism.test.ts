/** Same pupil program + seed → identical trace, in 3 separate processes and in a worker thread. */
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { traceOf } from "./run-once.ts";

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, "run-once.ts");
const SEED = 42;
const SECONDS = 4;

async function inProcess(): Promise<unknown> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", script, String(SEED), String(SECONDS)],
    { cwd: join(here, "..", "..") },
  );
  return JSON.parse(stdout);
}

function inWorker(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // The worker loads the TypeScript entry through tsx's loader API.
    const api = import.meta.resolve("tsx/esm/api");
    const code = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(
      pathToFileURL(script).href,
    )}, ${JSON.stringify(import.meta.url)}))`;
    const worker = new Worker(code, {
      eval: true,
      workerData: { runOnce: true, seed: SEED, seconds: SECONDS },
    });
    worker.once("message", (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

describe("determinism", () => {
  it("gives the identical trace in 3 processes, a worker thread and the main thread", async () => {
    const main = await traceOf(SEED, SECONDS);
    const processes = [];
    // One after the other: CI has 2 cores.
    for (let i = 0; i < 3; i++) processes.push(await inProcess());
    const worker = await inWorker();
    for (const other of [...processes, worker]) expect(other).toEqual(main);
    expect(main.ticks).toBeGreaterThanOrEqual(SECONDS * 120);
    expect(main.outcome).toBe("timeout");
  }, 180_000);
});
