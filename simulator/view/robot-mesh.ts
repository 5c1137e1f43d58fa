/**
 * The robot drawn from its kit geometry (boards/kit-geometry.ts), robot frame: origin mid-axle on
 * the floor, x forward, y left, z up. Wheels turn, gripper jaws open and close, and on demand the
 * ultrasonic cone and the line sensors' spots are shown.
 */
import * as THREE from "three";
import type { KitGeometry } from "../../boards/index.ts";

/**
 * Violet: a colour no floor marking, bin or item uses (the palette has none), so the robot stands
 * out on any arena.
 */
export const ROBOT_COLOR = 0x8e44ec;
const WHEEL_WIDTH = 2.6;
const JAW_LENGTH = 7;
const RAD = Math.PI / 180;

function mesh(
  geometry: THREE.BufferGeometry,
  color: number,
  options: THREE.MeshStandardMaterialParameters = {},
): THREE.Mesh {
  const m = new THREE.Mesh(
    geometry,
    new THREE.MeshStandardMaterial({ color, roughness: 0.6, ...options }),
  );
  m.castShadow = true;
  return m;
}

/** A wheel: tyre with a hub and spokes, so a turning wheel is seen turning. */
function wheel(radius: number): THREE.Group {
  const group = new THREE.Group();
  const tyre = mesh(new THREE.CylinderGeometry(radius, radius, WHEEL_WIDTH, 28), 0x202124);
  group.add(tyre);
  const hub = mesh(
    new THREE.CylinderGeometry(radius * 0.55, radius * 0.55, WHEEL_WIDTH + 0.1, 20),
    0xf2b705,
  );
  group.add(hub);
  for (let i = 0; i < 3; i++) {
    const spoke = mesh(new THREE.BoxGeometry(radius * 1.7, WHEEL_WIDTH + 0.2, 0.5), 0x202124);
    spoke.rotation.y = (i * Math.PI) / 3;
    group.add(spoke);
  }
  return group;
}

export interface RobotMesh {
  root: THREE.Group;
  /** Turns the wheels to these angles (radians, rolling forward is positive). */
  setWheels(left: number, right: number): void;
  /** 0 closed .. 1 open. */
  setGripper(open: number): void;
  /** Shows the ultrasonic cone, `length` cm long (its reading), or hides it (null). */
  setCone(length: number | null): void;
  /** Shows the line sensors' spots (lit when they see the line), or hides them (null). */
  setLineSpots(seen: readonly [boolean, boolean, boolean] | null): void;
  /** Where the robot's camera sits and looks, robot frame. */
  camera: { position: THREE.Vector3; target: THREE.Vector3 };
}

export function buildRobotMesh(kit: KitGeometry): RobotMesh {
  const root = new THREE.Group();
  root.name = "robot";
  const c = kit.chassis;
  const clearance = 1.5;
  const chassis = mesh(new THREE.BoxGeometry(c.length, c.width, c.height), ROBOT_COLOR, {
    roughness: 0.45,
  });
  chassis.position.set(c.length / 2 - c.rearOverhang, 0, clearance + c.height / 2);
  chassis.name = "chassis";
  root.add(chassis);
  // A white stripe on the top, pointing forward: which way the robot faces, seen from above.
  const arrow = new THREE.Shape();
  arrow.moveTo(6, 0);
  arrow.lineTo(-1, 4);
  arrow.lineTo(-1, -4);
  arrow.closePath();
  const top = mesh(new THREE.ShapeGeometry(arrow), 0xffffff, { roughness: 0.5 });
  top.position.set(c.length / 2 - c.rearOverhang, 0, clearance + c.height + 0.05);
  top.castShadow = false;
  root.add(top);

  const r = kit.wheelRadius;
  const wheels = [1, -1].map((side) => {
    const w = wheel(r);
    w.position.set(0, (side * (kit.wheelbase + WHEEL_WIDTH)) / 2, r);
    root.add(w);
    return w;
  });
  const caster = mesh(new THREE.SphereGeometry(1, 16, 12), 0x9aa0a6, { metalness: 0.6 });
  caster.position.set(c.length - c.rearOverhang - 2, 0, 1);
  root.add(caster);

  // HC-SR04: a small board and two transducers looking forward.
  const u = kit.ultrasonic;
  const board = mesh(new THREE.BoxGeometry(0.4, 4.5, 2), 0x0b5d8a);
  board.position.set(u.x - 0.6, u.y, u.z);
  root.add(board);
  for (const side of [1, -1]) {
    const eye = mesh(new THREE.CylinderGeometry(0.8, 0.8, 1.2, 18), 0xdadce0, { metalness: 0.7 });
    eye.rotation.z = Math.PI / 2;
    eye.position.set(u.x, u.y + side * 1.3, u.z);
    root.add(eye);
  }
  // Camera module on a mast at the front, looking down at the gripper and the floor ahead.
  const camPos = new THREE.Vector3(c.length - c.rearOverhang - 1, 0, clearance + c.height + 4);
  const lens = mesh(new THREE.BoxGeometry(1.5, 2.5, 2.5), 0x202124);
  lens.position.copy(camPos);
  root.add(lens);
  const mast = mesh(new THREE.BoxGeometry(0.8, 0.8, 4), 0x202124);
  mast.position.set(camPos.x - 0.4, 0, clearance + c.height + 2);
  root.add(mast);

  // Gripper: two jaws either side of the hold point.
  const g = kit.gripper;
  const jaws = [1, -1].map((side) => {
    const jaw = mesh(new THREE.BoxGeometry(JAW_LENGTH, 0.6, 3), 0xe8710a);
    jaw.position.set(g.holdPoint.x, (side * g.openWidth) / 2, g.holdPoint.z);
    root.add(jaw);
    return { jaw, side };
  });
  const arm = mesh(new THREE.BoxGeometry(1, g.openWidth + 1.2, 1), 0xe8710a);
  arm.position.set(g.holdPoint.x - JAW_LENGTH / 2, 0, g.holdPoint.z + 1.2);
  root.add(arm);

  // The ultrasonic cone (unit length along x, scaled to the reading).
  const half = Math.tan((u.coneDegrees / 2) * RAD);
  const coneGeometry = new THREE.ConeGeometry(half, 1, 24, 1, true);
  coneGeometry.translate(0, -0.5, 0);
  coneGeometry.rotateZ(Math.PI / 2);
  const cone = new THREE.Mesh(
    coneGeometry,
    new THREE.MeshBasicMaterial({
      color: 0x22c3ee,
      transparent: true,
      opacity: 0.3,
      depthWrite: false,
      side: THREE.DoubleSide,
    }),
  );
  cone.position.set(u.x + 0.6, u.y, u.z);
  cone.visible = false;
  cone.name = "ultrasonic-cone";
  root.add(cone);

  const spots = (["left", "center", "right"] as const).map((name) => {
    const p = kit.lineSensors[name];
    const spot = new THREE.Mesh(
      new THREE.CircleGeometry(0.7, 16),
      new THREE.MeshBasicMaterial({ color: 0x9aa0a6 }),
    );
    spot.position.set(p.x, p.y, 0.06);
    spot.visible = false;
    root.add(spot);
    return spot;
  });

  return {
    root,
    setWheels(left, right) {
      wheels[0]!.rotation.y = left;
      wheels[1]!.rotation.y = right;
    },
    setGripper(open) {
      const o = Math.max(0, Math.min(1, open));
      const width = g.closedWidth + (g.openWidth - g.closedWidth) * o;
      for (const { jaw, side } of jaws) jaw.position.y = (side * width) / 2;
    },
    setCone(length) {
      cone.visible = length !== null;
      if (length !== null) cone.scale.setScalar(Math.max(0.5, length));
    },
    setLineSpots(seen) {
      spots.forEach((spot, i) => {
        spot.visible = seen !== null;
        (spot.material as THREE.MeshBasicMaterial).color.set(seen?.[i] ? 0xff2d55 : 0x9aa0a6);
      });
    },
    camera: {
      position: camPos.clone().add(new THREE.Vector3(1, 0, 0)),
      target: new THREE.Vector3(g.holdPoint.x + 10, 0, 0),
    },
  };
}
