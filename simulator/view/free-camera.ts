/**
 * The free camera: it orbits a point of the table, pans and zooms. Pure math on commands, so the
 * same camera works on the page and in the render worker, where there is no DOM to listen to:
 * the page turns its pointer, wheel and key events into `CameraCommand`s (see camera-input.ts)
 * and sends them to wherever the view draws. The arena is z-up.
 */
import * as THREE from "three";

/**
 * What the pupil asked of the free camera. `dx`, `dy`: how far the pointer moved, as a fraction
 * of the view's height (so a drag means the same at any size); `factor` > 1 moves away.
 */
export type CameraCommand =
  | { kind: "rotate"; dx: number; dy: number }
  | { kind: "pan"; dx: number; dy: number }
  | { kind: "zoom"; factor: number };

/** Not quite overhead, not quite under the table. */
const MIN_POLAR = 0.05;
const MAX_POLAR = Math.PI / 2 - 0.03;
const MIN_RADIUS = 15;
const MAX_RADIUS = 3000;

export class FreeCamera {
  readonly target = new THREE.Vector3();
  private radius = 100;
  /** Angle around z, from +x (radians). */
  private azimuth = -Math.PI / 2;
  /** Angle from +z (radians). */
  private polar = Math.PI / 4;

  /** Looks at `target` from `position`. */
  reset(position: THREE.Vector3, target: THREE.Vector3): void {
    this.target.copy(target);
    const offset = position.clone().sub(target);
    this.radius = clamp(offset.length(), MIN_RADIUS, MAX_RADIUS);
    this.azimuth = Math.atan2(offset.y, offset.x);
    this.polar = clamp(
      Math.acos(clamp(offset.z / (offset.length() || 1), -1, 1)),
      MIN_POLAR,
      MAX_POLAR,
    );
  }

  /** Applies a command; `fov` is the camera's vertical field of view (degrees). */
  apply(command: CameraCommand, fov: number): void {
    if (!commandIsFinite(command)) return;
    if (command.kind === "rotate") {
      this.azimuth -= 2 * Math.PI * command.dx;
      this.polar = clamp(this.polar - Math.PI * command.dy, MIN_POLAR, MAX_POLAR);
    } else if (command.kind === "zoom") {
      this.radius = clamp(this.radius * command.factor, MIN_RADIUS, MAX_RADIUS);
    } else {
      // One view height of drag moves the table by what the view shows at the target's distance.
      const span = 2 * this.radius * Math.tan((fov * Math.PI) / 360);
      const { right, up } = this.axes();
      this.target.addScaledVector(right, -command.dx * span).addScaledVector(up, command.dy * span);
      this.target.z = clamp(this.target.z, -50, 200);
    }
  }

  /** Puts `camera` where this free camera is. */
  place(camera: THREE.PerspectiveCamera): void {
    camera.up.set(0, 0, 1);
    camera.position.copy(this.target).add(this.offset());
    camera.lookAt(this.target);
  }

  private offset(): THREE.Vector3 {
    const s = Math.sin(this.polar);
    return new THREE.Vector3(
      this.radius * s * Math.cos(this.azimuth),
      this.radius * s * Math.sin(this.azimuth),
      this.radius * Math.cos(this.polar),
    );
  }

  /** The screen's right and up directions in the arena. */
  private axes(): { right: THREE.Vector3; up: THREE.Vector3 } {
    const forward = this.offset().negate().normalize();
    const right = new THREE.Vector3().crossVectors(forward, new THREE.Vector3(0, 0, 1)).normalize();
    const up = new THREE.Vector3().crossVectors(right, forward).normalize();
    return { right, up };
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function commandIsFinite(command: CameraCommand): boolean {
  return command.kind === "zoom"
    ? Number.isFinite(command.factor) && command.factor > 0
    : Number.isFinite(command.dx) && Number.isFinite(command.dy);
}
