/**
 * The guided calibration (`CalibrationProcedure`) run on the twin, the pupil's ruler and
 * protractor being the simulated world: drive straight N s → measure the distance (to the mm);
 * spin N s → measure the angle (to the degree); white reference on the table's white surface.
 */
import {
  CalibrationProcedure,
  estimatedCalibration,
  type Calibration,
} from "../firmware-bridge/index.ts";
import type { Twin } from "./twin.ts";
import { TwinDriver } from "./twin-driver.ts";

/** Board seconds the robot is left to come to rest after a drive, before measuring. */
const REST_SECONDS = 0.5;

export async function calibrateTwin(
  twin: Twin,
  robotId = "twin",
  speedPercent = 50,
  seconds = 2,
  now = new Date(),
): Promise<Calibration> {
  const { world } = twin;
  twin.startWorld();
  const driver = new TwinDriver(twin);
  const base = estimatedCalibration(robotId, twin.kit.id, twin.kit.geometry);
  const procedure = new CalibrationProcedure(driver, base, speedPercent, seconds);
  const limit = seconds + REST_SECONDS + 5;

  const before = world.robot.pose();
  await twin.until(procedure.driveStraight(), limit);
  await driver.runFor(REST_SECONDS);
  const after = world.robot.pose();
  const cm = Math.round(Math.hypot(after.x - before.x, after.y - before.y) * 10) / 10;
  procedure.recordDistance(cm);

  const yaw = world.robot.yaw;
  await twin.until(procedure.spin(), limit);
  await driver.runFor(REST_SECONDS);
  procedure.recordTurn(Math.round((Math.abs(world.robot.yaw - yaw) * 180) / Math.PI));

  procedure.recordWhite();
  return procedure.result(now);
}
