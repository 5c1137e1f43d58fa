/**
 * The arena in three.js: draws a scene and the snapshots it is given, never changes the world.
 * One input, live or replayed: `setScene` once per run, then `setFrame` with each snapshot in the
 * replay's frame format. Cameras: follow (behind the robot), top (the whole table from above),
 * free (orbit with the mouse or the keyboard, as `CameraCommand`s). The robot camera's picture
 * shows in a corner canvas.
 *
 * No DOM: it draws on a canvas it is given, an `HTMLCanvasElement` on the page or an
 * `OffscreenCanvas` in the render worker (render-worker.ts), and is told its size. The page's
 * side (sizes, input, fallback) is `ArenaDisplay` (display.ts).
 */
import * as THREE from "three";
import { TWO_WD_GEOMETRY, type KitGeometry } from "../../boards/index.ts";
import { hashString, seededRandom } from "../../classifier/random.ts";
import { catalogueItem } from "../items/catalogue.ts";
import { buildArenaMesh } from "./arena-mesh.ts";
import { webglRendererName, type Canvas2D } from "./canvas2d.ts";
import { FreeCamera, type CameraCommand } from "./free-camera.ts";
import { buildItemMesh, disposeTree } from "./item-mesh.ts";
import { buildRobotMesh, type RobotMesh } from "./robot-mesh.ts";
import { isSoftwareWebGL, PIXEL_SCALE, QualityGovernor, SOFTWARE_LEVEL } from "./quality.ts";
import type { CameraMode, ViewFrame, ViewScene } from "./types.ts";

/** Side of the robot camera's picture, pixels (the classifier's input size). */
export const ROBOT_CAMERA_SIZE = 96;
/** A body moving more than this between two frames jumped (a scrub): its wheels do not spin. */
const JUMP_CM = 6;

export interface ArenaViewOptions {
  /** Shadows cost about a third of the frame rate in software WebGL. */
  shadows?: boolean;
  /** Antialiasing (default: on, but off in software WebGL, where it costs a fifth of the frames). */
  antialias?: boolean;
  /**
   * Whether WebGL draws in software here (default: asked of the browser). In software the view
   * starts without shadows, without antialiasing and with simpler materials (`SOFTWARE_LEVEL`).
   */
  software?: boolean;
  /** Show the robot camera's picture in a corner (default true). */
  robotCamera?: boolean;
  /**
   * Lower the quality when frames come too slowly (default true): see `QualityGovernor`. The
   * page's thread waits for each frame in software WebGL, so a heavy frame freezes the editor.
   */
  adaptive?: boolean;
  /** Where to show the robot camera's picture (a 2D canvas of `ROBOT_CAMERA_SIZE` pixels). */
  inset?: Canvas2D | null;
  /** Told each time the view lowers its quality. */
  onQuality?: (level: number) => void;
}

/** The robot camera's picture: sRGB RGBA pixels, rows top first. */
export interface CameraImage {
  width: number;
  height: number;
  data: Uint8Array;
  channels: 4;
}

/** The display's frame clock: a page and a dedicated worker both have one in Chromium. */
const nextFrame: (callback: () => void) => number =
  typeof requestAnimationFrame === "function"
    ? (callback) => requestAnimationFrame(callback)
    : (callback) => setTimeout(callback, 16) as unknown as number;
const cancelFrame: (id: number) => void =
  typeof cancelAnimationFrame === "function"
    ? (id) => cancelAnimationFrame(id)
    : (id) => clearTimeout(id);

/** sRGB encoding of a linear 0..255 value, as a table (render-target pixels are linear). */
const LINEAR_TO_SRGB = Uint8Array.from({ length: 256 }, (_, i) => {
  const v = i / 255;
  const s = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
  return Math.round(Math.max(0, Math.min(1, s)) * 255);
});

export class ArenaView {
  readonly renderer: THREE.WebGLRenderer;
  readonly scene = new THREE.Scene();
  private readonly camera: THREE.PerspectiveCamera;
  private readonly free = new FreeCamera();
  private readonly robotCamera = new THREE.PerspectiveCamera(62, 1, 0.5, 400);
  private readonly target = new THREE.WebGLRenderTarget(ROBOT_CAMERA_SIZE, ROBOT_CAMERA_SIZE);
  private readonly inset: Canvas2D | null;
  private readonly pixels = new Uint8Array(ROBOT_CAMERA_SIZE * ROBOT_CAMERA_SIZE * 4);
  private readonly sun: THREE.DirectionalLight;
  private content: THREE.Group | null = null;
  private robot: RobotMesh | null = null;
  private bodies: THREE.Object3D[] = [];
  private kit: KitGeometry = TWO_WD_GEOMETRY;
  private table = { width: 120, depth: 80 };
  private mode: CameraMode = "follow";
  private frame: ViewFrame | null = null;
  private wheelAngles: [number, number] = [0, 0];
  private lastRobot: { x: number; y: number; yaw: number } | null = null;
  private showCone = false;
  private showLine = false;
  private dirty = true;
  private running = false;
  private rafId = 0;
  private readonly governor: QualityGovernor | null;
  private readonly startLevel: number;
  private rendersSinceInset = 0;
  private insetBusy = false;
  private size = { width: 1, height: 1, pixelRatio: 1 };
  private readonly onQuality: ((level: number) => void) | undefined;
  /** Frames drawn since creation (the benchmark counts them). */
  framesDrawn = 0;

  constructor(
    readonly canvas: HTMLCanvasElement | OffscreenCanvas,
    options: ArenaViewOptions = {},
  ) {
    const software = options.software ?? isSoftwareWebGL(webglRendererName());
    this.startLevel = software ? SOFTWARE_LEVEL : 0;
    this.renderer = new THREE.WebGLRenderer({
      canvas,
      antialias: options.antialias ?? !software,
    });
    this.governor =
      (options.adaptive ?? true)
        ? new QualityGovernor(undefined, undefined, this.startLevel)
        : null;
    this.onQuality = options.onQuality;
    this.renderer.toneMapping = THREE.ACESFilmicToneMapping;
    this.renderer.toneMappingExposure = 1.2;
    this.renderer.shadowMap.enabled = (options.shadows ?? true) && this.quality < 1;
    this.renderer.shadowMap.type = THREE.PCFShadowMap;
    this.inset = (options.robotCamera ?? true) ? (options.inset ?? null) : null;

    this.scene.background = new THREE.Color(0xdfe6ee);
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x8d8d8d, 1.6));
    this.sun = new THREE.DirectionalLight(0xffffff, 2.2);
    this.sun.castShadow = true;
    this.sun.shadow.mapSize.set(1024, 1024);
    this.scene.add(this.sun, this.sun.target);

    this.camera = new THREE.PerspectiveCamera(50, 16 / 9, 1, 3000);
    this.camera.up.set(0, 0, 1);
    this.robotCamera.up.set(0, 0, 1);
  }

  /** The drawing's size in CSS pixels, and the screen's pixel ratio. */
  setSize(width: number, height: number, pixelRatio = 1): void {
    this.size = {
      width: Math.max(1, Math.floor(width)),
      height: Math.max(1, Math.floor(height)),
      pixelRatio: pixelRatio > 0 && Number.isFinite(pixelRatio) ? pixelRatio : 1,
    };
    this.resize();
  }

  /** Moves the free camera (ignored by the other cameras). */
  command(command: CameraCommand): void {
    if (this.mode !== "free") return;
    this.free.apply(command, this.camera.fov);
    this.free.place(this.camera);
    this.dirty = true;
  }

  /** Builds the arena, its items and the robot. Call once per run (or replay). */
  setScene(scene: ViewScene): void {
    if (this.content) {
      this.scene.remove(this.content);
      disposeTree(this.content);
    }
    const { arena } = scene;
    this.kit = scene.kit ?? TWO_WD_GEOMETRY;
    this.table = { width: arena.table.width, depth: arena.table.depth };
    const content = new THREE.Group();
    content.add(buildArenaMesh(arena, scene.bins ?? {}, scene.zones ?? {}));
    this.robot = buildRobotMesh(this.kit);
    this.bodies = scene.bodies.map((body, i) => {
      if (i === 0) return this.robot!.root;
      const entry = catalogueItem(body.catalogueId);
      const holder = new THREE.Group();
      holder.name = `item:${body.id}`;
      if (entry) {
        const { group } = buildItemMesh(entry, {
          random: seededRandom(hashString(body.id)),
          pattern: hashString(entry.id) % 4,
          scaleJitter: false,
        });
        // Item meshes are y-up; the arena is z-up.
        group.rotation.x = Math.PI / 2;
        group.traverse((o) => {
          if ((o as THREE.Mesh).isMesh) o.castShadow = true;
        });
        holder.add(group);
      }
      return holder;
    });
    content.add(...this.bodies);
    if (this.quality >= 2) simplifyMaterials(content);
    this.scene.add(content);
    this.content = content;
    const { width: W, depth: D } = this.table;
    const span = Math.max(W, D);
    this.sun.position.set(W * 0.3, -D * 0.2, span * 1.2);
    this.sun.target.position.set(W / 2, D / 2, 0);
    const cam = this.sun.shadow.camera;
    cam.left = -span * 0.75;
    cam.right = span * 0.75;
    cam.top = span * 0.75;
    cam.bottom = -span * 0.75;
    cam.far = span * 4;
    cam.updateProjectionMatrix();
    this.frame = null;
    this.lastRobot = null;
    this.wheelAngles = [0, 0];
    this.setCamera(this.mode, true);
    this.dirty = true;
  }

  /** Shows one snapshot. */
  setFrame(frame: ViewFrame): void {
    this.frame = frame;
    frame.poses.forEach((pose, i) => {
      const object = this.bodies[i];
      if (!object) return;
      if (!pose.q || !Number.isFinite(pose.x)) {
        object.visible = false;
        return;
      }
      object.visible = true;
      object.position.set(pose.x, pose.y, pose.z);
      object.quaternion.set(pose.q[0], pose.q[1], pose.q[2], pose.q[3]);
    });
    const robot = frame.robot;
    if (robot && this.robot) {
      const r = this.kit.wheelRadius;
      this.robot.setWheels(robot.wheels[0] / r, robot.wheels[1] / r);
      this.robot.setGripper(1 - robot.jaw);
    } else {
      this.turnWheels();
      this.robot?.setGripper(this.inferGripper());
    }
    this.applySensors();
    this.dirty = true;
  }

  /** The ultrasonic cone and the line sensors' spots: shown on demand. */
  showSensors(options: { cone?: boolean; line?: boolean }): void {
    if (options.cone !== undefined) this.showCone = options.cone;
    if (options.line !== undefined) this.showLine = options.line;
    this.applySensors();
    this.dirty = true;
  }

  setCamera(mode: CameraMode, reset = false): void {
    const changed = mode !== this.mode;
    this.mode = mode;
    const { width: W, depth: D } = this.table;
    if (mode === "top" || ((changed || reset) && mode === "free")) {
      const fit = this.fitDistance(W, D);
      if (mode === "top") {
        this.camera.up.set(0, 1, 0);
        this.camera.position.set(W / 2, D / 2, fit);
      } else {
        this.camera.up.set(0, 0, 1);
        this.camera.position.set(W / 2, -D * 0.55, fit * 0.75);
      }
      this.camera.lookAt(W / 2, D / 2, 0);
      if (mode === "free")
        this.free.reset(this.camera.position, new THREE.Vector3(W / 2, D / 2, 0));
    } else if (mode === "follow") this.camera.up.set(0, 0, 1);
    this.dirty = true;
  }

  get cameraMode(): CameraMode {
    return this.mode;
  }

  /** Starts drawing at display rate (only when something changed). */
  start(): void {
    if (this.running) return;
    this.running = true;
    const loop = () => {
      if (!this.running) return;
      this.rafId = nextFrame(loop);
      const drew = this.dirty;
      if (drew) this.render();
      const level = this.governor?.tick(performance.now(), drew);
      if (level) this.applyQuality(level);
    };
    this.rafId = nextFrame(loop);
  }

  /** Whether a change waits to be drawn. */
  get pending(): boolean {
    return this.dirty;
  }

  /** Resolves once every change so far is drawn (and one more display tick has passed). */
  drawn(): Promise<void> {
    return new Promise((resolve) => {
      const check = () =>
        this.dirty || !this.running ? nextFrame(check) : nextFrame(() => resolve());
      if (!this.running) this.render();
      check();
    });
  }

  /** 0 full quality; 1 no shadows; 2 simpler materials; 3, 4 fewer pixels (`QualityGovernor`). */
  get quality(): number {
    return this.governor?.quality ?? this.startLevel;
  }

  private applyQuality(level: number): void {
    if (level === 2) simplifyMaterials(this.scene);
    if (level === 1) {
      this.renderer.shadowMap.enabled = false;
      this.scene.traverse((o) => {
        const material = (o as THREE.Mesh).material as
          THREE.Material | THREE.Material[] | undefined;
        for (const m of Array.isArray(material) ? material : material ? [material] : []) {
          m.needsUpdate = true;
        }
      });
    }
    this.resize();
    this.onQuality?.(level);
  }

  stop(): void {
    this.running = false;
    cancelFrame(this.rafId);
  }

  /** Draws now. */
  render(): void {
    this.placeFollowCamera();
    this.renderer.render(this.scene, this.camera);
    this.framesDrawn++;
    this.dirty = false;
    // The robot camera's picture costs a render and a read-back: a few times a second is enough
    // to watch, and the read-back is asynchronous so the page's thread never waits for it.
    if (this.inset && this.robot && !this.insetBusy && this.rendersSinceInset++ % 6 === 0) {
      void this.drawInset();
    }
  }

  /**
   * What the robot's camera sees now, as sRGB RGBA pixels (rows top first). The render target
   * holds linear values; they are converted here, before showing or classifying.
   */
  robotCameraImage(): CameraImage {
    if (this.renderRobotCamera()) {
      const size = ROBOT_CAMERA_SIZE;
      this.renderer.readRenderTargetPixels(this.target, 0, 0, size, size, this.pixels);
    }
    return this.cameraPicture();
  }

  /** The same, read back without stalling the page's thread. */
  async robotCameraImageAsync(): Promise<CameraImage> {
    if (this.renderRobotCamera()) {
      const size = ROBOT_CAMERA_SIZE;
      await this.renderer.readRenderTargetPixelsAsync(this.target, 0, 0, size, size, this.pixels);
    }
    return this.cameraPicture();
  }

  private renderRobotCamera(): boolean {
    if (!this.robot) return false;
    const root = this.robot.root;
    root.updateMatrixWorld(true);
    this.robotCamera.position.copy(this.robot.camera.position).applyMatrix4(root.matrixWorld);
    const look = this.robot.camera.target.clone().applyMatrix4(root.matrixWorld);
    this.robotCamera.lookAt(look);
    this.renderer.setRenderTarget(this.target);
    this.renderer.render(this.scene, this.robotCamera);
    this.renderer.setRenderTarget(null);
    return true;
  }

  /** The last read-back, linear → sRGB, rows top first. */
  private cameraPicture(): CameraImage {
    const size = ROBOT_CAMERA_SIZE;
    const out = new Uint8Array(size * size * 4);
    for (let y = 0; y < size; y++) {
      // WebGL rows start at the bottom.
      const from = (size - 1 - y) * size * 4;
      for (let x = 0; x < size * 4; x += 4) {
        out[y * size * 4 + x] = LINEAR_TO_SRGB[this.pixels[from + x]!]!;
        out[y * size * 4 + x + 1] = LINEAR_TO_SRGB[this.pixels[from + x + 1]!]!;
        out[y * size * 4 + x + 2] = LINEAR_TO_SRGB[this.pixels[from + x + 2]!]!;
        out[y * size * 4 + x + 3] = 255;
      }
    }
    return { width: size, height: size, data: out, channels: 4 };
  }

  /** Where a point of the arena lands on the canvas, in CSS pixels (tests and overlays use it). */
  project(point: { x: number; y: number; z: number }): { x: number; y: number } {
    this.placeFollowCamera();
    const v = new THREE.Vector3(point.x, point.y, point.z).project(this.camera);
    const { width, height } = this.size;
    return { x: ((v.x + 1) / 2) * width, y: ((1 - v.y) / 2) * height };
  }

  dispose(): void {
    this.stop();
    if (this.content) disposeTree(this.content);
    this.target.dispose();
    this.renderer.dispose();
  }

  private async drawInset(): Promise<void> {
    this.insetBusy = true;
    try {
      const image = await this.robotCameraImageAsync();
      const g = this.inset!.getContext("2d") as CanvasRenderingContext2D | null;
      g?.putImageData(
        new ImageData(new Uint8ClampedArray(image.data), image.width, image.height),
        0,
        0,
      );
    } finally {
      this.insetBusy = false;
    }
  }

  private fitDistance(W: number, D: number): number {
    const aspect = this.camera.aspect;
    const vfov = (this.camera.fov * Math.PI) / 180;
    const needH = D * 1.08;
    const needW = (W * 1.08) / aspect;
    return Math.max(needH, needW) / (2 * Math.tan(vfov / 2));
  }

  private placeFollowCamera(): void {
    if (this.mode !== "follow" || !this.robot) return;
    const root = this.robot.root;
    const yaw = this.yawOf(root.quaternion);
    const p = root.position;
    const back = 46;
    this.camera.position.set(p.x - Math.cos(yaw) * back, p.y - Math.sin(yaw) * back, 44);
    this.camera.lookAt(p.x + Math.cos(yaw) * 22, p.y + Math.sin(yaw) * 22, 0);
  }

  private yawOf(q: THREE.Quaternion): number {
    return Math.atan2(2 * (q.w * q.z + q.x * q.y), 1 - 2 * (q.y * q.y + q.z * q.z));
  }

  /** Without the robot's own frame: wheels roll by the distance each one travelled since the last frame. */
  private turnWheels(): void {
    if (!this.robot) return;
    const root = this.robot.root;
    const now = { x: root.position.x, y: root.position.y, yaw: this.yawOf(root.quaternion) };
    const last = this.lastRobot;
    this.lastRobot = now;
    if (!last) return;
    const dx = now.x - last.x;
    const dy = now.y - last.y;
    if (Math.hypot(dx, dy) > JUMP_CM) return;
    let dyaw = now.yaw - last.yaw;
    if (dyaw > Math.PI) dyaw -= 2 * Math.PI;
    if (dyaw < -Math.PI) dyaw += 2 * Math.PI;
    const along = dx * Math.cos(last.yaw) + dy * Math.sin(last.yaw);
    const half = this.kit.wheelbase / 2;
    const r = this.kit.wheelRadius;
    this.wheelAngles[0] += (along - dyaw * half) / r;
    this.wheelAngles[1] += (along + dyaw * half) / r;
    this.robot.setWheels(this.wheelAngles[0], this.wheelAngles[1]);
  }

  /** Jaws closed when an item rides at the hold point, open otherwise. */
  private inferGripper(): number {
    if (!this.robot || !this.frame) return 1;
    const root = this.robot.root;
    root.updateMatrixWorld(true);
    const hold = new THREE.Vector3(
      this.kit.gripper.holdPoint.x,
      this.kit.gripper.holdPoint.y,
      0,
    ).applyMatrix4(root.matrixWorld);
    for (let i = 1; i < this.bodies.length; i++) {
      const pose = this.frame.poses[i];
      if (!pose?.q) continue;
      if (Math.hypot(pose.x - hold.x, pose.y - hold.y) < 2.5 && pose.z > 2) return 0.35;
    }
    return 1;
  }

  private applySensors(): void {
    if (!this.robot) return;
    const max = this.kit.ultrasonic.maxCm;
    const seen = this.frame?.robot?.seen ?? {};
    this.robot.setCone(this.showCone ? Math.min(seen.distance ?? 60, max, 150) : null);
    const line = seen.line;
    this.robot.setLineSpots(
      this.showLine ? (line ? [line.left, line.center, line.right] : [false, false, false]) : null,
    );
  }

  private resize(): void {
    const { width: w, height: h, pixelRatio } = this.size;
    this.renderer.setPixelRatio(PIXEL_SCALE[this.quality]! * Math.min(2, pixelRatio));
    // The canvas's CSS size is the page's (a placeholder of the worker's canvas has no style here).
    this.renderer.setSize(w, h, false);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
    if (this.mode === "top") this.setCamera("top");
    this.dirty = true;
  }
}

/**
 * Lambert materials in place of the physically based ones (same colour, texture, transparency):
 * about three times the frame rate in software WebGL, and close enough for matte waste and bins.
 * A material shared by several meshes stays shared.
 */
function simplifyMaterials(root: THREE.Object3D): void {
  const swapped = new Map<THREE.Material, THREE.Material>();
  const simpler = (m: THREE.Material): THREE.Material => {
    const s = m as THREE.MeshStandardMaterial;
    if (!s.isMeshStandardMaterial) return m;
    let lambert = swapped.get(m);
    if (!lambert) {
      lambert = new THREE.MeshLambertMaterial({
        name: s.name,
        color: s.color,
        map: s.map,
        emissive: s.emissive,
        emissiveIntensity: s.emissiveIntensity,
        emissiveMap: s.emissiveMap,
        transparent: s.transparent,
        opacity: s.opacity,
        alphaTest: s.alphaTest,
        side: s.side,
        vertexColors: s.vertexColors,
        depthWrite: s.depthWrite,
      });
      swapped.set(m, lambert);
    }
    return lambert;
  };
  root.traverse((o) => {
    const mesh = o as THREE.Mesh;
    if (!mesh.isMesh) return;
    mesh.material = Array.isArray(mesh.material)
      ? mesh.material.map(simpler)
      : simpler(mesh.material);
  });
  // The textures stay: the new materials use them.
  for (const m of swapped.keys()) m.dispose();
}
