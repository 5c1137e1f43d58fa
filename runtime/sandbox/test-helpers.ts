/** Runs pupil source against the scripted driver and keeps what it printed (tests only). */
import { createScriptedDriver, type ScriptedDriverOptions } from "../testing/scripted-driver.ts";
import type { RunOptions } from "./run-program.ts";
import { runSource } from "./run-source.ts";

export type TestRunOptions = Partial<Omit<RunOptions, "program" | "driver">> & {
  world?: ScriptedDriverOptions;
};

export async function runPupil(source: string | Uint8Array, opts: TestRunOptions = {}) {
  const driver = createScriptedDriver(opts.world);
  const printed: string[] = [];
  const result = await runSource(source, {
    driver,
    seed: 7,
    print: (text) => printed.push(text),
    ...opts,
  });
  return { result, driver, printed };
}

export const lines = (...l: string[]) => l.join("\n");
