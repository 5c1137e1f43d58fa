import { describe, expect, it } from "vitest";
import { driverConformance, settle } from "./driver-conformance.ts";
import { TWO_WD_GEOMETRY } from "../../boards/index.ts";
import { SimRobot, World, loadArena } from "../../simulator/index.ts";
import type { ArenaInput } from "../../simulator/index.ts";

const START = { x: 100, y: 150, heading: 0 };

async function rig(extra: Partial<ArenaInput> = {}) {
  const arena = loadArena({
    version: 1,
    table: { width: 300, depth: 300 },
    start: START,
    ...extra,
  });
  const world = await World.create({ arena, seed: 11 });
  const driver = new SimRobot(world);
  return {
    driver,
    position: () => world.robot.pose(),
    heading: () => (-world.robot.yaw * 180) / Math.PI,
    dispose: () => world.dispose(),
  };
}

driverConformance("SimRobot", {
  freeFloor: () => rig(),
  wallAhead: (cm) => {
    const x = START.x + TWO_WD_GEOMETRY.ultrasonic.x + cm + 1;
    return rig({ walls: [{ from: { x, y: 50 }, to: { x, y: 250 }, thickness: 2 }] });
  },
  blackLine: () =>
    rig({
      markings: [
        {
          shape: "line",
          points: [
            { x: 50, y: START.y },
            { x: 250, y: START.y },
          ],
          width: 2,
          color: "black",
        },
      ],
    }),
  itemAtGripper: () =>
    rig({
      items: [
        {
          item: "drink-can",
          position: { x: START.x + TWO_WD_GEOMETRY.gripper.holdPoint.x, y: START.y },
        },
      ],
    }),
});

describe("SimRobot extras", () => {
  it("the bumper is pressed against a wall, free otherwise; encoders count the wheels' roll", async () => {
    const x = START.x + TWO_WD_GEOMETRY.ultrasonic.x + 10 + 1;
    const r = await rig({ walls: [{ from: { x, y: 50 }, to: { x, y: 250 }, thickness: 2 }] });
    expect(r.driver.bumper()).toBe(false);
    await settle(r.driver, r.driver.forward(5));
    const [left, right] = r.driver.encoders();
    expect(left).toBeCloseTo(5, 0);
    expect(right).toBeCloseTo(5, 0);
    await settle(r.driver, r.driver.forward(30));
    expect(r.driver.bumper()).toBe(true);
    r.dispose();
  });
});
