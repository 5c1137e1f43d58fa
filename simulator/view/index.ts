/**
 * The arena view (three.js): draws a scene and snapshots in the replay's frame format; never
 * changes the world. A browser entry: no Node module, no physics engine.
 */
export {
  ArenaView,
  ROBOT_CAMERA_SIZE,
  type ArenaViewOptions,
  type CameraImage,
} from "./arena-view.ts";
export { ArenaDisplay, type ArenaDisplayOptions, type DisplayMode } from "./display.ts";
export type { CameraCommand } from "./free-camera.ts";
export type { PortFrame } from "./render-protocol.ts";
export { buildItemMesh, disposeTree, srgbColor, type ItemLook } from "./item-mesh.ts";
export { drawPictogram } from "./pictograms.ts";
export type { BinSign, CameraMode, ViewFrame, ViewRobot, ViewScene } from "./types.ts";
