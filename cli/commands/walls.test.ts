/**
 * Hostile programs through the real commands: `robotyc run` in its own process (the host that
 * must survive), and `robotyc grade` with hostile programs in a folder of good ones (the good
 * ones keep their scores; the grading ends in bounded time).
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { gradeFolder, solutionFile } from "../../challenges/node.ts";
import { main } from "../main.ts";

const cli = fileURLToPath(new URL("../robotyc.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "robotyc-walls-"));

const HOSTILE: Record<string, string> = {
  "zero-wait.ts": "let n = 0;\nwhile (true) {\n  n++;\n  await wait(0);\n}\n",
  "set-speed-flood.ts":
    "while (true) {\n  for (let i = 0; i < 1000000; i++) robot.setSpeed(50);\n  robot.distance();\n}\n",
  "native-call.ts": "Array.prototype.includes.call({ length: 2 ** 53 - 1 } as any, 0);\n",
  "to-json.ts":
    "(Object.prototype as any).toJSON = function () {\n  robot.setMotors(100, 100);\n" +
    "  while (robot.distance() > 5) {}\n  return { message: 'forged' };\n};\n" +
    "await robot.forward(20);\nthrow new Error('boom');\n",
  "arguments.ts": "(robot.forward as any)(...new Array(60000).fill(1));\n",
  "print-flood.ts":
    "const s = 'x'.repeat(2000);\nwhile (true) {\n  for (let i = 0; i < 10; i++) print(s);\n  robot.distance();\n}\n",
  "type-bomb.ts":
    Array.from({ length: 300 }, (_, i) => `type A${i} = "a" | "b";`).join("\n") +
    '\nconst a: A0 = "a";\n',
  "parentheses.ts": `const x = ${"(".repeat(1000)}1${")".repeat(1000)};\n`,
};

function program(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, HOSTILE[name] ?? "");
  return path;
}

function robotyc(args: string[], env: Record<string, string> = {}) {
  const start = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], {
    env: { ...process.env, ROBOTYC_LANG: "en", ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const result = r.stdout.trim() ? (JSON.parse(r.stdout) as Record<string, unknown>) : {};
  return { code: r.status, result, stderr: r.stderr, seconds: (performance.now() - start) / 1000 };
}

const run = (name: string, env: Record<string, string> = {}) =>
  robotyc(["run", program(name), "--challenge", "trieur-1-zone", "--json"], env);

describe("robotyc run: a hostile program ends with its own message, the host survives", () => {
  it("a loop of `await wait(0)` (the simulator's wait(0) takes no time)", () => {
    const r = run("zero-wait.ts");
    expect(r.code).toBe(1);
    expect(r.result).toMatchObject({ outcome: "error", error: { line: 2 } });
    expect((r.result.error as { message: string }).message).toMatch(
      /^Line 2: Your loop waits 0 seconds on every turn/,
    );
  });

  it("millions of host calls between two sensor reads", () => {
    const r = run("set-speed-flood.ts");
    expect(r.result).toMatchObject({ outcome: "error", error: { line: 2 } });
    expect((r.result.error as { message: string }).message).toMatch(/loops without ever waiting/);
  });

  it("one built-in call that never returns: the watchdog, as its own outcome", () => {
    const r = run("native-call.ts", { ROBOTYC_WATCHDOG_SECONDS: "1" });
    expect(r.code).toBe(1);
    expect(r.result).toMatchObject({ outcome: "watchdog", score: 0, maxScore: 40 });
    expect((r.result.error as { message: string }).message).toMatch(/stopped for safety/);
    expect(r.seconds).toBeLessThan(30);
  });

  it("a planted toJSON changes neither the error nor the score", () => {
    const trapped = run("to-json.ts");
    writeFileSync(join(dir, "plain.ts"), "await robot.forward(20);\nthrow new Error('boom');\n");
    const plain = robotyc(["run", join(dir, "plain.ts"), "--challenge", "trieur-1-zone", "--json"]);
    // The same words, at the throw's own line.
    const words = (r: typeof plain) =>
      (r.result.error as { message: string }).message.replace(/^Line \d+(, column \d+)?: /, "");
    expect(trapped.result.error).toMatchObject({ line: 7 });
    expect(words(trapped)).toBe(words(plain));
    expect(words(trapped)).toMatch(/boom/);
    // Scored from the world as it was when the program failed: the same as without the trap.
    expect(trapped.result.score).toBe(plain.result.score);
    expect(trapped.result.simTime).toBe(plain.result.simTime);
    expect(trapped.result.breakdown).toEqual(plain.result.breakdown);
  });

  it("an absurd argument count is refused in plain words", () => {
    const r = run("arguments.ts");
    expect(r.result.error).toMatchObject({ line: 1 });
    expect((r.result.error as { message: string }).message).toMatch(
      /^Line 1(, column \d+)?: robot\.forward expects at most 1 value\(s\), but got 60000\.$/,
    );
  });

  it.each([
    ["type-bomb.ts", /Your program is too complicated to check: its types are too many/],
    ["parentheses.ts", /Your program is too complicated to check: more than 100 brackets/],
  ])("%s does not reach the type checker", (name, message) => {
    const r = run(name);
    expect(r.code).toBe(1);
    expect((r.result.error as { message: string }).message).toMatch(message);
    const checked = spawnSync(process.execPath, [cli, "check", join(dir, name)], {
      env: { ...process.env, ROBOTYC_LANG: "en" },
      encoding: "utf8",
    });
    expect(checked.status).toBe(1);
    expect(checked.stderr).toMatch(new RegExp(`${name}:\\d+:\\d+: ${message.source}`));
  });

  it("a print flood to a slow reader: cut once, and the process stays small", async () => {
    const child = spawn(
      process.execPath,
      [cli, "run", program("print-flood.ts"), "--challenge", "trieur-1-zone", "--json"],
      { env: { ...process.env, ROBOTYC_LANG: "en" } },
    );
    // Nobody reads stderr for a while: the pipe fills, the run must wait instead of piling up.
    child.stderr.pause();
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {
        // The process has ended.
      }
    }, 200);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearInterval(poll);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: "timeout" });
    expect(Buffer.byteLength(stderr)).toBeLessThan(1.1 * 1024 * 1024);
    expect(stderr.match(/the rest is not shown/g)).toHaveLength(1);
    expect(peakKb).toBeGreaterThan(0);
    expect(peakKb).toBeLessThan(600 * 1024);
  });
});

describe("robotyc grade: hostile programs in a class of good ones", () => {
  const CHALLENGE = "trieur-1-zone";

  function goodClass(): string {
    const folder = mkdtempSync(join(tmpdir(), "robotyc-walls-class-"));
    copyFileSync(solutionFile(CHALLENGE), join(folder, "alice.ts"));
    writeFileSync(join(folder, "bob.ts"), "await robot.forward(40);\nawait robot.turnLeft(90);\n");
    return folder;
  }

  async function grade(folder: string) {
    const out = join(folder, "results.json");
    const err: string[] = [];
    const code = await main(
      ["grade", folder, "--challenge", CHALLENGE, "--seeds", "1,2", "--jobs", "2", "--out", out],
      { locale: "en", out: () => undefined, err: (t) => err.push(t) },
    );
    expect(code).toBe(0);
    const rows = JSON.parse(readFileSync(out, "utf8")) as Row[];
    return new Map(rows.map((r) => [r.program, r]));
  }
  type Row = { program: string; scores: number[]; errors: { seed: number; message: string }[] };

  it("the good ones keep their scores, each hostile one has its own message", async () => {
    const reference = await grade(goodClass());
    const folder = goodClass();
    for (const name of Object.keys(HOSTILE)) {
      if (name !== "native-call.ts") writeFileSync(join(folder, name), HOSTILE[name]!);
    }
    const start = performance.now();
    const rows = await grade(folder);
    expect((performance.now() - start) / 1000).toBeLessThan(180);
    for (const good of ["alice.ts", "bob.ts"]) {
      expect(rows.get(good)!.scores).toEqual(reference.get(good)!.scores);
      expect(rows.get(good)!.errors).toEqual([]);
    }
    const first = (name: string) => rows.get(name)!.errors[0]?.message ?? "";
    expect(first("zero-wait.ts")).toMatch(/Your loop waits 0 seconds on every turn/);
    expect(first("set-speed-flood.ts")).toMatch(/loops without ever waiting/);
    expect(first("to-json.ts")).toMatch(/^Line 7\b.*boom/);
    expect(first("arguments.ts")).toMatch(/expects at most 1 value/);
    expect(first("type-bomb.ts")).toMatch(/too complicated to check/);
    expect(first("parentheses.ts")).toMatch(/too complicated to check/);
    expect(rows.get("print-flood.ts")!.errors).toEqual([]);
  }, 240_000);

  it("a job stuck in one built-in call is stopped by its watchdog; the class is graded", async () => {
    const grading = (folder: string, jobTimeoutMs?: number) =>
      gradeFolder({
        folder,
        challenge: CHALLENGE,
        seeds: [1, 2],
        jobs: 2,
        locale: "en",
        ...(jobTimeoutMs ? { jobTimeoutMs } : {}),
      });
    const reference = await grading(goodClass());
    // A watchdog far above the good jobs on this machine as loaded now (a wall-clock wall).
    const slowest = Math.max(...reference.runs.map((r) => r.wallMs));
    const timeout = Math.round(Math.max(10_000, 4 * slowest) / 1000) * 1000;
    const folder = goodClass();
    writeFileSync(join(folder, "native-call.ts"), HOSTILE["native-call.ts"]!);
    const start = performance.now();
    const report = await grading(folder, timeout);
    expect(performance.now() - start).toBeLessThan(3 * timeout + 60_000);
    const rows = new Map(report.rows.map((r) => [r.program, r]));
    for (const good of ["alice.ts", "bob.ts"]) {
      const before = reference.rows.find((r) => r.program === good)!;
      expect(rows.get(good)!.scores).toEqual(before.scores);
    }
    const stuck = report.runs.filter((r) => r.program === "native-call.ts");
    expect(stuck.map((r) => r.outcome)).toEqual(["watchdog", "watchdog"]);
    expect(rows.get("native-call.ts")!.errors[0]!.message).toBe(
      `This program was stopped for safety: its run was not over after ${timeout / 1000} s (an instruction that never hands back control?). Score: 0. The other programs are graded as usual.`,
    );
  }, 240_000);
});
