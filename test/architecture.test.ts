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
  boards: [],
  runtime: [],
  classifier: [],
  simulator: ["runtime", "boards", "classifier"],
  "firmware-bridge": ["runtime", "boards"],
  challenges: ["simulator", "runtime", "classifier"],
  desktop: ["boards", "runtime", "simulator", "classifier", "firmware-bridge", "challenges"],
  cli: ["boards", "runtime", "simulator", "classifier", "firmware-bridge", "challenges"],
};
/**
 * A part's public entries: `index.ts`, and for the runtime also `engine.ts` (the runtime without
 * its compiler, for processes that only run programs) and `node.ts` (what only Node can do: the
 * compiler isolated in a worker thread).
 */
export const ENTRIES: Record<string, readonly string[]> = {
  runtime: ["index.ts", "engine.ts", "node.ts"],
};
const entriesOf = (part: string) => ENTRIES[part] ?? ["index.ts"];
/** Folders that may import any part, and that no part may import. */
const FREE = ["test", "tools", "bench"];

const SOURCE = /\.(ts|mts|tsx|js|mjs)$/;
const SKIP_DIRS = new Set(["node_modules", "dist", "build", ".git", "fixtures"]);

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
