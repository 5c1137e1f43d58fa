/**
 * What the built `robotyc` command loads, measured on the process itself: a resolve hook
 * (fixtures/record-loads.mjs) logs every module the process imports. Start-up time is measured in
 * the benchmarks (bench/cli.bench.ts); these tests check the causes: no transpiler, and no engine
 * that the command does not need.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("./robotyc.mjs", import.meta.url));
const hook = fileURLToPath(new URL("./fixtures/record-loads.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "robotyc-start-up-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** Runs the built command; returns its exit code, output, and the packages it loaded. */
function robotyc(args: string[], env: Record<string, string> = {}) {
  const log = join(dir, `loads-${++runs}.txt`);
  const r = spawnSync(process.execPath, ["--import", hook, cli, ...args], {
    env: { ...process.env, ROBOTYC_LANG: "en", ROBOTYC_LOAD_LOG: log, ...env },
    encoding: "utf8",
  });
  const urls = readFileSync(log, "utf8").trim().split("\n");
  const packages = new Set(
    urls.flatMap((url) => {
      const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
      return m ? [m[1]!] : [];
    }),
  );
  const sources = urls.filter((url) => url.endsWith(".ts"));
  const fetchLoaded = urls.includes("node:fetch");
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, packages, sources, fetchLoaded };
}

describe("the built robotyc command", () => {
  it("starts from built JavaScript: no TypeScript source, no tsx", () => {
    const r = robotyc(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: robotyc <command>/);
    expect(r.sources).toEqual([]);
    expect(r.packages.has("tsx")).toBe(false);
  });

  it("--help lists every command and loads no package but the board profiles' schema checker", () => {
    const r = robotyc(["--help"]);
    for (const name of ["run", "grade", "challenges", "check", "classify", "boards", "flash"]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    }
    // A command module imports its work inside run(): a static import of an engine fails here.
    // zod checks the board profiles, which `flash` and `wiring` list in their help.
    expect([...r.packages]).toEqual(["zod"]);
  });

  it("challenges loads the challenge files' schema checker and no engine", () => {
    const r = robotyc(["challenges"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("trieur-5-finale");
    expect([...r.packages]).toEqual(["zod"]);
  });

  it("a run whose program never classifies loads neither TensorFlow.js nor, once compiled, TypeScript", () => {
    const program = join(dir, "hello.ts");
    writeFileSync(program, 'print("hello");\n');
    const cache = join(dir, "compiled");
    const args = ["run", program, "--challenge", "trieur-5-finale", "--json"];
    const first = robotyc(args, { ROBOTYC_COMPILE_CACHE: cache });
    expect(first.code).toBe(0);
    expect(first.packages.has("typescript")).toBe(true);
    expect(first.packages.has("@tensorflow/tfjs-core")).toBe(false);
    expect(readdirSync(cache).length).toBe(1);

    const second = robotyc(args, { ROBOTYC_COMPILE_CACHE: cache });
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe("hello\n");
    expect(second.packages.has("typescript")).toBe(false);
    expect(second.packages.has("@dimforge/rapier3d-deterministic-compat")).toBe(true);
    expect(second.packages.has("@tensorflow/tfjs-core")).toBe(false);
    // Nor Node's fetch (~20 ms), which rapier's glue would load by testing for its classes.
    expect(second.fetchLoaded).toBe(false);
    // Neither the grader's queue nor the classroom's server.
    for (const name of ["bullmq", "ioredis", "fastify", "better-sqlite3"]) {
      expect(second.packages.has(name)).toBe(false);
    }
  });

  it("a run that stops at once never waits for V8's optimizing compiler; a busy one gets it", () => {
    // tuneSimulationHost("one-run"): baseline wasm code first, TurboFan only past a tiering budget
    // that a run which stops at once stays under (a no-op run went from 1.45 to 0.35 s of CPU).
    const cache = join(dir, "compiled-tiering");
    const turboFan = (source: string, name: string) => {
      const program = join(dir, name);
      writeFileSync(program, source);
      const r = spawnSync(
        process.execPath,
        ["--trace-wasm-compilation-times", cli, "run", program, "--challenge", "trieur-5-finale"],
        {
          env: { ...process.env, ROBOTYC_LANG: "en", ROBOTYC_COMPILE_CACHE: cache },
          encoding: "utf8",
        },
      );
      expect(r.status).toBe(0);
      // V8 traces each wasm function it compiles: the baseline compiles show the trace works.
      expect(r.stdout).toMatch(/using Liftoff/);
      return r.stdout.split("\n").filter((line) => line.includes("using TurboFan")).length;
    };
    expect(turboFan('print("hello");\n', "stops.ts")).toBe(0);
    const busy =
      "for (let i = 0; i < 12; i++) {\n  await robot.forward(30);\n  await robot.turnLeft(90);\n}\n";
    expect(turboFan(busy, "drives.ts")).toBeGreaterThan(0);
  });

  it("check loads the compiler and neither the physics engine nor the sandbox", () => {
    const program = join(dir, "check.ts");
    writeFileSync(program, "await robot.forward(5);\n");
    const r = robotyc(["check", program]);
    expect(r.code).toBe(0);
    expect(r.packages.has("typescript")).toBe(true);
    expect(r.packages.has("@dimforge/rapier3d-deterministic-compat")).toBe(false);
    expect(r.packages.has("quickjs-emscripten-core")).toBe(false);
  });

  it("a program that changes is compiled again; a broken cache entry is compiled again", () => {
    const program = join(dir, "changes.ts");
    const cache = join(dir, "compiled-2");
    const args = ["run", program, "--challenge", "trieur-1-zone", "--json"];
    writeFileSync(program, "await robot.forward(5);\n");
    const a = robotyc(args, { ROBOTYC_COMPILE_CACHE: cache });
    writeFileSync(program, "await robot.forward(5);\nawait robot.forward(x);\n");
    const b = robotyc(args, { ROBOTYC_COMPILE_CACHE: cache });
    expect(a.code).toBe(0);
    expect(b.code).toBe(1);
    expect(b.packages.has("typescript")).toBe(true);
    for (const sub of readdirSync(cache)) {
      for (const entry of readdirSync(join(cache, sub)))
        writeFileSync(join(cache, sub, entry), "{");
    }
    const c = robotyc(args, { ROBOTYC_COMPILE_CACHE: cache });
    expect(c.stdout).toBe(b.stdout);
    expect(c.packages.has("typescript")).toBe(true);
  });

  it("grade compiles through the compile cache: a class graded again loads no TypeScript", () => {
    const folder = join(dir, "class");
    mkdirSync(folder);
    writeFileSync(join(folder, "alice.ts"), "await robot.forward(10);\n");
    writeFileSync(join(folder, "bob.ts"), "await robot.forward(x);\n");
    const cache = join(dir, "compiled-grade");
    const args = ["grade", folder, "--challenge", "trieur-1-zone", "--seeds", "1", "--jobs", "1"];
    const first = robotyc([...args, "--out", join(dir, "first.json")], {
      ROBOTYC_COMPILE_CACHE: cache,
    });
    expect(first.code).toBe(0);
    expect(first.packages.has("typescript")).toBe(true);
    const entries = readdirSync(cache).flatMap((sub) => readdirSync(join(cache, sub)));
    expect(entries).toHaveLength(2);
    const again = robotyc([...args, "--out", join(dir, "again.json")], {
      ROBOTYC_COMPILE_CACHE: cache,
    });
    expect(again.code).toBe(0);
    // Neither in the command's thread nor in a worker (the hook logs every thread's loads).
    expect(again.packages.has("typescript")).toBe(false);
    expect(readFileSync(join(dir, "again.json"), "utf8")).toBe(
      readFileSync(join(dir, "first.json"), "utf8"),
    );
  });

  it("ROBOTYC_COMPILE_CACHE=off compiles every time and writes nothing", () => {
    const program = join(dir, "off.ts");
    writeFileSync(program, "await robot.forward(5);\n");
    const args = ["run", program, "--challenge", "trieur-1-zone", "--json"];
    const env = { ROBOTYC_COMPILE_CACHE: "off", XDG_CACHE_HOME: join(dir, "xdg"), HOME: dir };
    expect(robotyc(args, env).packages.has("typescript")).toBe(true);
    expect(robotyc(args, env).packages.has("typescript")).toBe(true);
    expect(readdirSync(dir)).not.toContain("xdg");
  });
});
