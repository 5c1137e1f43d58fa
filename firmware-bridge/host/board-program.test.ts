/**
 * A real pupil program (compiled, run by QuickJS in a worker) on the emulated 2WD kit with real
 * Johnny-Five: polling loops without `await` see fresh sensor values and end, as in the arena,
 * because the thread that owns the board link is never blocked by the program.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findKit } from "../../boards/index.ts";
import { compile, type CompiledProgram } from "../../runtime/index.ts";
import { BoardRobot } from "./board-robot.ts";
import { estimatedCalibration } from "./calibration.ts";
import { runProgramOnBoard } from "./board-program.ts";
import { BoardConnection } from "./connection.ts";
import { createEmulatedKit, kitFirmware, type EmulatedKit } from "./emulated-kit.ts";

const kit = findKit("2wd-kit")!;
const calibration = {
  ...estimatedCalibration("program-test", kit.id, kit.geometry),
  cmPerSecond: 20,
  degreesPerSecond: 180,
};

function compiled(source: string): CompiledProgram {
  const result = compile(source, { locale: "en" });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.program;
}

describe("pupil programs on the emulated board", () => {
  let emu: EmulatedKit;
  let connection: BoardConnection;

  beforeAll(async () => {
    emu = createEmulatedKit(kit);
    emu.board.start();
    connection = new BoardConnection(kit, {
      readyTimeoutMs: 30_000,
      silenceMs: 4_000,
      failsafeMs: 3_000,
    });
    await connection.connect(emu.board.port);
  });
  afterAll(async () => {
    await connection?.close();
    emu?.board.stop();
  });

  it("a line-polling loop without await sees the line appear and ends", async () => {
    const robot = new BoardRobot(connection, { calibration });
    const printed: string[] = [];
    const duties: number[] = [];
    emu.setLine("center", false);
    // The line appears under the robot 1.2 s after the program starts.
    let appear: ReturnType<typeof setTimeout> | undefined;
    let started = 0;
    const onStart = () => {
      started = performance.now();
      appear = setTimeout(() => emu.setLine("center", true), 1200);
    };
    const watch = setInterval(() => duties.push(emu.board.pins.pwmDuty(5)), 100);
    const program = compiled(`
      robot.setMotors(30, 30);
      let reads = 0;
      while (!robot.line().center) { reads++; }
      robot.stop();
      print("line after", Math.round(time() * 10) / 10, "s,", reads > 10 ? "many" : "few", "reads");
    `);
    const result = await runProgramOnBoard({
      program,
      robot,
      seed: 1,
      locale: "en",
      print: (t) => printed.push(t),
      maxTime: 20,
      onStart,
    });
    clearTimeout(appear);
    clearInterval(watch);
    const seconds = (performance.now() - started) / 1000;
    expect(result.outcome).toBe("finished");
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^line after \d+(\.\d)? s, many reads$/);
    expect(seconds).toBeGreaterThan(1.2);
    expect(seconds).toBeLessThan(12);
    // The motors ran at 30 % during the loop, and were stopped after it.
    expect(duties.some((d) => Math.abs(d - 0.3) < 0.05)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(emu.board.pins.pwmDuty(5)).toBe(0);
    await robot.dispose();
  });

  it("timed calls and sensor reads reach the board from the worker", async () => {
    const robot = new BoardRobot(connection, { calibration });
    emu.world.color = { c: 3000, r: 2200, g: 400, b: 350 };
    const printed: string[] = [];
    const program = compiled(`
      robot.setSpeed(50);
      await robot.forward(10);
      await robot.turnRight(90);
      print(robot.heading(), robot.color().name);
      const held = await robot.grab();
      await robot.release();
      print(typeof held);
    `);
    const result = await runProgramOnBoard({
      program,
      robot,
      seed: 2,
      locale: "en",
      print: (t) => printed.push(t),
      maxTime: 20,
    });
    expect(result.error?.message).toBeUndefined();
    expect(result.outcome).toBe("finished");
    expect(printed).toEqual(["90 red", "boolean"]);
    await robot.dispose();
  });

  // Needs our firmware's ping (0x75); the stock StandardFirmata has none.
  it.runIf(kitFirmware().ours)(
    "`while (robot.distance() > 10) {}` ends when the obstacle comes close",
    async () => {
      const robot = new BoardRobot(connection, { calibration });
      const start = performance.now();
      // The obstacle approaches at 20 cm/s from 60 cm.
      const approach = setInterval(() => {
        emu.world.distanceCm = Math.max(3, 60 - 20 * ((performance.now() - start) / 1000));
      }, 10);
      const printed: string[] = [];
      const program = compiled(`
      robot.setMotors(40, 40);
      while (robot.distance() > 10) {}
      robot.stop();
      print(robot.distance() <= 12 ? "stopped near" : "stopped far");
    `);
      const result = await runProgramOnBoard({
        program,
        robot,
        seed: 3,
        locale: "en",
        print: (t) => printed.push(t),
        maxTime: 20,
      });
      clearInterval(approach);
      expect(result.outcome).toBe("finished");
      expect(printed).toEqual(["stopped near"]);
      const seconds = (performance.now() - start) / 1000;
      expect(seconds).toBeGreaterThan(2); // 50 cm at 20 cm/s
      await robot.dispose();
    },
  );

  it("a lost link ends a polling loop with the link's message", async () => {
    const robot = new BoardRobot(connection, { calibration });
    emu.setLine("center", false);
    let cut: ReturnType<typeof setTimeout> | undefined;
    const onStart = () => (cut = setTimeout(() => emu.board.port.close(), 800));
    const program = compiled(`
      robot.setMotors(20, 20);
      while (!robot.line().center) {}
    `);
    const result = await runProgramOnBoard({
      program,
      robot,
      seed: 4,
      locale: "fr",
      maxTime: 4,
      onStart,
    });
    clearTimeout(cut);
    expect(result.outcome).toBe("error");
    expect(result.error?.message).toContain("La liaison avec le robot est coupée");
    await robot.dispose();
    // Reconnect for whatever runs next.
    await connection.connect(emu.board.port);
  });
});
