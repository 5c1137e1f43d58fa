/** The simulator's public surface: arenas, the item catalogue, events; the world and the runner. */
export * from "./arena/schema.ts";
export { loadArena, countItems, fieldPath } from "./arena/load.ts";
export { placeItems, footprintRadius } from "./arena/placement.ts";
export type { PlacedItem } from "./arena/placement.ts";
export * from "./items/catalogue.ts";
export type * from "./events.ts";
export { PALETTE, isDark } from "./colors.ts";
export { Random } from "./random.ts";
export { REFERENCE_ARENA } from "./arenas/reference.ts";
export { World, TICK_RATE, DT } from "./world/world.ts";
export type { WorldOptions, WorldItem, ColliderRole } from "./world/world.ts";
export { loadRapier, rapierModule, useRapierModule } from "./world/rapier.ts";
export { Floor } from "./world/floor.ts";
export type { FloorColor } from "./world/floor.ts";
export { SimRobot, CLASSIFY_SECONDS } from "./sim-robot.ts";
export { Sensors } from "./sensors.ts";
export type { SimRobotOptions } from "./sim-robot.ts";
export { PLACEHOLDER_CAMERA, placeholderClassify } from "./camera.ts";
export type { CameraImage, CameraSource, ClassifyItem } from "./camera.ts";
export { runWorld, SETTLE_SECONDS } from "./runner.ts";
export type { Outcome, Pilot, PilotResult, SimulationResult, WorldRunOptions } from "./runner.ts";
export {
  Recorder,
  encodeFrameLines,
  loadReplay,
  playReplay,
  REPLAY_FORMAT,
  REPLAY_VERSION,
  FRAME_EVERY,
} from "./replay/replay.ts";
export type {
  Replay,
  ReplayBody,
  ReplayFrame,
  ReplayRun,
  RobotFrame,
  Trace,
} from "./replay/replay.ts";
export { IDLE_ROBOT } from "./replay/replay.ts";
export { Hasher } from "./replay/codec.ts";
export { RunControl, RunAborted, MIN_PACE, MAX_PACE } from "./control.ts";
export { runSimulation } from "./simulation.ts";
export type { SimulationOptions } from "./simulation.ts";
