#!/usr/bin/env node
// The `robotyc` command. Sources are TypeScript, loaded through tsx.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
