/**
 * Vitest's global set-up: builds the `robotyc` command (cli/build.mjs) once before any test, so
 * the tests that start it as a process run the built JavaScript of the sources under test. The
 * build runs in a Node process of its own, exactly as `npm install` runs it.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  // Each test project inherits this set-up; one build serves them all.
  if (process.env.ROBOTYC_TEST_BUILT === "1") return;
  process.env.ROBOTYC_TEST_BUILT = "1";
  const script = fileURLToPath(new URL("../cli/build.mjs", import.meta.url));
  execFileSync(process.execPath, [script], { stdio: ["ignore", "ignore", "inherit"] });
}
