/**
 * Replay format 2: it stands alone (the arena is inside), carries what the robot did and sensed,
 * and a live run's frames are exactly its replay's frames. A format 1 file still plays.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadArena } from "../arena/load.ts";
import { REFERENCE_ARENA } from "../arenas/reference.ts";
import { runSimulation } from "../simulation.ts";
import {
  encodeFrameLines,
  loadReplay,
  playReplay,
  REPLAY_VERSION,
  type ReplayFrame,
} from "./replay.ts";

const PROGRAM = `
robot.setSpeed(60);
await robot.forward(30);
await robot.turnLeft(90);
print(robot.distance());
await robot.grab();
`;

/** PROGRAM on the reference arena, seed 3, recorded. */
const recordedRun = () =>
  runSimulation({ program: PROGRAM, arena: REFERENCE_ARENA, seed: 3, maxTime: 10, record: true });

describe("replay format 2", () => {
  it("a live run hands out exactly the frames its replay decodes to, robot state included", async () => {
    const live: ReplayFrame[] = [];
    const run = await runSimulation({
      program: PROGRAM,
      arena: REFERENCE_ARENA,
      seed: 3,
      maxTime: 10,
      record: true,
      onFrame: (frame) => live.push(frame),
    });
    const played = playReplay(JSON.stringify(run.replay));
    expect(played.hash).toBe(run.trace.hash);
    expect(played.frames).toEqual(live);
    expect(live).toHaveLength(run.trace.frames);
    expect(played.replay.version).toBe(REPLAY_VERSION);
    // The arena is inside: the replay alone rebuilds the table, bins and zones.
    expect(loadArena(played.replay.arena)).toEqual(loadArena(REFERENCE_ARENA));
  });

  it("robot frames follow the program: wheels roll, the motors stop, the sensor read is kept", async () => {
    const live: ReplayFrame[] = [];
    const printed: string[] = [];
    await runSimulation({
      program: PROGRAM,
      arena: REFERENCE_ARENA,
      seed: 3,
      maxTime: 10,
      print: (t) => printed.push(t),
      onFrame: (frame) => live.push(frame),
    });
    const first = live[0]!.robot!;
    const last = live.at(-1)!.robot!;
    expect(first).toEqual({ power: [0, 0], wheels: [0, 0], jaw: 0, held: 0, seen: {} });
    expect((last.wheels[0] + last.wheels[1]) / 2).toBeGreaterThan(25);
    expect(live.some((f) => Math.abs(f.robot!.power[0]) > 10)).toBe(true);
    expect(last.power).toEqual([0, 0]);
    expect(last.seen.distance).toBeCloseTo(Number(printed[0]), 1);
    // The jaws closed during grab() (on nothing here: they open again).
    expect(Math.max(...live.map((f) => f.robot!.jaw))).toBeGreaterThan(0.5);
  });

  it("reads a format 1 replay: its poses play back to the recorded hash, with no arena", () => {
    const text = readFileSync(
      new URL("./fixtures/v1-reference-seed3.json", import.meta.url),
      "utf8",
    );
    expect(JSON.parse(text).version).toBe(1);
    const replay = loadReplay(text);
    expect(replay.version).toBe(2);
    expect(replay.arena).toBeNull();
    expect(replay.arenaId).toBe("reference");
    const played = playReplay(text);
    // Recorded by format 1's writer (the same program and seed as above).
    expect(played.hash).toBe("b825822e8c9b0701");
    expect(played.frames).toHaveLength(88);
    expect(played.frames.every((f) => f.robot === undefined)).toBe(true);
  });

  it("refuses a damaged robot stream", async () => {
    const run = await recordedRun();
    expect(() =>
      playReplay({ ...run.replay!, robotFrames: run.replay!.robotFrames + "AAAA" }),
    ).toThrow(/replay/i);
    expect(() => loadReplay({ ...run.replay!, arena: 5 })).toThrow(/replay/i);
  });

  it("keeps the running line of each frame when given (optional: a replay without it plays the same)", async () => {
    const run = await recordedRun();
    const replay = run.replay!;
    expect(playReplay(replay).lines).toBeNull();
    // Lines go up and down (a loop, a function): deltas, zigzag, one byte each when small.
    const lines = Array.from({ length: replay.frameCount }, (_, i) => [0, 3, 4, 3, 120][i % 5]!);
    const withLines = { ...replay, frameLines: encodeFrameLines(lines) };
    const played = playReplay(JSON.parse(JSON.stringify(withLines)));
    expect(played.lines).toEqual(lines);
    expect(played.hash).toBe(run.trace.hash);
    expect(played.replay.version).toBe(2);
    // Too few lines, too many, a negative line, not text: the file is refused with the field named.
    for (const bad of [
      encodeFrameLines(lines.slice(1)),
      encodeFrameLines([...lines, 2]),
      encodeFrameLines([-1, ...lines.slice(1)]),
      42,
    ]) {
      expect(() => playReplay({ ...replay, frameLines: bad })).toThrow(/frameLines/);
    }
  });
});
