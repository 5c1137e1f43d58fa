/**
 * BoardRobot's physical conformance: the suite SimRobot passes, run on the twin (our firmware on
 * the emulated board, real Johnny-Five and firmata.js, the robot in the rapier world), with the
 * calibration the guided procedure gives on the twin. The kit has no wheel encoders and no
 * gyroscope: forward/turn run for a calibrated time, heading() is dead reckoning. Calibrated, that
 * meets SimRobot's figures on a flat table (a turn within 0.5°, a drive within 0.1 cm on the twin;
 * a real robot adds wheel slip and battery sag); where it cannot, the tolerance says why.
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
  stopAtWallCm: 3.5,
  blockedSeconds: 5.5,
  why: {
    stopAtWallCm:
      "Johnny-Five reads the HC-SR04 every 75 ms (65 ms between pings, then the echo): at 16 cm/s the robot moves 1.2 cm between two readings, and brakes 1.1 cm after stop()",
    blockedSeconds:
      "no wheel encoders: BoardRobot cannot tell the robot is blocked; the motion runs its calibrated time, 100 cm at 20.15 cm/s = 5 s, then brakes",
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
