/**
 * The twin robot's calibration, as the guided procedure (`calibrateTwin`) measures it on the
 * 2WD kit, on a free 300 x 300 cm white table (world seed 11): 2 s straight at 50 % → 40.3 cm,
 * 2 s spinning → 336°, the white table's counts. A test
 * runs the procedure again and checks it gives these figures; after a change to the twin, the
 * firmware or the world's physics, measure again and write them here.
 */
import type { Calibration } from "../firmware-bridge/index.ts";

export const TWIN_CALIBRATION: Calibration = {
  schemaVersion: 1,
  robotId: "twin",
  kitId: "2wd-kit",
  speedPercent: 50,
  cmPerSecond: 20.15,
  degreesPerSecond: 168,
  white: [5956, 2393, 2201, 1901],
  measured: true,
  measuredAt: "2026-12-01T11:07:29.634Z",
};
