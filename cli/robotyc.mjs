#!/usr/bin/env node
/**
 * The `robotyc` command. It starts the built JavaScript in dist/node/ (cli/build.mjs, which `npm
 * install` runs): nothing is transpiled at start-up. In a development checkout, a source changed
 * since the build rebuilds it first (about half a second, once).
 * `ROBOTYC_SOURCE=1` runs the TypeScript sources through tsx instead: for development only.
 */
import { readFileSync } from "node:fs";

const dist = new URL("../dist/node/", import.meta.url);
let entry = new URL("cli/main.js", dist);

if (process.env.ROBOTYC_SOURCE === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  entry = new URL("./main.ts", import.meta.url);
} else {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL("build.json", dist), "utf8"));
  } catch {
    manifest = undefined;
  }
  const { build, staleInput } = await import("./build.mjs").catch(() => ({}));
  if (build && (!manifest || staleInput(manifest) !== undefined)) {
    try {
      await build({ quiet: !process.stderr.isTTY });
    } catch (error) {
      // Rolldown is a development dependency: without it, run the build there is.
      if (!manifest) throw error;
    }
  }
}

const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
