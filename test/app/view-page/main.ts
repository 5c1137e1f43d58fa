/** A page with the arena view alone, driven by the view's tests and benchmark. */
import { toViewScene } from "../../../desktop/renderer/run/view-scene.ts";
import type { RunFrame, RunScene } from "../../../desktop/renderer/run/protocol.ts";
import { ArenaView, ROBOT_CAMERA_SIZE, type CameraMode } from "../../../simulator/view/index.ts";

// The view alone, drawing on this page's thread (the app draws in a render worker when it can).
const container = document.getElementById("arena")!;
const canvas = Object.assign(document.createElement("canvas"), { className: "arena-canvas" });
const inset = Object.assign(document.createElement("canvas"), {
  className: "robot-camera",
  width: ROBOT_CAMERA_SIZE,
  height: ROBOT_CAMERA_SIZE,
});
container.append(canvas, inset);
const view = new ArenaView(canvas, {
  shadows: !location.search.includes("noshadows"),
  // ?full: full quality even in software WebGL (the view picks by itself otherwise).
  ...(location.search.includes("full") ? { software: false } : {}),
  inset,
});
const rect = container.getBoundingClientRect();
view.setSize(rect.width, rect.height, devicePixelRatio);

const api = {
  setScene(scene: RunScene, lang: "fr" | "en") {
    view.setScene(toViewScene(scene, lang));
  },
  setFrame(frame: RunFrame) {
    view.setFrame(frame);
  },
  setCamera(mode: CameraMode) {
    view.setCamera(mode);
  },
  showSensors(options: { cone?: boolean; line?: boolean }) {
    view.showSensors(options);
  },
  render() {
    view.render();
  },
  project(point: { x: number; y: number; z: number }) {
    return view.project(point);
  },
  robotImage() {
    const image = view.robotCameraImage();
    return { width: image.width, height: image.height, data: Array.from(image.data) };
  },
  /** Draws `count` frames back to back and returns the frames per second. */
  async fps(count: number, frames: RunFrame[]) {
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      view.setFrame(frames[i % frames.length]!);
      view.render();
      // Wait for the GPU: a read of one pixel forces the frame to finish.
      const gl = view.renderer.getContext();
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
    }
    return (count / (performance.now() - start)) * 1000;
  },
  /** Draw calls and triangles of the last frame. */
  /** Draw calls and triangles of the last frame, and the quality level the view picked. */
  info() {
    const { calls, triangles } = view.renderer.info.render;
    return { calls, triangles, quality: view.quality };
  },
};
(window as unknown as { viewApi: typeof api }).viewApi = api;
(window as unknown as { viewReady: boolean }).viewReady = true;
