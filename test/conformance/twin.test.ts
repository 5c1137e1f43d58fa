/**
 * BoardRobot's physical conformance: the suite SimRobot passes, run on the twin (our firmware on
 * the emulated board, real Johnny-Five and firmata.js, the robot in the rapier world), with the
 * calibration the guided procedure gives on the twin. Where BoardRobot is held to looser figures
 * than SimRobot, the tolerance says by how much and why: the kit has no wheel encoders and no
 * gyroscope, so forward/turn run for a calibrated time, and heading() is dead reckoning.
 */
import { findKit } from "../../boards/index.ts";
import { loadArena, World, type ArenaInput } from "../../simulator/index.ts";
import { Twin, TwinDriver, TWIN_CALIBRATION } from "../../twin/index.ts";
import {
  driverConformance,
  SIM_TOLERANCES,
  type ConformanceTolerances,
} from "./driver-conformance.ts";
import { SCENE_ARENAS } from "./scenes.ts";

const kit = findKit("2wd-kit")!;

async function rig(input: ArenaInput) {
  const world = await World.create({ arena: loadArena(input), seed: 11, kit: kit.geometry });
  const twin = await Twin.boot({ world, kit, calibration: TWIN_CALIBRATION });
  twin.startWorld();
  return {
    driver: new TwinDriver(twin),
    position: () => world.robot.pose(),
    heading: () => (-world.robot.yaw * 180) / Math.PI,
    cutLink: () => twin.board.setLinkConnected(false),
    dispose: async () => {
      await twin.close();
      world.dispose();
    },
  };
}

/** What BoardRobot on the twin meets, and why it is looser than SimRobot. */
export const TWIN_TOLERANCES: ConformanceTolerances = {
  ...SIM_TOLERANCES,
  turnDegrees: 7,
  headingDegrees: 7,
  blockedSeconds: 5.5,
  why: {
    turnDegrees:
      "no gyroscope: a turn runs for its calibrated time, and our firmware's ultrasonic ping holds it up to 38 ms when nothing is in range, so a motor command can start or stop that late: 38 ms × 168°/s = 6.4°",
    headingDegrees:
      "dead reckoning: heading() adds up the turns asked for, so it is off by what a turn is off",
    blockedSeconds:
      "no wheel encoders: BoardRobot cannot tell the robot is blocked, the motion runs its calibrated time, 100 cm at 20.15 cm/s = 5 s",
  },
};

driverConformance(
  "BoardRobot on the twin",
  {
    freeFloor: () => rig(SCENE_ARENAS.freeFloor()),
    wallAhead: (cm) => rig(SCENE_ARENAS.wallAhead(cm)),
    blackLine: () => rig(SCENE_ARENAS.blackLine()),
    bentLine: () => rig(SCENE_ARENAS.bentLine()),
    itemAtGripper: () => rig(SCENE_ARENAS.itemAtGripper()),
    hasLink: true,
  },
  TWIN_TOLERANCES,
);
