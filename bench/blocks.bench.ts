/**
 * Blocks editor benchmarks: what the Blocks editor adds to the app's initial JavaScript (gzip,
 * a page built by Vite as the app is), the TypeScript parser it loads only when the pupil
 * switches from TypeScript to Blocks, and the time of each conversion on the biggest
 * reference solution (trieur-5-finale). `npm run bench -- blocks`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import ts from "typescript";
import { build } from "vite";
import {
  blocksToTypeScript,
  typeScriptToBlocks,
} from "../desktop/renderer/editors/convert/index.ts";
import { median, type BenchRow } from "./harness.ts";

const SUITE = "blocks";
const repo = join(dirname(fileURLToPath(import.meta.url)), "..");

interface Manifest {
  [key: string]: { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };
}

/** Builds a page whose script is `main`; returns the gzip bytes of its initial and lazy JS. */
async function pageSizes(
  name: string,
  main: string,
): Promise<{ initial: number; lazy: Map<string, number> }> {
  const work = join(repo, "tmp", `bench-blocks-${name}-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    writeFileSync(join(work, "main.js"), main);
    writeFileSync(
      join(work, "index.html"),
      '<!doctype html><div id="b"></div><script type="module" src="./main.js"></script>',
    );
    const dist = join(work, "dist");
    await build({
      root: work,
      logLevel: "error",
      configFile: false,
      build: { outDir: dist, emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 100_000 },
    });
    const manifest = JSON.parse(
      readFileSync(join(dist, ".vite", "manifest.json"), "utf8"),
    ) as Manifest;
    const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
    // The entry and everything it imports statically load at start; dynamic imports later.
    const initial = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key]!;
      if (initial.has(chunk.file)) return;
      initial.add(chunk.file);
      chunk.imports?.forEach(visit);
    };
    Object.keys(manifest)
      .filter((k) => manifest[k]!.isEntry)
      .forEach(visit);
    const lazy = new Map<string, number>();
    for (const chunk of Object.values(manifest)) {
      if (chunk.file.endsWith(".js") && !initial.has(chunk.file))
        lazy.set(chunk.file, gz(chunk.file));
    }
    return {
      initial: [...initial].filter((f) => f.endsWith(".js")).reduce((n, f) => n + gz(f), 0),
      lazy,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function timeMs(fn: () => unknown, runs: number): { wall: number; cpu: number } {
  for (let i = 0; i < 3; i++) fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    fn();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

export default async function (): Promise<BenchRow[]> {
  const editor = await pageSizes(
    "editor",
    `import { createBlocksEditor } from "../../desktop/renderer/editors/blocks/index.ts";
     createBlocksEditor(document.getElementById("b"), { locale: "fr", media: "./media/" });`,
  );
  const blocklyAlone = await pageSizes(
    "blockly",
    `import * as Blockly from "blockly/core"; import "blockly/blocks"; import * as fr from "blockly/msg/fr";
     import * as en from "blockly/msg/en"; Blockly.setLocale(fr); window.x = en;
     Blockly.inject(document.getElementById("b"), { media: "./media/" });`,
  );
  const parser = Math.max(...editor.lazy.values());

  const source = readFileSync(join(repo, "challenges/pack/trieur-5-finale/solution.ts"), "utf8");
  const state = typeScriptToBlocks(source, ts).state;
  const toBlocks = timeMs(() => typeScriptToBlocks(source, ts), 30);
  const toTs = timeMs(() => blocksToTypeScript(state), 30);
  const lines = source.split("\n").length;
  const kB = (n: number) => n / 1000;
  return [
    {
      suite: SUITE,
      name: "Blocks editor page: initial JS (gzip)",
      median: kB(editor.initial),
      unit: "kB",
      target: "part of the app's ≤ 500 kB",
      ok: editor.initial < 500_000,
      note: `Blockly 13.3.0 core + blocks + fr/en messages alone: ${kB(blocklyAlone.initial).toFixed(1)} kB`,
    },
    {
      suite: SUITE,
      name: "of which our blocks, toolbox, conversions (gzip)",
      median: kB(editor.initial - blocklyAlone.initial),
      unit: "kB",
    },
    {
      suite: SUITE,
      name: "TypeScript parser, loaded on TS → Blocks only (gzip)",
      median: kB(parser),
      unit: "kB",
      note: "lazy chunk (import('typescript')); never in the initial JS",
    },
    {
      suite: SUITE,
      name: `TS → Blocks, trieur-5-finale solution (${lines} lines)`,
      median: toBlocks.wall,
      unit: "ms",
      samples: 30,
      note: `CPU ${toBlocks.cpu.toFixed(2)} ms`,
    },
    {
      suite: SUITE,
      name: "Blocks → TS, the same program (live TypeScript view)",
      median: toTs.wall,
      unit: "ms",
      samples: 30,
      note: `CPU ${toTs.cpu.toFixed(2)} ms`,
    },
  ];
}
