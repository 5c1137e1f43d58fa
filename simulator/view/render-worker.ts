/**
 * The render worker: the arena's three.js view draws here, in the `OffscreenCanvas` the page
 * handed over, so the page's thread never waits for a WebGL frame (in software WebGL, as on a
 * school PC without a graphics card, a frame takes hundreds of milliseconds). The page sends the
 * scene, its own frames, its size, the camera and the free camera's commands; a live run's frames
 * come from the run worker through a port, without passing by the page.
 */
import { ArenaView } from "./arena-view.ts";
import { webglRendererName } from "./canvas2d.ts";
import type { FromRender, PortFrame, ToRender } from "./render-protocol.ts";

const post = (message: FromRender, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(message, transfer);

let view: ArenaView | null = null;
/** The run whose port frames are drawn, and the newest run ever followed. */
let followed: number | null = null;
let newest = 0;
/** A frame of a run not followed yet (its frames may come before the page says to follow it). */
let ahead: PortFrame | null = null;

function fromPort(event: MessageEvent<PortFrame>): void {
  const data = event.data;
  if (!view || typeof data?.runId !== "number" || !Array.isArray(data.frame?.poses)) return;
  if (data.runId === followed) view.setFrame(data.frame);
  else if (data.runId > newest) ahead = data;
}

function init(message: Extract<ToRender, { type: "init" }>): void {
  try {
    // Asked on a throwaway canvas: the real one keeps the context three.js creates.
    if (webglRendererName() === null) throw new Error("webgl2");
    view = new ArenaView(message.canvas, {
      shadows: message.shadows,
      inset: message.inset,
      onQuality: (level) => post({ type: "quality", level }),
    });
  } catch (error) {
    post({ type: "failed", reason: String((error as Error)?.message ?? error) });
    return;
  }
  view.setSize(message.width, message.height, message.pixelRatio);
  view.start();
  // The level it starts at (lower in software WebGL); later changes come through onQuality.
  post({ type: "quality", level: view.quality });
  let reported = 0;
  setInterval(() => {
    if (view && view.framesDrawn !== reported) {
      reported = view.framesDrawn;
      post({ type: "drawn", frames: reported });
    }
  }, 1000);
  post({ type: "ready" });
}

self.onmessage = (event: MessageEvent<ToRender>) => {
  const message = event.data;
  if (message.type === "init") return init(message);
  if (!view) return;
  switch (message.type) {
    case "size":
      view.setSize(message.width, message.height, message.pixelRatio);
      break;
    case "scene":
      view.setScene(message.scene);
      break;
    case "frame":
      view.setFrame(message.frame);
      break;
    case "follow":
      followed = message.runId;
      if (followed !== null) {
        newest = Math.max(newest, followed);
        if (ahead?.runId === followed) view.setFrame(ahead.frame);
      }
      ahead = null;
      break;
    case "camera":
      view.setCamera(message.mode);
      break;
    case "command":
      view.command(message.command);
      break;
    case "sensors":
      view.showSensors(message);
      break;
    case "port":
      message.port.onmessage = fromPort;
      break;
    case "drawn": {
      const { requestId } = message;
      void view.drawn().then(() => post({ type: "drawn", frames: view!.framesDrawn, requestId }));
      break;
    }
    case "image": {
      const { requestId } = message;
      void view.robotCameraImageAsync().then((image) =>
        post(
          {
            type: "image",
            requestId,
            width: image.width,
            height: image.height,
            data: image.data,
          },
          [image.data.buffer],
        ),
      );
      break;
    }
  }
};
