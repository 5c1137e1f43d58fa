/** Small geometry helpers shared by the world's parts: quaternions, collision groups. */

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}
export interface Quat {
  x: number;
  y: number;
  z: number;
  w: number;
}

/**
 * Collision group bits: who touches whom. A held item does not touch the robot holding it. The
 * floor has a bit of its own, which everything touches like any static part, so that a sensor's
 * ray can leave it out by its groups (inside the engine) rather than by a function the engine
 * calls back for each collider.
 */
export const GROUP = {
  static: 0x1,
  item: 0x2,
  robot: 0x4,
  held: 0x8,
  floor: 0x10,
  all: 0xffff,
} as const;

export function groups(membership: number, filter: number): number {
  return ((membership & 0xffff) << 16) | (filter & 0xffff);
}

export function yawQuat(degrees: number): Quat {
  const half = (degrees * Math.PI) / 360;
  return { x: 0, y: 0, z: Math.sin(half), w: Math.cos(half) };
}

/** Rotation about z (radians) of a quaternion: the heading of its x axis on the floor. */
export function yawOf(q: Quat): number {
  return Math.atan2(2 * (q.w * q.z + q.x * q.y), 1 - 2 * (q.y * q.y + q.z * q.z));
}

export function rotate(q: Quat, v: Vec3): Vec3 {
  return rotateInto(q, v, { x: 0, y: 0, z: 0 });
}

/** `rotate`, written into `out` (which may not be `v`): no new object on a path run every tick. */
export function rotateInto(q: Quat, v: Vec3, out: Vec3): Vec3 {
  // v + 2w(u × v) + 2u × (u × v), u = (x, y, z)
  const tx = 2 * (q.y * v.z - q.z * v.y);
  const ty = 2 * (q.z * v.x - q.x * v.z);
  const tz = 2 * (q.x * v.y - q.y * v.x);
  out.x = v.x + q.w * tx + (q.y * tz - q.z * ty);
  out.y = v.y + q.w * ty + (q.z * tx - q.x * tz);
  out.z = v.z + q.w * tz + (q.x * ty - q.y * tx);
  return out;
}

export function conjugate(q: Quat): Quat {
  return { x: -q.x, y: -q.y, z: -q.z, w: q.w };
}

export function multiply(a: Quat, b: Quat): Quat {
  return {
    w: a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
    x: a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
    y: a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
    z: a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
  };
}

/** Wraps an angle in radians to (-π, π]. */
export function wrapAngle(a: number): number {
  let r = a % (2 * Math.PI);
  if (r > Math.PI) r -= 2 * Math.PI;
  if (r <= -Math.PI) r += 2 * Math.PI;
  return r;
}
