// Starts a worker whose entry is TypeScript source (development, tests): registers the tsx loader
// in this thread first. A bundled app points `entry` at built JavaScript and skips the loader.
import { workerData } from "node:worker_threads";

if (workerData.entry.endsWith(".ts")) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import(workerData.entry);
