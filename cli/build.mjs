#!/usr/bin/env node
/**
 * Builds the `robotyc` command (and the worker threads it starts) into dist/node/ as plain
 * JavaScript (dist/web/ is the web app's, vite.config.ts),
 * so that starting it never transpiles TypeScript. `npm install` runs it (`prepare`), and so do
 * `npm run build` and the test set-up. Plain JavaScript itself: it must run before anything is
 * built. Rolldown (Vite's bundler) does the work.
 *
 * - Entries: cli/main.ts, the parts' entries a simulation host loads (HOST_ENTRIES), and every worker a source starts with
 *   `new URL("./x.ts", import.meta.url)` (found by reading the sources, so a new worker needs no
 *   change here). Commands are `import()`ed by cli/main.ts, so the bundler finds them: a new
 *   command needs no change here either.
 * - One output module per source module, in the same tree (dist/node/cli/main.js for cli/main.ts), and
 *   each import goes straight to the module that defines what it takes: `import { loadPack } from
 *   "../../challenges/index.ts"` becomes an import of dist/node/challenges/pack/index.js. Our modules
 *   do nothing when imported but define things, so a module none of whose exports are used is
 *   not imported at all: a command that takes one function from a part does not load the part's
 *   engine. (Bundled chunks would merge what commands share, and a part's index.ts would pull in
 *   the whole part.)
 * - Packages stay in node_modules (not bundled) and load from there as they do from the sources.
 * - Each source's `import.meta.url` is rewritten to the source file's own URL, so files read
 *   beside a source (challenge packs, model weights, firmware) are found where they are; a
 *   worker's `new URL("./x.ts", import.meta.url)` points at its built module instead.
 *
 * Writes dist/node/build.json: the inputs and their modification times (`robotyc` rebuilds when a
 * source is newer, in a development checkout), the modules and what each imports, and the
 * compiler's fingerprint (for the compile cache).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(ROOT, "dist", "node");
export const MANIFEST = join(DIST, "build.json");
/**
 * The parts a built command may reach (DESIGN.md; test/architecture.test.ts checks this list
 * against its table), searched for worker entries; tests, tools and benchmarks are never built.
 */
export const PARTS = [
  "i18n",
  "boards",
  "runtime",
  "simulator",
  "classifier",
  "firmware-bridge",
  "challenges",
  "twin",
  "classroom",
  "cli",
];
/**
 * Parts' entries built whole, for a simulation host that imports them rather than the command
 * (bench/simulator-host.mjs: the simulator benchmark measures the built modules `robotyc` runs).
 */
const HOST_ENTRIES = ["simulator/index", "runtime/engine", "challenges/node", "challenges/camera"];
const SKIP_DIRS = new Set(["node_modules", "dist", "build", "fixtures", ".git"]);
const WORKER_URL = /new URL\(\s*(["'])(\.{1,2}\/[^"'`]+\.ts)\1\s*,\s*import\.meta\.url\s*\)/g;

const posix = (path) => path.split(sep).join("/");
/** The output name of a source: challenges/grader/worker.ts → challenges/grader/worker */
const outName = (file) => posix(relative(ROOT, file)).replace(/\.ts$/, "");

function sources(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name) || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".d.ts"))
      out.push(path);
  }
  return out;
}

/** The worker entries: `.ts` files that a source names with `new URL(…, import.meta.url)`. */
function workerEntries() {
  const found = new Set();
  for (const part of PARTS) {
    for (const file of sources(join(ROOT, part))) {
      for (const match of readFileSync(file, "utf8").matchAll(WORKER_URL)) {
        found.add(resolve(dirname(file), match[2]));
      }
    }
  }
  return [...found].sort();
}

/** What identifies the compiler's output: TypeScript's version and every runtime source. */
function compilerFingerprint() {
  const hash = createHash("sha256");
  const ts = JSON.parse(readFileSync(join(ROOT, "node_modules/typescript/package.json"), "utf8"));
  hash.update(`typescript ${ts.version}\n`);
  for (const file of sources(join(ROOT, "runtime")).sort()) {
    hash.update(posix(relative(ROOT, file)) + "\n");
    hash.update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

const inRepo = (path) => path.startsWith(ROOT + sep) && !path.includes(`${sep}node_modules${sep}`);

/** The source rewrites that keep paths right in flat output (see the header). */
function rewritePlugin(workers) {
  const known = new Map();
  const isCommonJs = (specifier) => {
    const pkg = specifier
      .split("/")
      .slice(0, specifier.startsWith("@") ? 2 : 1)
      .join("/");
    if (!known.has(specifier)) known.set(specifier, loadsAsCommonJs(specifier) && pkg !== "");
    return known.get(specifier);
  };
  return {
    name: "robotyc-paths",
    transform(code, id) {
      if (!id.endsWith(".ts") || !inRepo(id)) return undefined;
      // A worker's URL goes to its built module, beside this one (`import.meta["url"]`: the
      // output module's own URL, left alone below).
      let text = code.replace(WORKER_URL, (whole, _quote, target) =>
        workers.includes(resolve(dirname(id), target))
          ? `new URL(${JSON.stringify(target.replace(/\.ts$/, ".js"))}, import.meta["url"])`
          : whole,
      );
      // Any other use of the module's URL means its source file: from dist/node/a/b.js to a/b.ts.
      const rel = posix(relative(ROOT, id));
      const self = JSON.stringify("../".repeat(rel.split("/").length + 1) + rel);
      text = text
        .replaceAll("import.meta.url", `new URL(${self}, import.meta["url"]).href`)
        .replaceAll("import.meta.dirname", `__robotycDirname(${self}, import.meta["url"])`)
        .replaceAll("import.meta.filename", `__robotycFilename(${self}, import.meta["url"])`);
      // Lines stay where they were: the source map still holds (`map: null` keeps it).
      return text === code ? undefined : { code: text, map: null };
    },
    renderChunk(code) {
      const text = requireCommonJs(code, isCommonJs);
      return text === code ? null : { code: text, map: null };
    },
  };
}

/**
 * Whether a package, imported from ESM, loads as CommonJS. Node then scans the whole file for its
 * export names before running it: ~0.3 s and ~30 MB for TypeScript's 9 MB, ~0.1 s for
 * TensorFlow.js. `require` skips that scan and gives the same object (an ESM import of CommonJS is
 * `module.exports`), so the build requires such packages. Packages with an ESM build stay imports.
 */
function loadsAsCommonJs(specifier) {
  let file;
  try {
    file = fileURLToPath(import.meta.resolve(specifier));
  } catch {
    return false;
  }
  if (file.endsWith(".cjs")) return true;
  if (!file.endsWith(".js")) return false;
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    } catch {
      continue;
    }
    if (pkg.type !== undefined || pkg.name !== undefined) return pkg.type !== "module";
  }
  return true;
}

const PACKAGE_IMPORT =
  /^import\s+([\w$]+\s*,\s*)?(\*\s+as\s+[\w$]+|\{[^}]*\}|[\w$]+)\s+from\s+"([^".][^"]*)";?$/gm;

/** The output's static imports of CommonJS packages, as `require` calls (see loadsAsCommonJs). */
function requireCommonJs(code, isCommonJs) {
  let used = false;
  const out = code.replace(PACKAGE_IMPORT, (whole, first, clause, specifier) => {
    if (specifier.startsWith("node:") || !isCommonJs(specifier)) return whole;
    used = true;
    const call = `__robotycRequire(${JSON.stringify(specifier)})`;
    const bind = (target) => {
      if (target.startsWith("{")) {
        const names = target
          .slice(1, -1)
          .split(",")
          .map((n) => n.trim())
          .filter(Boolean);
        return `{ ${names.map((n) => n.replace(/\s+as\s+/, ": ")).join(", ")} }`;
      }
      return target.replace(/^\*\s+as\s+/, "");
    };
    const name = first?.replace(",", "").trim();
    const statement = name
      ? `const ${name} = ${call}; const ${bind(clause)} = ${name};`
      : `const ${bind(clause)} = ${call};`;
    // As many lines as the import had: the source map still holds.
    return statement + "\n".repeat(whole.split("\n").length - 1);
  });
  if (!used) return code;
  // At the end, so no line moves: the import and the function declaration are hoisted.
  return (
    out +
    '\nimport { createRequire as __robotycCreateRequire } from "node:module";\n' +
    'function __robotycRequire(id) { return __robotycCreateRequire(import.meta["url"])(id); }\n'
  );
}

const isExternal = (id) => !id.startsWith(".") && !id.startsWith("/");

/**
 * Builds dist/node/ (into a fresh directory, then swapped in: a command started meanwhile sees the
 * old build or the new one, whole). Returns the manifest.
 */
export async function build({ quiet = false } = {}) {
  const { rolldown } = await import("rolldown");
  const workers = workerEntries();
  const compiler = compilerFingerprint();
  const input = { "cli/main": join(ROOT, "cli", "main.ts") };
  for (const worker of workers) input[outName(worker)] = worker;
  for (const entry of HOST_ENTRIES) input[entry] = join(ROOT, `${entry}.ts`);
  const next = join(dirname(DIST), `node.next-${process.pid}`);
  rmSync(next, { recursive: true, force: true });
  const warnings = [];
  const bundle = await rolldown({
    cwd: ROOT,
    input,
    platform: "node",
    external: isExternal,
    // Our modules do nothing when imported but define things: a module none of whose exports
    // a chunk uses stays out of it. Packages are left as they are.
    treeshake: { moduleSideEffects: (id, external) => external || !inRepo(id) },
    // Merging common chunks would load a part's engine with the command that takes one function
    // from it (the pack loader in `robotyc challenges`).
    experimental: { chunkOptimization: false, lazyBarrel: true },
    plugins: [rewritePlugin(workers)],
    // The compile cache's key (challenges/compile-cache.ts): what identifies the compiler.
    transform: { define: { __ROBOTYC_COMPILER__: JSON.stringify(compiler) } },
    onLog: (level, log) => {
      if (level === "warn") warnings.push(log);
    },
  });
  const { output } = await bundle.write({
    dir: next,
    format: "es",
    entryFileNames: "[name].js",
    preserveModules: true,
    preserveModulesRoot: ROOT,
    sourcemap: true,
    banner: (chunk) =>
      chunk.code?.includes("__robotycDirname") || chunk.code?.includes("__robotycFilename")
        ? HELPERS
        : "",
  });
  await bundle.close();
  const inputs = new Set();
  for (const chunk of output) {
    if (chunk.type !== "chunk") continue;
    for (const id of chunk.moduleIds) if (inRepo(id)) inputs.add(posix(relative(ROOT, id)));
  }
  const manifest = {
    builtAt: Date.now(),
    compiler,
    entries: Object.keys(input).map((name) => `${name}.js`),
    chunks: Object.fromEntries(
      output
        .filter((c) => c.type === "chunk")
        .map((c) => [
          c.fileName,
          {
            modules: c.moduleIds.map((id) =>
              inRepo(id)
                ? posix(relative(ROOT, id))
                : id.replace(/.*node_modules\//, "node_modules/"),
            ),
            imports: c.imports,
            dynamicImports: c.dynamicImports,
          },
        ]),
    ),
    inputs: Object.fromEntries([...inputs].sort().map((p) => [p, statSync(join(ROOT, p)).mtimeMs])),
  };
  writeFileSync(join(next, "build.json"), JSON.stringify(manifest, null, 1) + "\n");
  writeFileSync(join(next, "package.json"), '{ "type": "module" }\n');
  const old = join(dirname(DIST), `node.old-${process.pid}`);
  let hadOld = true;
  try {
    renameSync(DIST, old);
  } catch {
    hadOld = false;
  }
  renameSync(next, DIST);
  if (hadOld) rmSync(old, { recursive: true, force: true });
  if (!quiet) {
    for (const w of warnings) process.stderr.write(`robotyc build: ${w.message}\n`);
    const files = output.filter((c) => c.type === "chunk").length;
    process.stderr.write(`robotyc: built ${files} files in dist/node/ (${inputs.size} sources)\n`);
  }
  return manifest;
}

const HELPERS =
  "import { dirname as __robotycDir } from 'node:path';\n" +
  "import { fileURLToPath as __robotycPath } from 'node:url';\n" +
  "const __robotycFilename = (rel, base) => __robotycPath(new URL(rel, base));\n" +
  "const __robotycDirname = (rel, base) => __robotycDir(__robotycFilename(rel, base));";

/** The first input newer than the build, or undefined when the build is up to date. */
export function staleInput(manifest) {
  for (const [path, mtime] of Object.entries(manifest.inputs)) {
    let now;
    try {
      now = statSync(join(ROOT, path)).mtimeMs;
    } catch {
      return path;
    }
    if (now !== mtime) return path;
  }
  // A new worker, or a new command imported by a source already listed, changes a listed file.
  return undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await build();
}
