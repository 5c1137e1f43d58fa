/** Runs one bench file in this process and prints its rows as JSON on the last line of stdout. */
import { pathToFileURL } from "node:url";
import type { BenchRow } from "./harness.ts";

const file = process.argv[2]!;
const mod = (await import(pathToFileURL(file).href)) as { default: () => Promise<BenchRow[]> };
const rows = await mod.default();
process.stdout.write("\n" + JSON.stringify(rows) + "\n");
process.exit(0);
