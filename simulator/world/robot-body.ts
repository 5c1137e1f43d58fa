/**
 * The robot's body and its drive. A dynamic chassis rests on two frictionless wheel spheres and a
 * front caster; each drive wheel pushes the chassis with an impulse at its floor contact point:
 * a DC motor's force (stall force falling linearly to zero at free speed, so a load slows the
 * robot) plus a lateral grip force, the sum capped by the tyre's friction (beyond it, the wheel
 * slips). We chose impulses at the wheel contacts over rapier's ray-cast vehicle controller: the
 * controller is not part of a world snapshot, and its suspension model is meant for cars; a
 * two-wheel robot on a flat table needs only traction, motor curve and slip, which fit in one step.
 */
import type { KitGeometry } from "../../boards/index.ts";
import type { StartPose } from "../arena/schema.ts";
import { halfExtents } from "../items/catalogue.ts";
import {
  GROUP,
  conjugate,
  groups,
  multiply,
  rotate,
  rotateInto,
  wrapAngle,
  yawOf,
  yawQuat,
} from "./shapes.ts";
import type { Quat, Vec3 } from "./shapes.ts";
import type { World, WorldItem } from "./world.ts";

/** Force of one motor at stall, at the wheel rim (kg·cm/s²: 240 = 2.4 N, a TT gear motor). */
const STALL_FORCE = 240;
/** Tyre friction on the table. */
const TYRE_FRICTION = 1.0;
/** Share of the sideways wheel velocity cancelled each step (below 1 keeps the grip stable). */
const LATERAL_GRIP = 0.5;
const GRAVITY = 981;
/** Height (cm) a held item is lifted above the floor. */
const HOLD_LIFT = 3;
/** Ticks of pose history kept (one second). */
const HISTORY = 121;

type Body = WorldItem["body"];
type Collider = WorldItem["collider"];
type Joint = ReturnType<World["physics"]["createImpulseJoint"]>;

/** Left and right, the two drive wheels. */
const SIDES = [0, 1] as const;

interface WheelFrame {
  /** Where each wheel (left, right) touches the floor. */
  wheels: [Vec3, Vec3];
  /** The robot's forward and left unit vectors on the floor. */
  f: { x: number; y: number };
  l: { x: number; y: number };
}

const X_AXIS: Vec3 = { x: 1, y: 0, z: 0 };

function newWheelFrame(): WheelFrame {
  return {
    wheels: [
      { x: 0, y: 0, z: 0 },
      { x: 0, y: 0, z: 0 },
    ],
    f: { x: 0, y: 0 },
    l: { x: 0, y: 0 },
  };
}

export interface Pose {
  x: number;
  y: number;
  z: number;
  /** Radians counter-clockwise from east, wrapped to (-π, π]. */
  yaw: number;
}

export class RobotBody {
  readonly body: Body;
  readonly colliders: Collider[] = [];
  /** The colliders that can touch a wall: chassis and wheels. */
  get bumpers(): Collider[] {
    return this.colliders.slice(0, 3);
  }
  /** Motor power applied, -1..1 per side (left, right), after the acceleration ramp. */
  readonly power: [number, number] = [0, 0];
  /** Motor power asked for, -1..1. */
  readonly target: [number, number] = [0, 0];
  /** Distance rolled by each wheel's rim, cm (what the encoders count). */
  readonly encoders: [number, number] = [0, 0];
  readonly grounded: [boolean, boolean] = [true, true];
  readonly slipping: [boolean, boolean] = [false, false];
  /** Heading turned since the start, radians counter-clockwise, not wrapped. */
  yaw = 0;
  held: WorldItem | null = null;
  private joint: Joint | null = null;
  private lastYaw: number;
  private readonly rimSpeed: [number, number] = [0, 0];
  private readonly wheelVelocity: [
    { along: number; across: number },
    { along: number; across: number },
  ] = [
    { along: 0, across: 0 },
    { along: 0, across: 0 },
  ];
  private lastWheels: [Vec3, Vec3];
  private lastTurnRate = 0;
  private readonly mass: number;
  private frame: WheelFrame;
  /**
   * The frame the next step writes into; it then becomes `frame`, and the last one the spare
   * (whose wheels are `lastWheels` meanwhile). Each tick rewrites numbers, allocates nothing.
   */
  private spare: WheelFrame = newWheelFrame();
  /** Scratch vectors of `wheelFrame`, and the left wheel's place in the robot frame. */
  private readonly forward: Vec3 = { x: 0, y: 0, z: 0 };
  private readonly side: Vec3 = { x: 0, y: 0, z: 0 };
  private readonly halfAxle: Vec3;
  /** The last HISTORY poses (x, y, unwrapped yaw; one a tick), a ring, for blocked detection. */
  private readonly history = new Float64Array(HISTORY * 3);
  /** Poses written into the ring so far. */
  private recorded = 0;
  /**
   * The body's position and rotation, read from the physics once after each step: nothing moves
   * it between two steps, so every read of the tick (sensors, the scoring watch, the recorder)
   * shares these exact values instead of crossing into the engine again.
   */
  private readonly at: { t: Vec3; q: Quat };
  /** The centre of mass, read into the same object each step. */
  private readonly com: Vec3 = { x: 0, y: 0, z: 0 };

  constructor(
    private readonly world: World,
    private readonly kit: KitGeometry,
    start: StartPose,
  ) {
    const { R, physics } = world;
    this.body = physics.createRigidBody(
      R.RigidBodyDesc.dynamic()
        .setTranslation(start.x, start.y, 0.02)
        .setRotation(yawQuat(start.heading))
        .setCanSleep(false)
        .setAngularDamping(0.2),
    );
    const mine = groups(GROUP.robot, GROUP.all & ~GROUP.held);
    const add = (desc: InstanceType<typeof R.ColliderDesc>, filter = mine) => {
      const collider = physics.createCollider(desc.setCollisionGroups(filter), this.body);
      world.roles.set(collider.handle, { type: "robot" });
      this.colliders.push(collider);
      return collider;
    };
    const c = kit.chassis;
    const clearance = 1.5;
    add(
      R.ColliderDesc.cuboid(c.length / 2, c.width / 2, c.height / 2)
        .setTranslation(c.length / 2 - c.rearOverhang, 0, clearance + c.height / 2)
        .setMass(kit.mass * 0.85)
        .setFriction(0.4),
    );
    const r = kit.wheelRadius;
    for (const side of [1, -1]) {
      add(
        R.ColliderDesc.ball(r)
          .setTranslation(0, (side * kit.wheelbase) / 2, r)
          .setMass(kit.mass * 0.05)
          .setFriction(0)
          .setFrictionCombineRule(R.CoefficientCombineRule.Min),
      );
    }
    add(
      R.ColliderDesc.ball(1)
        .setTranslation(c.length - c.rearOverhang - 2, 0, 1)
        .setMass(kit.mass * 0.05)
        .setFriction(0)
        .setFrictionCombineRule(R.CoefficientCombineRule.Min),
    );
    this.at = { t: this.body.translation(), q: this.body.rotation() };
    this.lastYaw = yawOf(this.at.q);
    this.mass = this.body.mass();
    this.halfAxle = { x: 0, y: kit.wheelbase / 2, z: 0 };
    this.frame = this.wheelFrame(this.at.t, this.at.q, newWheelFrame());
    this.lastWheels = this.frame.wheels;
  }

  pose(): Pose {
    const { t, q } = this.at;
    return { x: t.x, y: t.y, z: t.z, yaw: yawOf(q) };
  }

  /** The body's position (as the physics gives it after the last step; not to be changed). */
  get translation(): Readonly<Vec3> {
    return this.at.t;
  }

  /** The body's rotation (as the physics gives it after the last step; not to be changed). */
  get rotation(): Readonly<Quat> {
    return this.at.q;
  }

  /** A point of the robot frame (x forward, y left, z up, origin mid-axle on the floor) in the arena. */
  toWorld(local: Vec3): Vec3 {
    const { t, q } = this.at;
    const p = rotate(q, local);
    return { x: t.x + p.x, y: t.y + p.y, z: t.z + p.z };
  }

  /** Where each wheel touches the floor, and the robot's forward and left unit vectors, into `out`. */
  private wheelFrame(t: Vec3, q: Quat, out: WheelFrame): WheelFrame {
    const fw = rotateInto(q, X_AXIS, this.forward);
    const norm = Math.hypot(fw.x, fw.y) || 1;
    const { f, l, wheels } = out;
    f.x = fw.x / norm;
    f.y = fw.y / norm;
    // The wheels sit at ±wheelbase/2 along the robot's own y axis.
    const side = rotateInto(q, this.halfAxle, this.side);
    wheels[0].x = t.x + side.x;
    wheels[0].y = t.y + side.y;
    wheels[0].z = t.z + side.z;
    wheels[1].x = t.x - side.x;
    wheels[1].y = t.y - side.y;
    wheels[1].z = t.z - side.z;
    l.x = -f.y;
    l.y = f.x;
    return out;
  }

  beforeStep(dt: number): void {
    const { kit, body, world } = this;
    const com = body.worldCom(this.com);
    const mass = this.mass;
    // Nothing moves a body between two steps: the frame measured after the last step holds.
    const { wheels, f, l } = this.frame;
    const ramp = (kit.maxAcceleration / kit.maxWheelSpeed) * dt;
    const cap = TYRE_FRICTION * mass * (GRAVITY / 2) * dt;
    for (const side of SIDES) {
      const delta = this.target[side] - this.power[side];
      this.power[side] += Math.max(-ramp, Math.min(ramp, delta));
      const power = this.power[side];
      const p = wheels[side];
      // On the floor while the contact point is over the table and the body has not dropped
      // (cheaper than a ray cast each step; bins and items are too low to lift a wheel off).
      this.grounded[side] = p.z > -0.5 && world.floor.onTable(p);
      if (!this.grounded[side]) {
        this.slipping[side] = false;
        this.rimSpeed[side] = power * kit.maxWheelSpeed;
        continue;
      }
      // Wheel velocities from the last step's displacement: the solver's stored velocities
      // carry its position-correction terms, which a pressed robot would read as motion.
      const { along, across } = this.wheelVelocity[side];
      let jl = STALL_FORCE * (power - along / kit.maxWheelSpeed) * dt;
      let jt = -across * (mass / 2) * LATERAL_GRIP;
      const magnitude = Math.hypot(jl, jt);
      this.slipping[side] = magnitude > cap;
      if (this.slipping[side]) {
        jl *= cap / magnitude;
        jt *= cap / magnitude;
      }
      this.rimSpeed[side] = this.slipping[side] ? power * kit.maxWheelSpeed : along;
      // Applied at the height of the centre of mass: the drive does not pitch the chassis.
      world.engine.applyImpulseAtPoint(
        body,
        f.x * jl + l.x * jt,
        f.y * jl + l.y * jt,
        0,
        p.x,
        p.y,
        com.z,
      );
    }
  }

  afterStep(dt: number): void {
    // Read into the same two objects each tick (every reader uses them within the tick).
    const t = this.body.translation(this.at.t);
    const q = this.body.rotation(this.at.q);
    const frame = this.wheelFrame(t, q, this.spare);
    this.spare = this.frame;
    this.frame = frame;
    const { wheels, f, l } = frame;
    for (const side of SIDES) {
      const before = this.lastWheels[side];
      const now = wheels[side];
      const vx = (now.x - before.x) / dt;
      const vy = (now.y - before.y) / dt;
      const velocity = this.wheelVelocity[side];
      velocity.along = vx * f.x + vy * f.y;
      velocity.across = vx * l.x + vy * l.y;
    }
    this.lastWheels = wheels;
    this.encoders[0] += this.rimSpeed[0] * dt;
    this.encoders[1] += this.rimSpeed[1] * dt;
    const yaw = yawOf(q);
    const turned = wrapAngle(yaw - this.lastYaw);
    this.yaw += turned;
    this.lastYaw = yaw;
    const at = (this.recorded % HISTORY) * 3;
    this.history[at] = t.x;
    this.history[at + 1] = t.y;
    this.history[at + 2] = this.yaw;
    this.recorded++;
    this.lastTurnRate = turned / dt;
  }

  /** Offset in the ring of the pose `back` ticks before the last one. */
  private past(back: number): number {
    return ((this.recorded - 1 - back) % HISTORY) * 3;
  }

  /** Ground speed (cm/s) and turn rate (rad/s, counter-clockwise) over the last step. */
  motion(): { speed: number; turnRate: number; along: number } {
    const along = (this.wheelVelocity[0].along + this.wheelVelocity[1].along) / 2;
    const h = this.history;
    let speed = 0;
    if (this.recorded >= 2) {
      const a = this.past(1);
      const b = this.past(0);
      speed = Math.hypot(h[b]! - h[a]!, h[b + 1]! - h[a + 1]!) / (1 / 120);
    }
    return { speed, turnRate: this.lastTurnRate, along };
  }

  /** How far the robot moved (cm) and turned (radians) over the last `ticks` ticks; null before. */
  progress(ticks: number): { moved: number; turned: number } | null {
    const h = this.history;
    if (Math.min(this.recorded, HISTORY) <= ticks) return null;
    const a = this.past(ticks);
    const b = this.past(0);
    return {
      moved: Math.hypot(h[b]! - h[a]!, h[b + 1]! - h[a + 1]!),
      turned: Math.abs(h[b + 2]! - h[a + 2]!),
    };
  }

  /** The item the open jaws would close on, or null. */
  itemInJaws(): WorldItem | null {
    const { gripper } = this.kit;
    const { t, q } = this.at;
    const yaw = yawOf(q);
    const c = Math.cos(-yaw);
    const s = Math.sin(-yaw);
    let best: WorldItem | null = null;
    let bestDistance = Infinity;
    for (const item of this.world.items) {
      if (item.removed || item.held || !item.onTable) continue;
      const half = halfExtents(item.entry.shape);
      if (2 * Math.min(half.x, half.y) >= gripper.openWidth) continue;
      const p = item.body.translation();
      const dx = p.x - t.x;
      const dy = p.y - t.y;
      const lx = dx * c - dy * s;
      const ly = dx * s + dy * c;
      if (Math.abs(ly - gripper.holdPoint.y) > gripper.openWidth / 2) continue;
      if (Math.abs(lx - gripper.holdPoint.x) > 4.5) continue;
      if (p.z - t.z > 15) continue;
      const distance = Math.hypot(lx - gripper.holdPoint.x, ly - gripper.holdPoint.y);
      if (distance < bestDistance) {
        best = item;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Holds an item at the gripper, lifted a little; it moves with the robot. */
  hold(item: WorldItem): void {
    const { R, physics } = this.world;
    const half = halfExtents(item.entry.shape);
    const frame2 = multiply(conjugate(item.body.rotation()), this.at.q);
    const hp = this.kit.gripper.holdPoint;
    this.joint = physics.createImpulseJoint(
      R.JointData.fixed(
        { x: hp.x, y: hp.y, z: half.z + HOLD_LIFT },
        { x: 0, y: 0, z: 0, w: 1 },
        { x: 0, y: 0, z: 0 },
        frame2,
      ),
      this.body,
      item.body,
      true,
    );
    item.collider.setCollisionGroups(groups(GROUP.held, GROUP.all & ~GROUP.robot));
    item.held = true;
    this.held = item;
  }

  /** Lets go of the held item, which falls where it is. */
  letGo(): WorldItem | null {
    const item = this.held;
    if (!item) return null;
    if (this.joint) this.world.physics.removeImpulseJoint(this.joint, true);
    this.joint = null;
    item.collider.setCollisionGroups(groups(GROUP.item, GROUP.all));
    item.held = false;
    this.held = null;
    return item;
  }
}
