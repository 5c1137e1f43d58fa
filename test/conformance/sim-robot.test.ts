import { describe, expect, it } from "vitest";
import { driverConformance, settle, SIM_TOLERANCES } from "./driver-conformance.ts";
import { SCENE_ARENAS } from "./scenes.ts";
import { SimRobot, World, loadArena } from "../../simulator/index.ts";
import type { ArenaInput } from "../../simulator/index.ts";

async function rig(input: ArenaInput) {
  const world = await World.create({ arena: loadArena(input), seed: 11 });
  const driver = new SimRobot(world);
  return {
    driver,
    position: () => world.robot.pose(),
    heading: () => (-world.robot.yaw * 180) / Math.PI,
    dispose: () => world.dispose(),
  };
}

driverConformance(
  "SimRobot",
  {
    freeFloor: () => rig(SCENE_ARENAS.freeFloor()),
    wallAhead: (cm) => rig(SCENE_ARENAS.wallAhead(cm)),
    blackLine: () => rig(SCENE_ARENAS.blackLine()),
    bentLine: () => rig(SCENE_ARENAS.bentLine()),
    itemAtGripper: () => rig(SCENE_ARENAS.itemAtGripper()),
  },
  SIM_TOLERANCES,
);

describe("SimRobot extras", () => {
  it("the bumper is pressed against a wall, free otherwise; encoders count the wheels' roll", async () => {
    const r = await rig(SCENE_ARENAS.wallAhead(10));
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
