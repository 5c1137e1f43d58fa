/**
 * The arena on the page: the canvas, the robot camera's corner, their size, the free camera's
 * input, and where the drawing happens. Where it can, the view draws in a render worker on an
 * `OffscreenCanvas` (render-worker.ts): in software WebGL the page's thread would otherwise wait
 * for every frame, and the editor would freeze for hundreds of milliseconds at a time. A live
 * run's frames can go from the run worker to the render worker through `framePort()` without
 * passing by the page.
 *
 * Fallback: browsers without `transferControlToOffscreen` (Safari before 16.4, Firefox before
 * 105) or whose worker gets no WebGL context (some drivers allow WebGL on the page only) draw on
 * the page's thread as before: same view, same input.
 */
import { ArenaView, ROBOT_CAMERA_SIZE, type CameraImage } from "./arena-view.ts";
import { attachCameraInput } from "./camera-input.ts";
import type { CameraCommand } from "./free-camera.ts";
import type { FromRender, ToRender } from "./render-protocol.ts";
import type { CameraMode, ViewFrame, ViewScene } from "./types.ts";

export interface ArenaDisplayOptions {
  shadows?: boolean;
  /** Draw in a render worker when the browser can (default true). */
  worker?: boolean;
}

export type DisplayMode = "worker" | "page";

export class ArenaDisplay {
  canvas: HTMLCanvasElement;
  inset: HTMLCanvasElement;
  /** Where the view draws, once known. */
  readonly ready: Promise<DisplayMode>;
  mode: DisplayMode | "starting" = "starting";
  /** 0 full quality … 3 (see `QualityGovernor`), as the view last said. */
  quality = 0;
  /** Frames drawn so far (reported about once a second by the render worker). */
  framesDrawn = 0;
  private worker: Worker | null = null;
  private local: ArenaView | null = null;
  private cameraMode: CameraMode = "follow";
  private requests = new Map<number, (image: CameraImage) => void>();
  private waits = new Map<number, () => void>();
  private nextRequest = 1;
  /** What the view was last told: replayed on the page if the worker cannot draw. */
  private last: {
    scene?: ViewScene;
    frame?: ViewFrame;
    sensors: { cone?: boolean; line?: boolean };
  } = { sensors: {} };
  private readonly resizeObserver: ResizeObserver;
  private detachInput: () => void = () => {};

  constructor(
    readonly container: HTMLElement,
    private readonly options: ArenaDisplayOptions = {},
  ) {
    this.canvas = Object.assign(document.createElement("canvas"), {
      className: "arena-canvas",
      tabIndex: 0,
    });
    this.inset = Object.assign(document.createElement("canvas"), {
      className: "robot-camera",
      width: ROBOT_CAMERA_SIZE,
      height: ROBOT_CAMERA_SIZE,
    });
    container.append(this.canvas, this.inset);
    this.listen();
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(container);
    const offscreen =
      (options.worker ?? true) &&
      typeof OffscreenCanvas === "function" &&
      typeof this.canvas.transferControlToOffscreen === "function";
    this.ready = offscreen ? this.startWorker() : Promise.resolve(this.startPage());
  }

  private size(): { width: number; height: number; pixelRatio: number } {
    const rect = this.container.getBoundingClientRect();
    return {
      width: Math.max(1, Math.floor(rect.width)),
      height: Math.max(1, Math.floor(rect.height)),
      pixelRatio: globalThis.devicePixelRatio || 1,
    };
  }

  private startWorker(): Promise<DisplayMode> {
    const worker = new Worker(new URL("./render-worker.ts", import.meta.url), {
      type: "module",
      name: "render",
    });
    this.worker = worker;
    const canvas = this.canvas.transferControlToOffscreen();
    const inset = this.inset.transferControlToOffscreen();
    return new Promise((resolve) => {
      const fallBack = () => {
        worker.terminate();
        this.worker = null;
        resolve(this.startPage(true));
      };
      worker.onerror = () => {
        if (this.mode === "starting") fallBack();
      };
      worker.onmessage = (event: MessageEvent<FromRender>) => {
        const message = event.data;
        if (message.type === "ready") {
          this.mode = "worker";
          resolve("worker");
        } else if (message.type === "failed") fallBack();
        else if (message.type === "quality") this.quality = message.level;
        else if (message.type === "drawn") {
          this.framesDrawn = message.frames;
          if (message.requestId !== undefined) {
            this.waits.get(message.requestId)?.();
            this.waits.delete(message.requestId);
          }
        } else if (message.type === "image") {
          const { width, height, data } = message;
          this.requests.get(message.requestId)?.({ width, height, data, channels: 4 });
          this.requests.delete(message.requestId);
        }
      };
      this.post(
        {
          type: "init",
          canvas,
          inset,
          ...this.size(),
          shadows: this.options.shadows ?? true,
        },
        [canvas, inset],
      );
    });
  }

  /**
   * Draws on the page's thread. After a failed worker start, the canvases were handed over and
   * cannot draw here: fresh ones take their place, with the page's attributes.
   */
  private startPage(replace = false): DisplayMode {
    if (replace) {
      for (const name of ["canvas", "inset"] as const) {
        const fresh = this[name].cloneNode(false) as HTMLCanvasElement;
        this[name].replaceWith(fresh);
        this[name] = fresh;
      }
      this.detachInput();
      this.listen();
    }
    const view = new ArenaView(this.canvas, {
      shadows: this.options.shadows ?? true,
      inset: this.inset,
      onQuality: (level) => (this.quality = level),
    });
    this.local = view;
    this.mode = "page";
    this.quality = view.quality;
    const { width, height, pixelRatio } = this.size();
    view.setSize(width, height, pixelRatio);
    view.setCamera(this.cameraMode);
    if (this.last.scene) view.setScene(this.last.scene);
    if (this.last.frame) view.setFrame(this.last.frame);
    view.showSensors(this.last.sensors);
    view.start();
    return "page";
  }

  private listen(): void {
    this.detachInput = attachCameraInput(
      this.canvas,
      (command) => this.command(command),
      () => this.cameraMode === "free",
    );
  }

  private post(message: ToRender, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }

  private resize(): void {
    const size = this.size();
    if (this.local) this.local.setSize(size.width, size.height, size.pixelRatio);
    else this.post({ type: "size", ...size });
  }

  setScene(scene: ViewScene): void {
    this.last.scene = scene;
    this.last.frame = undefined;
    if (this.local) this.local.setScene(scene);
    else this.post({ type: "scene", scene });
  }

  setFrame(frame: ViewFrame): void {
    this.last.frame = frame;
    if (this.local) this.local.setFrame(frame);
    else this.post({ type: "frame", frame });
  }

  showSensors(options: { cone?: boolean; line?: boolean }): void {
    Object.assign(this.last.sensors, options);
    if (this.local) this.local.showSensors(options);
    else this.post({ type: "sensors", ...options });
  }

  setCamera(mode: CameraMode): void {
    this.cameraMode = mode;
    if (this.local) this.local.setCamera(mode);
    else this.post({ type: "camera", mode });
  }

  get camera(): CameraMode {
    return this.cameraMode;
  }

  command(command: CameraCommand): void {
    if (this.local) this.local.command(command);
    else this.post({ type: "command", command });
  }

  /**
   * Which live run's frames the render worker draws from the port (null: none). The page says so
   * when a run starts and when it stops, so a stopped run's late frames never cover the reset.
   */
  follow(runId: number | null): void {
    this.post({ type: "follow", runId });
  }

  /**
   * A port for the run worker to send its live frames on (`{runId, frame}`), straight to the
   * render worker; null when the page draws (frames then come through the page).
   */
  framePort(): MessagePort | null {
    if (this.mode !== "worker") return null;
    const channel = new MessageChannel();
    this.post({ type: "port", port: channel.port2 }, [channel.port2]);
    return channel.port1;
  }

  /** What the robot camera sees now (sRGB, rows top first), wherever the view draws. */
  async robotCameraImage(): Promise<CameraImage> {
    await this.ready;
    if (this.local) return this.local.robotCameraImageAsync();
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      this.requests.set(requestId, resolve);
      this.post({ type: "image", requestId });
    });
  }

  /**
   * Resolves once every change told so far (scene, frame, camera, size) is drawn: screenshots and
   * pixel checks wait for it rather than for a guessed delay.
   */
  async drawn(): Promise<void> {
    await this.ready;
    if (this.local) return this.local.drawn();
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      this.waits.set(requestId, resolve);
      this.post({ type: "drawn", requestId });
    });
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.detachInput();
    this.worker?.terminate();
    this.local?.dispose();
    this.canvas.remove();
    this.inset.remove();
  }
}
