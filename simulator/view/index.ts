/**
 * The arena view (three.js): draws a scene and snapshots in the replay's frame format; never
 * changes the world. A browser entry: no Node module, no physics engine.
 */
export { ArenaView, ROBOT_CAMERA_SIZE, type ArenaViewOptions } from "./arena-view.ts";
export { buildItemMesh, disposeTree, srgbColor, type ItemLook } from "./item-mesh.ts";
export { drawPictogram } from "./pictograms.ts";
export type { BinSign, CameraMode, ViewFrame, ViewRobot, ViewScene } from "./types.ts";
