/**
 * The messages between the page and the render worker (render-worker.ts), and the frames the run
 * worker sends it straight through a `MessageChannel` port (the page is not on that path).
 * Plain data only: scenes, snapshots and camera commands; the three.js objects stay in the worker.
 */
import type { CameraCommand } from "./free-camera.ts";
import type { CameraMode, ViewFrame, ViewScene } from "./types.ts";

export type ToRender =
  | {
      type: "init";
      canvas: OffscreenCanvas;
      inset: OffscreenCanvas | null;
      width: number;
      height: number;
      pixelRatio: number;
      shadows: boolean;
    }
  | { type: "size"; width: number; height: number; pixelRatio: number }
  | { type: "scene"; scene: ViewScene }
  /** A frame the page has (the scene at rest, a replay's moment): always drawn. */
  | { type: "frame"; frame: ViewFrame }
  /** Which run's frames (from the port) to draw; null: none (stopped, reset, replaying). */
  | { type: "follow"; runId: number | null }
  | { type: "camera"; mode: CameraMode }
  | { type: "command"; command: CameraCommand }
  | { type: "sensors"; cone?: boolean; line?: boolean }
  /** A port on which the run worker sends `PortFrame`s. */
  | { type: "port"; port: MessagePort }
  /** Answered by `drawn` once every change sent so far is drawn. */
  | { type: "drawn"; requestId: number }
  /** What the robot camera sees now (answered by `image`). */
  | { type: "image"; requestId: number };

export type FromRender =
  | { type: "ready" }
  /** No WebGL in a worker here: the page draws instead. */
  | { type: "failed"; reason: string }
  | { type: "quality"; level: number }
  /** Frames drawn so far, sent about once a second while drawing. */
  | { type: "drawn"; frames: number; requestId?: number }
  | {
      type: "image";
      requestId: number;
      width: number;
      height: number;
      data: Uint8Array;
    };

/** A live run's snapshot, from the run worker. */
export interface PortFrame {
  runId: number;
  frame: ViewFrame;
}
