import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TWO_WD_GEOMETRY } from "../../boards/index.ts";
import {
  CalibrationProcedure,
  CalibrationStore,
  estimatedCalibration,
  ratesAt,
  type CalibrationRobot,
} from "./calibration.ts";
import { colorReading, nameColor } from "./color.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A robot that records what the procedure asks of it, in its own (instant) time. */
function recordingRobot(): CalibrationRobot & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    setMotors: (l, r) => log.push(`motors ${l} ${r}`),
    stop: () => log.push("stop"),
    wait: async (s) => void log.push(`wait ${s}`),
    rawColor: () => [5200, 2100, 2000, 1700],
  };
}

describe("calibration", () => {
  it("estimates from the kit geometry until measured", () => {
    const c = estimatedCalibration("r1", "2wd-kit", TWO_WD_GEOMETRY);
    expect(c.measured).toBe(false);
    expect(c.cmPerSecond).toBe(20); // 40 cm/s at 100 %, measured at 50 %
    expect(c.degreesPerSecond).toBeCloseTo(((2 * 20) / 13.5) * (180 / Math.PI), 6);
    expect(ratesAt(c, 100).cmPerSecond).toBe(40);
  });

  it("guides: drive N s, the pupil measures, we compute and store per robot", async () => {
    const robot = recordingRobot();
    const base = estimatedCalibration("robot-7", "2wd-kit", TWO_WD_GEOMETRY);
    const procedure = new CalibrationProcedure(robot, base, 60, 2);
    await procedure.driveStraight();
    expect(procedure.recordDistance(50)).toBe(25);
    await procedure.spin();
    expect(procedure.recordTurn(400)).toBe(200);
    expect(procedure.recordWhite()).toEqual([5200, 2100, 2000, 1700]);
    expect(robot.log).toEqual([
      "motors 60 60",
      "wait 2",
      "stop",
      "motors 60 -60",
      "wait 2",
      "stop",
    ]);
    const result = procedure.result(new Date("2026-11-28T10:00:00Z"));
    expect(result).toMatchObject({
      robotId: "robot-7",
      speedPercent: 60,
      cmPerSecond: 25,
      degreesPerSecond: 200,
      measured: true,
      measuredAt: "2026-11-28T10:00:00.000Z",
    });

    const dir = await mkdtemp(join(tmpdir(), "robotyc-cal-"));
    dirs.push(dir);
    const store = new CalibrationStore(dir);
    expect(await store.load("robot-7")).toBeNull();
    await store.save(result);
    expect(await store.load("robot-7")).toEqual(result);
    expect(JSON.parse(await readFile(join(dir, "robot-7.json"), "utf8")).cmPerSecond).toBe(25);
  });

  it("refuses bad measurements, unfinished procedures, bad names and broken files", async () => {
    const procedure = new CalibrationProcedure(
      recordingRobot(),
      estimatedCalibration("r", "2wd-kit", TWO_WD_GEOMETRY),
    );
    expect(() => procedure.recordDistance(-3)).toThrow(/positive number/);
    expect(() => procedure.result()).toThrow(/the cm measurement is missing/);
    const dir = await mkdtemp(join(tmpdir(), "robotyc-cal-"));
    dirs.push(dir);
    const store = new CalibrationStore(dir);
    await expect(store.load("../etc/passwd")).rejects.toThrow(/Invalid robot name/);
    await writeFile(join(dir, "broken.json"), '{"schemaVersion":1,"robotId":"broken"}');
    await expect(store.load("broken")).rejects.toThrow(
      /calibration file of robot “broken” cannot be read/,
    );
  });
});

describe("colour naming", () => {
  it("names the arena's colours", () => {
    expect(nameColor(250, 250, 245)).toBe("white");
    expect(nameColor(20, 20, 25)).toBe("black");
    expect(nameColor(128, 128, 130)).toBe("grey");
    expect(nameColor(230, 30, 30)).toBe("red");
    expect(nameColor(240, 140, 20)).toBe("orange");
    expect(nameColor(240, 230, 40)).toBe("yellow");
    expect(nameColor(30, 200, 60)).toBe("green");
    expect(nameColor(30, 60, 220)).toBe("blue");
    expect(nameColor(110, 60, 25)).toBe("brown");
  });

  it("scales raw counts by the white reference", () => {
    expect(colorReading([6000, 2400, 2200, 1900], [6000, 2400, 2200, 1900])).toEqual({
      name: "white",
      r: 255,
      g: 255,
      b: 255,
    });
    expect(colorReading([300, 100, 90, 80], [6000, 2400, 2200, 1900]).name).toBe("black");
  });
});
