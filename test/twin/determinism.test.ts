/**
 * The twin is deterministic: the same program and seed give the identical trace, events, prints
 * and board time in 3 separate processes, though the machine's load differs between them (no
 * wall clock reaches the firmware, Johnny-Five or the program).
 */
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, "run-once.ts");
const SEED = 7;
const SECONDS = 4;

async function inProcess(): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", script, String(SEED), String(SECONDS)],
    { cwd: join(here, "..", "..") },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe("the twin's determinism", () => {
  it("gives the identical run in 3 processes", async () => {
    const runs = [];
    // One after the other: CI has 2 cores.
    for (let i = 0; i < 3; i++) runs.push(await inProcess());
    const [first, ...others] = runs;
    for (const other of others) expect(other).toEqual(first);
    expect(first!.ticks).toBeGreaterThanOrEqual(SECONDS * 120);
    expect(first!.outcome).toBe("timeout");
    expect((first!.printed as string[]).length).toBeGreaterThan(0);
  }, 300_000);
});
