/**
 * The twin: our firmware on the emulated board drives the simulated robot in lockstep, through
 * real Johnny-Five, firmata.js and `BoardRobot`.
 */
export { Twin, type TwinOptions } from "./twin.ts";
export { TwinDriver, type TwinDriverOptions } from "./twin-driver.ts";
export { BoardClock } from "./board-clock.ts";
export { calibrateTwin } from "./calibrate.ts";
export { TWIN_CALIBRATION } from "./twin-calibration.ts";
export { TWIN_MESSAGES } from "./messages.ts";
export { runTwinSimulation, type TwinRunOptions, type TwinRunResult } from "./run.ts";
export {
  runTwinChallenge,
  type TwinChallengeOptions,
  type TwinChallengeResult,
} from "./challenge.ts";
