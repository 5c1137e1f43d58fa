/**
 * The twin's wiring, part by part, with our firmware and real Johnny-Five: the driver pins give
 * the wheels' power, the TB6612's standby and the firmware's failsafe stop them, the floor gives
 * the line sensors' voltages; its clock is the board's; and the guided calibration on the twin
 * gives a calibration that makes forward(20) drive 20 ± 1 cm.
 */
import { afterEach, describe, expect, it } from "vitest";
import { findBoard, findKit, findPin, type KitProfile } from "../boards/index.ts";
import { packChallenge } from "../challenges/index.ts";
import { compile } from "../runtime/index.ts";
import { loadArena, playReplay, World, type ArenaInput } from "../simulator/index.ts";
import {
  calibrateTwin,
  runTwinChallenge,
  runTwinSimulation,
  Twin,
  TWIN_CALIBRATION,
  TwinDriver,
} from "./index.ts";

const START = { x: 100, y: 150, heading: 0 };
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function boot(kitId = "2wd-kit", extra: Partial<ArenaInput> = {}, seed = 3) {
  const kit = findKit(kitId)!;
  const world = await World.create({
    arena: loadArena({ version: 1, table: { width: 300, depth: 300 }, start: START, ...extra }),
    seed,
    kit: kit.geometry,
  });
  cleanup.push(() => world.dispose());
  const twin = await Twin.boot({ world, kit, calibration: TWIN_CALIBRATION });
  cleanup.push(() => twin.close());
  twin.startWorld();
  return { twin, world, kit, driver: new TwinDriver(twin) };
}

/** Steps the twin `seconds` of board time. */
async function run(twin: Twin, seconds: number) {
  await twin.until(new Promise((resolve) => setTimeout(resolve, seconds * 1000)), seconds + 1);
}

const pinOf = (kit: KitProfile, name: string) => findPin(findBoard(kit.board)!, name)!.number;

describe("the twin's wiring", () => {
  it("motors: the PWM duty and direction pins give each wheel's power; the TB6612's standby cuts both", async () => {
    const { twin, world, kit } = await boot("2wd-kit-tb6612");
    twin.robot.setMotors(50, -30);
    await run(twin, 0.05);
    // analogWrite(128) on Timer0's fast PWM: (128 + 1) / 256.
    expect(world.robot.target[0]).toBeCloseTo(129 / 256, 3);
    expect(world.robot.target[1]).toBeCloseTo(-(77 + 1) / 256, 3);
    twin.connection.five!.io.digitalWrite(pinOf(kit, kit.motors!.standby!), 0);
    await run(twin, 0.05);
    expect([...world.robot.target]).toEqual([0, 0]);
  });

  it("the firmware's failsafe stops the simulated wheels 0.5 s after the host falls silent", async () => {
    const { twin, world } = await boot();
    twin.robot.setMotors(60, 60);
    await run(twin, 0.3);
    expect(world.robot.target[0]).toBeGreaterThan(0.5);
    const cut = twin.board.cpuTime();
    twin.board.setLinkConnected(false);
    let stoppedAt = 0;
    while (stoppedAt === 0) {
      await run(twin, 0.01);
      if (world.robot.target[0] === 0) stoppedAt = twin.board.cpuTime();
    }
    // The last host byte left at most one keepalive period (150 ms) before the cut.
    expect(stoppedAt - cut).toBeGreaterThan(0.3);
    expect(stoppedAt - cut).toBeLessThan(0.65);
  });

  it("line sensors: the floor under each module sets its voltage, read against the kit's threshold", async () => {
    const line = {
      markings: [
        {
          shape: "line" as const,
          points: [
            { x: 50, y: START.y },
            { x: 250, y: START.y },
          ],
          width: 2,
          color: "black" as const,
        },
      ],
    };
    const { twin, kit } = await boot("2wd-kit", line);
    await run(twin, 0.1);
    const [left, center, right] = twin.connection.samples.line;
    const threshold = kit.lineSensors!.threshold;
    expect(center).toBeGreaterThan(threshold);
    expect(left).toBeLessThan(threshold);
    expect(right).toBeLessThan(threshold);
  });

  it("while a twin runs, the host's clock is the board's; closing gives the real one back", async () => {
    const realNow = performance.now;
    const { twin } = await boot();
    const board = twin.board.cpuTime() * 1000;
    expect(performance.now()).toBeCloseTo(board, 6);
    let fired = 0;
    setTimeout(() => (fired = twin.board.cpuTime()), 250);
    const from = twin.board.cpuTime();
    await run(twin, 0.3);
    expect(fired - from).toBeGreaterThanOrEqual(0.25 - 1e-9);
    expect(fired - from).toBeLessThan(0.2505);
    await twin.close();
    expect(performance.now).toBe(realNow);
  });
});

describe("calibration on the twin", () => {
  it("the guided procedure gives the twin's calibration; forward(20) then drives 20 ± 1 cm", async () => {
    // TWIN_CALIBRATION was measured on this free table with seed 11.
    const first = await boot("2wd-kit", {}, 11);
    const calibration = await calibrateTwin(first.twin);
    expect({ ...calibration, measuredAt: null }).toEqual({ ...TWIN_CALIBRATION, measuredAt: null });
    await first.twin.close();
    const { world, driver } = await boot();
    const a = world.robot.pose();
    await driver.twin.until(driver.forward(20), 5);
    await driver.twin.until(driver.wait(0.3), 1);
    const b = world.robot.pose();
    expect(Math.abs(Math.hypot(b.x - a.x, b.y - a.y) - 20)).toBeLessThanOrEqual(1);
  });
});

describe("a twin run", () => {
  it("records a replay that plays back to its trace, the jaws and the held can in its frames", async () => {
    const compiled = compile(
      `const held = await robot.grab();\nawait robot.forward(-10);\nprint(held, robot.distance() < 10);`,
      { locale: "en" },
    );
    if (!compiled.ok) throw new Error(compiled.diagnostics[0]!.message);
    const printed: string[] = [];
    const result = await runTwinSimulation({
      program: compiled.program,
      arena: {
        version: 1,
        table: { width: 300, depth: 300 },
        start: START,
        items: [{ item: "drink-can", position: { x: START.x + 18, y: START.y } }],
      },
      seed: 5,
      maxTime: 10,
      record: true,
      print: (text) => printed.push(text),
    });
    expect(result.outcome).toBe("finished");
    // Held between the jaws, the can echoes: the ultrasonic sensor reads it close.
    expect(printed).toEqual(["true true"]);
    expect(result.events.map((e) => e.type)).toContain("itemGrabbed");
    const played = playReplay(JSON.parse(JSON.stringify(result.replay)));
    expect(played.hash).toBe(result.trace.hash);
    const last = played.frames.at(-1)!.robot!;
    expect(last.held).toBe(1);
    expect(last.jaw).toBeGreaterThan(0.9);
    expect(played.frames[0]!.robot!.jaw).toBe(0);
  });
});

describe("a challenge on the twin", () => {
  it("keeps the sandbox limits it is given, like a run in the simulator", async () => {
    // Within the runtime's default limits, this program ends by itself.
    const PROGRAM =
      "for (let k = 0; k < 20; k++) {\n  for (let i = 0; i < 200000; i++) {}\n  robot.distance();\n}\nprint('fini');\n";
    const free = await runTwinChallenge({
      challenge: packChallenge("trieur-1-zone"),
      seed: 1,
      locale: "en",
      source: PROGRAM,
    });
    expect(free.outcome).toBe("finished");
    const result = await runTwinChallenge({
      challenge: packChallenge("trieur-1-zone"),
      seed: 1,
      locale: "en",
      source: PROGRAM,
      limits: { runBudget: 300 },
    });
    expect(result.driver).toBe("twin");
    expect(result.outcome).toBe("error");
    expect(result.error).toMatchObject({ stage: "run" });
    expect(result.error!.message).toMatch(/computes far too much for one run/);
  });
});
