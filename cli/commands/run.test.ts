import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { solutionFile } from "../../challenges/node.ts";
import { playReplay } from "../../simulator/index.ts";
import { main } from "../main.ts";

const cli = fileURLToPath(new URL("../robotyc.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "robotyc-run-"));

function robotyc(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    env: { ...process.env, ROBOTYC_LANG: "en" },
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same command in this process (no start-up cost): exit code, stdout, stderr. */
async function inProcess(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { locale: "en", out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

function program(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const KEYS = ["challenge", "seed", "outcome", "score", "maxScore", "simTime", "breakdown"];

describe("robotyc run", () => {
  it("--json prints exactly one result object; exit 0; the replay plays back to the run", () => {
    const replay = join(dir, "run.replay.json");
    const r = robotyc(
      "run",
      solutionFile("trieur-1-zone"),
      "--challenge",
      "trieur-1-zone",
      "--seed",
      "3",
      "--json",
      "--replay",
      replay,
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result)).toEqual(KEYS);
    expect(result).toMatchObject({ challenge: "trieur-1-zone", seed: 3, outcome: "finished" });
    expect(result.score).toBe(result.maxScore);
    expect(result.breakdown[0]).toEqual({ points: 30, reason: "reached the collection zone" });
    const played = playReplay(readFileSync(replay, "utf8"));
    expect(played.frames.length).toBeGreaterThan(10);
  });

  it("a program still running at the time limit is a completed run (exit 0, timeout)", async () => {
    const r = await inProcess(
      "run",
      program("spin.ts", "while (true) { await wait(1); }\n"),
      "--challenge",
      "trieur-1-zone",
      "--json",
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: "timeout", simTime: 20, score: 0 });
  });

  it("a program that does not compile: exit 1, error with its line", async () => {
    const r = await inProcess(
      "run",
      program("bad.ts", "const a = 1;\nrobot.forward(\n"),
      "--challenge",
      "trieur-1-zone",
      "--json",
    );
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result)).toEqual([...KEYS, "error"]);
    expect(result.outcome).toBe("error");
    expect(result.error.line).toBeGreaterThanOrEqual(2);
  });

  it("a program that throws while running: exit 1, what was done still counts", async () => {
    const source = "robot.setSpeed(100);\nawait robot.forward(70);\nthrow new Error('done');\n";
    const r = await inProcess(
      "run",
      program("throws.ts", source),
      "--challenge",
      "trieur-1-zone",
      "--json",
    );
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.outcome).toBe("error");
    expect(result.error).toMatchObject({ line: 3 });
    expect(result.score).toBe(30);
  });

  it("the program's print goes to stderr with --json, stdout stays one object", async () => {
    const r = await inProcess(
      "run",
      program("hello.ts", 'print("bonjour");\n'),
      "--challenge",
      "trieur-1-zone",
      "--json",
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("bonjour");
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  it("prints a breakdown a pupil reads, without --json", async () => {
    const r = await inProcess(
      "run",
      solutionFile("trieur-2-pousser"),
      "--challenge",
      "trieur-2-pousser",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("+10 plastic bottle → yellow bin");
    expect(r.stdout).toContain("Score: 40 / 40");
  });

  it("bad usage and bad challenge files: exit 2, a clear message", async () => {
    const ok = solutionFile("trieur-1-zone");
    expect((await inProcess("run", ok)).code).toBe(2);
    expect((await inProcess("run", ok, "--challenge", "trieur-1-zone", "--seed", "x")).code).toBe(
      2,
    );
    expect((await inProcess("run", ok, "--challenge", "trieur-1-zone", "--fast")).code).toBe(2);
    const unknown = await inProcess("run", ok, "--challenge", "nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown challenge: "nope"');
    const broken = program("broken.json", JSON.stringify({ schemaVersion: 2, id: "x" }));
    const bad = await inProcess("run", ok, "--challenge", broken);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('field "title"');
    expect(
      (await inProcess("run", join(dir, "absent.ts"), "--challenge", "trieur-1-zone")).code,
    ).toBe(2);
  });

  it("checks the replay's folder before running: nothing runs for a replay that cannot be kept", async () => {
    const r = await inProcess(
      "run",
      solutionFile("trieur-1-zone"),
      "--challenge",
      "trieur-1-zone",
      "--replay",
      join("nodir", "r.json"),
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      'The folder "nodir" does not exist: cannot write "nodir/r.json" there. Create it or choose another place.',
    );
  });

  // As root (CI), /sys/kernel passes the permission check but refuses the file, as a full disk
  // or a pulled USB stick would after the check; other users are refused before the run.
  it.skipIf(process.getuid?.() !== 0)(
    "a replay whose write still fails: the score is printed, the replay kept elsewhere",
    async () => {
      const r = await inProcess(
        "run",
        solutionFile("trieur-1-zone"),
        "--challenge",
        "trieur-1-zone",
        "--replay",
        "/sys/kernel/r.json",
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("Score: 40 / 40");
      const kept = /The replay is kept in "([^"]+)"/.exec(r.stderr)?.[1];
      expect(r.stderr).toContain('Cannot write the replay "/sys/kernel/r.json": Permission denied');
      expect(r.stderr).not.toContain(".tmp");
      expect(playReplay(readFileSync(kept!, "utf8")).frames.length).toBeGreaterThan(10);
    },
  );

  it("a challenge whose items find no room is refused before anything runs, with one message", async () => {
    const crowded = join(
      import.meta.dirname,
      "..",
      "..",
      "challenges",
      "format",
      "fixtures",
      "no-room.json",
    );
    const r = await inProcess("run", solutionFile("trieur-1-zone"), "--challenge", crowded);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `The challenge file "${crowded}" is invalid: field "items.placement": no room for 30 items in the 80 × 60 cm region 12 cm apart (seed 1). Enlarge "region", lower "minSpacing" or the number of items.`,
    );
    const json = program("virgule.json", '{\n  "schemaVersion": 2,\n}\n');
    const bad = await inProcess("run", solutionFile("trieur-1-zone"), "--challenge", json);
    expect(bad.stderr).toBe(
      `The challenge file "${json}" is not valid JSON: line 2, column 21: one comma too many: nothing follows it in the list.`,
    );
  });

  it("--twin runs the program on the twin, scored the same way; --json adds driver: twin", () => {
    const args = [solutionFile("trieur-1-zone"), "--challenge", "trieur-1-zone", "--json"];
    const twin = robotyc("run", ...args, "--twin");
    expect(twin.code).toBe(0);
    const result = JSON.parse(twin.stdout);
    expect(Object.keys(result)).toEqual([...KEYS, "driver"]);
    expect(result).toMatchObject({
      challenge: "trieur-1-zone",
      outcome: "finished",
      driver: "twin",
    });
    expect(result.score).toBe(result.maxScore);
    const arena = JSON.parse(robotyc("run", ...args).stdout);
    expect(arena.driver).toBeUndefined();
    // The same rules give the same lines (the time bonus names each run's own time).
    const points = (r: { breakdown: { points: number }[] }) => r.breakdown.map((l) => l.points);
    expect(points(result)).toEqual(points(arena));
    expect(result.breakdown[0].reason).toBe(arena.breakdown[0].reason);
    // Two CLI processes, one of them 20 s of board time on the twin: 70 s together on this
    // 2-core machine shared by a load of 18, past the 60 s default.
  }, 240_000);
});
