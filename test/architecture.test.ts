/**
 * The dependency directions of DESIGN.md, checked on every import in the repository:
 * a part imports only the parts listed for it, and only through their index.ts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** part → the parts it may import. */
export const ALLOWED: Record<string, readonly string[]> = {
  i18n: [],
  boards: ["i18n"],
  runtime: ["i18n"],
  classifier: ["i18n"],
  simulator: ["runtime", "boards", "classifier", "i18n"],
  "firmware-bridge": ["runtime", "boards", "i18n"],
  challenges: ["simulator", "runtime", "classifier", "i18n"],
  classroom: ["runtime", "simulator", "challenges", "i18n"],
  twin: ["firmware-bridge", "simulator", "challenges", "runtime", "boards", "i18n"],
  desktop: [
    "boards",
    "runtime",
    "simulator",
    "classifier",
    "firmware-bridge",
    "challenges",
    "twin",
    "i18n",
    "classroom",
  ],
  cli: [
    "boards",
    "runtime",
    "simulator",
    "classifier",
    "firmware-bridge",
    "challenges",
    "twin",
    "i18n",
    "classroom",
  ],
};
/**
 * A part's public entries: `index.ts`; for the runtime also `engine.ts` (the runtime without its
 * compiler, for processes that only run programs) and `node.ts` (only what needs Node: the
 * compiler isolated in a worker thread); for the parts the browser app needs that also do
 * Node-only work, `node.ts` (index.ts plus file loading, the grader...). The simulator also
 * has `view/index.ts` (the 3D view: three.js, no physics) and `control.ts` (the run controls the
 * app's page writes into shared memory), for the app's page; the classifier `random.ts` (its
 * seeded randomness, no TensorFlow), for the view, which draws items as the dataset renders them.
 */
export const ENTRIES: Record<string, readonly string[]> = {
  runtime: ["index.ts", "engine.ts", "node.ts"],
  simulator: ["index.ts", "view/index.ts", "control.ts"],
  challenges: ["index.ts", "node.ts"],
  classifier: ["index.ts", "node.ts", "random.ts"],
};
const entriesOf = (part: string) => ENTRIES[part] ?? ["index.ts"];
/** Folders that may import any part, and that no part may import. */
const FREE = ["test", "tools", "bench"];

const SOURCE = /\.(ts|mts|tsx|js|mjs)$/;
// tmp/: browser tests build and run there (profiles with dangling links come and go).
const SKIP_DIRS = new Set(["node_modules", "dist", "build", ".git", "fixtures", "tmp"]);

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name) || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (SOURCE.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** Import specifiers of a source file: static imports, re-exports, dynamic imports, new URL(). */
export function importsOf(source: string, { staticOnly = false } = {}): string[] {
  const found: string[] = [];
  const patterns = [
    /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*["']([^"']+)["']/g,
    /(?:^|[\s;])import\s*["']([^"']+)["']/g,
    ...(staticOnly
      ? []
      : [
          /\bimport\(\s*["']([^"']+)["']\s*\)/g,
          /\bnew URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url/g,
        ]),
  ];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) found.push(match[1]!);
  }
  return found;
}

function partOf(path: string): string | undefined {
  const first = relative(root, path).split(sep)[0]!;
  if (first in ALLOWED || FREE.includes(first)) return first;
  return undefined;
}

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

export function checkFile(file: string, source: string): Violation[] {
  const from = partOf(file);
  if (!from) return [];
  const violations: Violation[] = [];
  for (const specifier of importsOf(source)) {
    if (!specifier.startsWith(".")) continue; // packages are free
    const target = resolve(dirname(file), specifier);
    const to = partOf(target);
    if (!to || to === from) continue;
    const rel = relative(root, file);
    if (FREE.includes(to)) {
      if (FREE.includes(from)) continue; // test/, tools/, bench/ may use each other
      violations.push({ file: rel, specifier, reason: `${from} must not import ${to}/` });
    } else if (!FREE.includes(from) && !ALLOWED[from]!.includes(to)) {
      violations.push({ file: rel, specifier, reason: `${from} must not import ${to}` });
    } else if (
      !FREE.includes(from) &&
      !entriesOf(to).some((entry) => relative(root, target) === join(to, entry))
    ) {
      violations.push({
        file: rel,
        specifier,
        reason: `import ${to} through ${entriesOf(to)
          .map((e) => `${to}/${e}`)
          .join(" or ")}`,
      });
    }
  }
  return violations;
}

describe("dependency directions (DESIGN.md)", () => {
  it("finds imports in every form", () => {
    const src = `import a from "./a.ts";\nexport { b } from '../b/index.ts';\nimport "./side.ts";\nconst c = await import("./c.ts");\nnew Worker(new URL("./w.ts", import.meta.url));`;
    expect(importsOf(src)).toEqual(["./a.ts", "../b/index.ts", "./side.ts", "./c.ts", "./w.ts"]);
  });

  it("rejects a forbidden direction and a deep import", () => {
    const runtimeFile = join(root, "runtime", "x.ts");
    expect(checkFile(runtimeFile, `import { x } from "../simulator/index.ts";`)).toHaveLength(1);
    const simFile = join(root, "simulator", "x.ts");
    expect(checkFile(simFile, `import { x } from "../runtime/index.ts";`)).toEqual([]);
    expect(
      checkFile(simFile, `import { x } from "../runtime/sandbox/host.ts";`)[0]?.reason,
    ).toMatch(/index\.ts/);
    expect(checkFile(simFile, `import { x } from "../test/helpers.ts";`)).toHaveLength(1);
    const benchFile = join(root, "bench", "x.bench.ts");
    expect(checkFile(benchFile, `import { x } from "../tools/classifier/dataset.ts";`)).toEqual([]);
  });

  it("lets the runtime's engine entry through, and no other file", () => {
    const simFile = join(root, "simulator", "x.ts");
    expect(checkFile(simFile, `import { x } from "../runtime/engine.ts";`)).toEqual([]);
    expect(checkFile(simFile, `import { x } from "../classifier/engine.ts";`)).toHaveLength(1);
  });

  it("keeps the localization leaf a leaf: no part, no package, no Node module", () => {
    const leaf = join(root, "i18n");
    const sources = walk(leaf, []).filter((file) => !file.endsWith(".test.ts"));
    expect(sources.length).toBeGreaterThan(0);
    const outside = sources.flatMap((file) =>
      importsOf(readFileSync(file, "utf8"))
        .filter((s) => !s.startsWith(".") || partOf(resolve(dirname(file), s)) !== "i18n")
        .map((s) => `${relative(root, file)}: ${s}`),
    );
    expect(outside).toEqual([]);
    const boardsFile = join(root, "boards", "x.ts");
    expect(checkFile(boardsFile, `import { format } from "../i18n/index.ts";`)).toEqual([]);
    expect(checkFile(boardsFile, `import { format } from "../i18n/messages.ts";`)).toHaveLength(1);
  });

  it("the command's build looks for workers in every part the command may reach", async () => {
    // @ts-expect-error: the build script is plain JavaScript, without type declarations.
    const { PARTS } = (await import("../cli/build.mjs")) as { PARTS: string[] };
    expect([...PARTS].sort()).toEqual(["cli", ...ALLOWED.cli!].sort());
  });

  it("holds for every source file in the repository", () => {
    const violations = walk(root, []).flatMap((file) =>
      checkFile(file, readFileSync(file, "utf8")),
    );
    expect(violations).toEqual([]);
  });
});

/** The packages a module loads when it is imported: its static import graph, dynamic imports left out. */
export function staticPackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(readFileSync(file, "utf8"), { staticOnly: true })) {
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier));
      else if (!specifier.startsWith("node:")) {
        const parts = specifier.split("/");
        packages.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!);
      }
    }
  };
  visit(entry);
  return packages;
}

describe("processes that only run programs never load the compiler", () => {
  it("follows static imports only", () => {
    expect(
      importsOf(`import a from "./a.ts";\nconst c = await import("./c.ts");`, { staticOnly: true }),
    ).toEqual(["./a.ts"]);
    expect(staticPackages(join(root, "runtime", "index.ts")).has("typescript")).toBe(true);
  });

  it.each([
    ["the runtime's engine", "runtime/engine.ts"],
    ["the simulator", "simulator/index.ts"],
    ["the grader's worker", "challenges/grader/worker.ts"],
  ])("%s (%s) does not import TypeScript", (_name, entry) => {
    const packages = staticPackages(join(root, entry));
    expect(
      packages.has("@dimforge/rapier3d-deterministic-compat") || entry.startsWith("runtime"),
    ).toBe(true);
    expect([...packages].filter((p) => p === "typescript")).toEqual([]);
  });
});

/** Entries that run in the browser (the app's page and its worker): they must never reach Node. */
const BROWSER_ENTRIES = [
  "runtime/engine.ts",
  "runtime/index.ts",
  "simulator/index.ts",
  "challenges/index.ts",
  "classifier/index.ts",
];
/** Folders whose every source file runs in the browser. */
const BROWSER_FOLDERS = ["desktop/renderer", "simulator/view"];
/** Packages that only work in Node. */
const NODE_ONLY = new Set([
  "pngjs",
  "serialport",
  "johnny-five",
  "firmata-io",
  "avrgirl-arduino",
  "better-sqlite3",
  "fastify",
  "ws",
  "bullmq",
  "tsx",
  "esbuild",
  "vite",
  "playwright-core",
]);
const NODE_BUILTINS = new Set([
  "fs",
  "path",
  "os",
  "url",
  "child_process",
  "worker_threads",
  "module",
  "crypto",
  "stream",
  "http",
  "https",
  "net",
  "v8",
  "util",
  "events",
  "zlib",
  "buffer",
  "process",
]);

/** Why a browser entry may not import `specifier` from `file`, or null when it may. */
export function nodeReach(file: string, specifier: string): string | null {
  const name = specifier.split("/")[0]!;
  if (specifier.startsWith("node:") || NODE_BUILTINS.has(specifier.split("/")[0]!))
    return `imports ${specifier}`;
  const pkg = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : name;
  if (NODE_ONLY.has(pkg)) return `imports ${pkg}, which needs Node`;
  if (specifier.startsWith(".")) {
    const target = relative(root, resolve(dirname(file), specifier));
    if (/(^|\/)node\.ts$|\.node\.ts$/.test(target) || target.startsWith("challenges/grader/"))
      return `reaches the Node-only ${target}`;
  }
  return null;
}

/** Every way a browser entry reaches Node: its imports, static and dynamic, followed through. */
export function browserViolations(entry: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(readFileSync(file, "utf8"))) {
      const why = nodeReach(file, specifier);
      if (why) found.push(`${relative(root, file)} ${why}`);
      else if (specifier.startsWith(".") && SOURCE.test(specifier))
        visit(resolve(dirname(file), specifier));
    }
  };
  visit(join(root, entry));
  return found;
}

describe("what runs in the browser never reaches Node", () => {
  it("catches node: modules, Node-only packages and Node entries", () => {
    const file = join(root, "challenges", "x.ts");
    expect(nodeReach(file, "node:fs")).toMatch(/node:fs/);
    expect(nodeReach(file, "worker_threads")).not.toBeNull();
    expect(nodeReach(file, "pngjs")).toMatch(/Node/);
    expect(nodeReach(file, "./node.ts")).toMatch(/Node-only/);
    expect(nodeReach(file, "./pack/files.node.ts")).toMatch(/Node-only/);
    expect(nodeReach(file, "./grader/pool.ts")).toMatch(/Node-only/);
    expect(nodeReach(file, "three")).toBeNull();
    expect(nodeReach(file, "./runner.ts")).toBeNull();
  });

  const folderFiles = BROWSER_FOLDERS.flatMap((folder) => {
    const dir = join(root, folder);
    try {
      return walk(dir, [])
        .filter((f) => !/\.(test|spec)\.ts$/.test(f))
        .map((f) => relative(root, f));
    } catch {
      return []; // the folder does not exist yet
    }
  });
  it.each([...BROWSER_ENTRIES, ...folderFiles])("%s", (entry) => {
    expect(browserViolations(entry)).toEqual([]);
  });
});
