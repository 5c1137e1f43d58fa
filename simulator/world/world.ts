/**
 * The physics world of one run: the arena's static parts, the items, the robot; stepped at a fixed
 * 1/120 s. Time is the tick count; nothing here reads a clock. Lengths are cm (rapier's length
 * unit is set to 100 per metre), masses kg, gravity 981 cm/s².
 */
import type { KitGeometry } from "../../boards/index.ts";
import { TWO_WD_GEOMETRY } from "../../boards/index.ts";
import type { Arena } from "../arena/schema.ts";
import { placeItems } from "../arena/placement.ts";
import type { PlacedItem } from "../arena/placement.ts";
import type { FinalState, SimEvent } from "../events.ts";
import { halfExtents } from "../items/catalogue.ts";
import type { CatalogueItem } from "../items/catalogue.ts";
import { Random } from "../random.ts";
import { Floor, binContains } from "./floor.ts";
import { loadRapier } from "./rapier.ts";
import type { Rapier } from "./rapier.ts";
import { EngineCalls } from "./engine.ts";
import { RobotBody } from "./robot-body.ts";
import { GROUP, groups, yawQuat } from "./shapes.ts";

export const TICK_RATE = 120;
export const DT = 1 / TICK_RATE;
/** Ticks between two checks of the scoring events. */
const WATCH_EVERY = 4;
/** An item slower than this (cm/s, and rad/s) is at rest. */
const REST_SPEED = 1.5;
const REST_SPIN = 0.5;
const SOLVER_ITERATIONS = 2;
/**
 * How near (cm) two colliders must come for the solver to take their contact (rapier's prediction
 * distance, per unit of length: 0.5 cm). rapier's default, 2 cm with our length unit, is sized
 * for metre-scale scenes: here it kept four contacts in the solver at every step between the
 * floor and the chassis (1.5 cm above it), and counted as touching (the bumper, `robotHitWall`)
 * whatever came within 2 cm. 0.5 cm is still more than the robot drives in one step at its top
 * speed (40 cm/s: 0.33 cm); a faster approach (the corner of a robot turning on the spot) still
 * collides, a step later and a little deeper, and nothing here is thin enough to pass through.
 */
const PREDICTION_DISTANCE = 0.005;
/** Ticks of settling before time 0. */
const SETTLE_TICKS = 12;
/** Below this height (cm) a fallen item is taken out of the simulation. */
const REMOVE_BELOW = -40;
/**
 * How much nearer than its reach the robot must be to a wall or an obstacle for the scoring watch
 * to ask the engine whether they touch (cm). The contacts the watch reads are the last step's,
 * found at most a tick earlier, within the prediction distance (PREDICTION_DISTANCE, 0.5 cm): the
 * robot does not move 9 cm in a tick (its top speed is 40 cm/s, 0.33 cm a tick).
 */
const CONTACT_MARGIN = 10;

type RapierWorld = InstanceType<Rapier["World"]>;
type Body = ReturnType<RapierWorld["createRigidBody"]>;
type Collider = ReturnType<RapierWorld["createCollider"]>;

/** A wall or an obstacle the robot may hit: its collider, its event key, its box on the floor. */
interface Bumpable {
  handle: number;
  /** `wall:<id>` or `obstacle:<id>`. */
  key: string;
  /** Centre and half sizes of its axis-aligned bounding box in x and y. */
  x: number;
  y: number;
  halfX: number;
  halfY: number;
}

/** What a collider is, for events and sensors. */
export type ColliderRole =
  | { type: "floor" }
  | { type: "wall"; id: string }
  | { type: "obstacle"; id: string }
  | { type: "bin"; id: string }
  | { type: "item"; index: number }
  | { type: "robot" };

export interface WorldItem {
  readonly id: string;
  readonly entry: CatalogueItem;
  readonly body: Body;
  readonly collider: Collider;
  binId: string | null;
  onTable: boolean;
  removed: boolean;
  held: boolean;
  /** Asleep and already checked: it cannot have moved since. */
  settled: boolean;
}

export interface WorldOptions {
  arena: Arena;
  seed: number;
  kit?: KitGeometry;
}

export class World {
  readonly physics: RapierWorld;
  /** The engine calls of every tick, through vectors kept for the run. */
  readonly engine: EngineCalls;
  readonly random: Random;
  readonly floor: Floor;
  readonly kit: KitGeometry;
  readonly events: SimEvent[] = [];
  readonly items: WorldItem[] = [];
  readonly robot: RobotBody;
  readonly roles = new Map<number, ColliderRole>();
  tick = 0;
  /** Called after every tick (the recorder, the view's live feed). */
  onTick: (() => void) | null = null;
  private robotOnTable = true;
  private robotZones: string[] = [];
  private touching = new Set<string>();
  /** The walls and obstacles, for the scoring watch's contact queries. */
  private readonly bumpable: Bumpable[] = [];
  /** How far from the robot's origin its bumpers reach (cm): see `bumperReach`. */
  private reach = Infinity;

  /** Builds the world of an arena (already checked by `loadArena`). */
  static async create(options: WorldOptions): Promise<World> {
    return new World(await loadRapier(), options);
  }

  private constructor(
    readonly R: Rapier,
    readonly options: WorldOptions,
  ) {
    const { arena } = options;
    this.kit = options.kit ?? TWO_WD_GEOMETRY;
    this.random = new Random(options.seed);
    this.floor = new Floor(arena);
    this.physics = new R.World({ x: 0, y: 0, z: -981 });
    this.physics.lengthUnit = 100;
    this.physics.timestep = DT;
    // Two solver iterations hold a table-top scene (nothing stacks) at half the cost of four.
    this.physics.numSolverIterations = SOLVER_ITERATIONS;
    this.physics.integrationParameters.normalizedPredictionDistance = PREDICTION_DISTANCE;
    this.engine = new EngineCalls(R, this.physics);
    this.buildStatic(arena);
    placeItems(arena, this.random).forEach((placed) => this.addItem(placed));
    this.robot = new RobotBody(this, this.kit, arena.start);
    this.reach = this.bumperReach();
    // Let everything come to rest on the floor before time starts (this also fills the scene
    // queries, so a sensor read at time 0 sees the world).
    for (let i = 0; i < SETTLE_TICKS; i++) {
      this.robot.beforeStep(DT);
      this.engine.step();
      this.robot.afterStep(DT);
    }
    this.robotZones = this.floor.zonesAt(this.robot.pose());
    for (const zoneId of this.robotZones) {
      this.events.push({ type: "robotEnteredZone", time: 0, zoneId });
    }
  }

  time(): number {
    return this.tick * DT;
  }

  /** Adds a fixed collider to the static body and records what it is. */
  private addStatic(
    role: ColliderRole,
    half: { x: number; y: number; z: number },
    at: { x: number; y: number; z: number },
    yawDegrees = 0,
    friction = 0.5,
  ): void {
    const { R } = this;
    const desc = R.ColliderDesc.cuboid(half.x, half.y, half.z)
      .setTranslation(at.x, at.y, at.z)
      .setRotation(yawQuat(yawDegrees))
      .setFriction(friction)
      .setCollisionGroups(groups(role.type === "floor" ? GROUP.floor : GROUP.static, GROUP.all));
    const collider = this.physics.createCollider(desc);
    this.roles.set(collider.handle, role);
    if (role.type === "wall" || role.type === "obstacle") {
      const a = (yawDegrees * Math.PI) / 180;
      const [cos, sin] = [Math.abs(Math.cos(a)), Math.abs(Math.sin(a))];
      this.bumpable.push({
        handle: collider.handle,
        key: `${role.type}:${role.id}`,
        x: at.x,
        y: at.y,
        halfX: cos * half.x + sin * half.y,
        halfY: sin * half.x + cos * half.y,
      });
    }
  }

  /**
   * The radius of a sphere about the robot's origin that holds its bumpers whatever its pose:
   * for each, its centre's distance from the origin plus the radius of a sphere around its shape.
   */
  private bumperReach(): number {
    const { R } = this;
    const origin = this.robot.translation;
    let reach = 0;
    for (const collider of this.robot.bumpers) {
      const c = collider.translation();
      const offset = Math.hypot(c.x - origin.x, c.y - origin.y, c.z - origin.z);
      const type = collider.shapeType();
      const h = type === R.ShapeType.Cuboid ? collider.halfExtents() : null;
      const extent =
        type === R.ShapeType.Ball ? collider.radius() : h ? Math.hypot(h.x, h.y, h.z) : null;
      // A shape this does not know: the watch always asks the engine.
      if (extent === null) return Infinity;
      reach = Math.max(reach, offset + extent);
    }
    return reach;
  }

  private buildStatic(arena: Arena): void {
    const W = arena.table.width;
    const D = arena.table.depth;
    this.addStatic({ type: "floor" }, { x: W / 2, y: D / 2, z: 1 }, { x: W / 2, y: D / 2, z: -1 });
    if (arena.border) {
      const { height: h, thickness: t } = arena.border;
      const walls: [string, number, number, number, number][] = [
        ["border-south", W / 2, -t / 2, W / 2 + t, t / 2],
        ["border-north", W / 2, D + t / 2, W / 2 + t, t / 2],
        ["border-west", -t / 2, D / 2, t / 2, D / 2],
        ["border-east", W + t / 2, D / 2, t / 2, D / 2],
      ];
      for (const [id, x, y, hx, hy] of walls) {
        this.addStatic({ type: "wall", id }, { x: hx, y: hy, z: h / 2 }, { x, y, z: h / 2 });
      }
    }
    arena.walls.forEach((wall, i) => {
      const dx = wall.to.x - wall.from.x;
      const dy = wall.to.y - wall.from.y;
      const length = Math.hypot(dx, dy);
      this.addStatic(
        { type: "wall", id: wall.id ?? `wall-${i + 1}` },
        { x: length / 2 + wall.thickness / 2, y: wall.thickness / 2, z: wall.height / 2 },
        { x: (wall.from.x + wall.to.x) / 2, y: (wall.from.y + wall.to.y) / 2, z: wall.height / 2 },
        (Math.atan2(dy, dx) * 180) / Math.PI,
      );
    });
    arena.obstacles.forEach((o, i) => {
      this.addStatic(
        { type: "obstacle", id: o.id ?? `obstacle-${i + 1}` },
        { x: o.size.width / 2, y: o.size.depth / 2, z: o.size.height / 2 },
        { x: o.center.x, y: o.center.y, z: o.size.height / 2 },
        o.angle,
      );
    });
    for (const bin of arena.bins) {
      const role: ColliderRole = { type: "bin", id: bin.id };
      const { width: w, depth: d, height: h } = bin.size;
      const t = bin.wallThickness;
      const a = (bin.angle * Math.PI) / 180;
      const place = (lx: number, ly: number) => ({
        x: bin.position.x + lx * Math.cos(a) - ly * Math.sin(a),
        y: bin.position.y + lx * Math.sin(a) + ly * Math.cos(a),
      });
      // The low walls only (one side may stay open): the tray's floor is the table, coloured.
      const sides: [string, number, number, number, number][] = [
        ["east", w / 2 - t / 2, 0, t / 2, d / 2],
        ["west", -w / 2 + t / 2, 0, t / 2, d / 2],
        ["north", 0, d / 2 - t / 2, w / 2, t / 2],
        ["south", 0, -d / 2 + t / 2, w / 2, t / 2],
      ];
      for (const [side, lx, ly, hx, hy] of sides) {
        if (side === bin.openSide) continue;
        this.addStatic(role, { x: hx, y: hy, z: h / 2 }, { ...place(lx, ly), z: h / 2 }, bin.angle);
      }
    }
  }

  private addItem(placed: PlacedItem): void {
    const { R } = this;
    const { entry } = placed;
    const half = halfExtents(entry.shape);
    const body = this.physics.createRigidBody(
      R.RigidBodyDesc.dynamic()
        .setTranslation(placed.x, placed.y, half.z + 0.01)
        .setRotation(yawQuat(placed.angle))
        .setLinearDamping(0.1)
        .setAngularDamping(0.6),
    );
    const shape = entry.shape;
    const desc =
      shape.type === "box"
        ? R.ColliderDesc.cuboid(half.x, half.y, half.z)
        : shape.type === "cylinder"
          ? R.ColliderDesc.cylinder(half.z, shape.radius).setRotation({
              x: Math.SQRT1_2,
              y: 0,
              z: 0,
              w: Math.SQRT1_2,
            })
          : R.ColliderDesc.ball(shape.radius);
    desc
      .setMass(entry.mass)
      .setFriction(entry.friction)
      .setRestitution(entry.restitution)
      .setCollisionGroups(groups(GROUP.item, GROUP.all));
    const collider = this.physics.createCollider(desc, body);
    this.roles.set(collider.handle, { type: "item", index: this.items.length });
    this.items.push({
      id: placed.id,
      entry,
      body,
      collider,
      binId: null,
      onTable: true,
      removed: false,
      held: false,
      settled: false,
    });
  }

  /** One fixed step: motor forces, physics, then the scoring watch. */
  step(): void {
    this.robot.beforeStep(DT);
    this.engine.step();
    this.tick++;
    this.robot.afterStep(DT);
    if (this.tick % WATCH_EVERY === 0) this.watch();
    this.onTick?.();
  }

  emit(event: SimEvent): void {
    this.events.push(event);
  }

  private watch(): void {
    const time = this.time();
    const { arena } = this.options;
    for (const item of this.items) {
      if (item.removed) continue;
      const asleep = item.body.isSleeping();
      if (asleep && item.settled) continue;
      item.settled = asleep;
      const p = item.body.translation();
      if (item.onTable && (!this.floor.onTable(p) || p.z < -3)) {
        item.onTable = false;
        if (item.binId !== null) {
          this.emit({ type: "itemLeftBin", time, itemId: item.id, binId: item.binId });
          item.binId = null;
        }
        this.emit({ type: "itemLeftTable", time, itemId: item.id });
      }
      if (p.z < REMOVE_BELOW) {
        this.physics.removeRigidBody(item.body);
        item.removed = true;
        continue;
      }
      if (!item.onTable) continue;
      if (item.binId !== null) {
        const bin = arena.bins.find((b) => b.id === item.binId)!;
        if (!binContains(bin, p)) {
          this.emit({ type: "itemLeftBin", time, itemId: item.id, binId: bin.id });
          item.binId = null;
        }
      }
      if (!asleep) {
        const v = item.body.linvel();
        const w = item.body.angvel();
        const resting =
          !item.held &&
          Math.hypot(v.x, v.y, v.z) < REST_SPEED &&
          Math.hypot(w.x, w.y, w.z) < REST_SPIN;
        if (!resting) continue;
      }
      if (item.binId === null) {
        const top = halfExtents(item.entry.shape).z * 2;
        const bin = arena.bins.find(
          (b) => binContains(b, p, b.wallThickness) && p.z < b.size.height + top,
        );
        if (bin) {
          item.binId = bin.id;
          this.emit({ type: "itemEnteredBin", time, itemId: item.id, binId: bin.id });
        }
      }
    }

    const pose = this.robot.pose();
    if (this.robotOnTable && pose.z < -2) {
      this.robotOnTable = false;
      this.emit({ type: "robotLeftTable", time });
    }
    const zones = this.robotOnTable ? this.floor.zonesAt(pose) : [];
    for (const zoneId of this.robotZones) {
      if (!zones.includes(zoneId)) this.emit({ type: "robotLeftZone", time, zoneId });
    }
    for (const zoneId of zones) {
      if (!this.robotZones.includes(zoneId)) this.emit({ type: "robotEnteredZone", time, zoneId });
    }
    this.robotZones = zones;

    const touching = new Set<string>();
    // Only the walls and obstacles within the bumpers' reach (and a margin) can touch them: the
    // engine is asked about those alone, pair by pair, by handle through the narrow phase (the
    // world's own methods would wrap each handle in a collider object first).
    const { narrowPhase, bodies } = this.physics;
    const near = this.reach + CONTACT_MARGIN;
    const { x, y } = this.robot.translation;
    for (const wall of this.bumpable) {
      const dx = Math.max(0, Math.abs(x - wall.x) - wall.halfX);
      const dy = Math.max(0, Math.abs(y - wall.y) - wall.halfY);
      if (dx * dx + dy * dy > near * near) continue;
      let inContact = false;
      const inContactWith = (manifold: { numSolverContacts(): number }) => {
        if (manifold.numSolverContacts() > 0) inContact = true;
      };
      for (const collider of this.robot.bumpers) {
        narrowPhase.contactPair(collider.handle, wall.handle, bodies, inContactWith);
        if (inContact) break;
      }
      if (inContact) touching.add(wall.key);
    }
    for (const key of [...touching].sort()) {
      if (this.touching.has(key)) continue;
      const [type, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
      this.emit(
        type === "wall"
          ? { type: "robotHitWall", time, wallId: id }
          : { type: "robotHitObstacle", time, obstacleId: id },
      );
    }
    this.touching = touching;
  }

  /** The robot's reference point is on the table (it has not fallen). */
  get robotIsOnTable(): boolean {
    return this.robotOnTable;
  }

  final(): FinalState {
    const pose = this.robot.pose();
    let heading = (pose.yaw * 180) / Math.PI;
    heading = ((heading % 360) + 360) % 360;
    return {
      items: this.items.map((item) => {
        const p = item.removed ? null : item.body.translation();
        return {
          id: item.id,
          catalogueId: item.entry.id,
          kind: item.entry.kind,
          binId: item.binId,
          onTable: item.onTable,
          held: item.held,
          position: p && { x: p.x, y: p.y, z: p.z },
        };
      }),
      robot: {
        x: pose.x,
        y: pose.y,
        heading,
        onTable: this.robotOnTable,
        zones: [...this.robotZones],
        heldItemId: this.robot.held?.id ?? null,
      },
    };
  }

  dispose(): void {
    this.engine.dispose();
    this.physics.free();
  }
}
