/**
 * The robot's sensors, each sampled at its real rate with seeded noise; a read between two samples
 * returns the last sample (sample and hold). Line and colour sensors evaluate the floor's vector
 * markings exactly at the sensor's point; the ultrasonic sensor casts a cone of rays.
 */
import type { ColorReading, LineReading } from "../runtime/engine.ts";
import { isDark } from "./colors.ts";
import { GROUP, groups } from "./world/shapes.ts";
import type { World } from "./world/world.ts";

/** Sample periods, in ticks of 1/120 s. */
const PERIOD = {
  ultrasonic: 7, // HC-SR04: one ping each ~60 ms
  line: 1,
  color: 2,
  gyro: 1,
} as const;

const RAD = Math.PI / 180;
/** What the ultrasonic sensor's rays may hit: everything but the floor. */
const NOT_FLOOR = groups(GROUP.all, GROUP.all & ~GROUP.floor);
/** Ray directions of the ultrasonic cone, as (yaw, pitch) offsets in degrees. */
function coneRays(cone: number): [number, number][] {
  const h = cone / 2;
  return [
    [0, 0],
    [-h, 0],
    [h, 0],
    [-h / 2, 0],
    [h / 2, 0],
    [0, h],
    [0, -h / 2],
  ];
}

class Held<T> {
  private nextTick = 0;
  private value: T | undefined;
  constructor(
    private readonly period: number,
    private readonly sample: () => T,
  ) {}
  read(tick: number): T {
    if (this.value === undefined || tick >= this.nextTick) {
      this.value = this.sample();
      this.nextTick = tick - (tick % this.period) + this.period;
    }
    return this.value;
  }
}

export class Sensors {
  private readonly ultrasonic: Held<number>;
  private readonly lineSensors: Held<LineReading>;
  private readonly colorSensor: Held<ColorReading>;
  private readonly gyro: Held<number>;
  private readonly rays: [number, number][];

  constructor(private readonly world: World) {
    const kit = world.kit;
    this.rays = coneRays(kit.ultrasonic.coneDegrees);
    this.ultrasonic = new Held(PERIOD.ultrasonic, () => this.sampleDistance());
    this.lineSensors = new Held(PERIOD.line, () => this.sampleLine());
    this.colorSensor = new Held(PERIOD.color, () => this.sampleColor());
    this.gyro = new Held(PERIOD.gyro, () => this.sampleHeading());
  }

  distance(): number {
    return this.ultrasonic.read(this.world.tick);
  }
  line(): LineReading {
    return { ...this.lineSensors.read(this.world.tick) };
  }
  color(): ColorReading {
    return { ...this.colorSensor.read(this.world.tick) };
  }
  heading(): number {
    return this.gyro.read(this.world.tick);
  }

  /** Whether the chassis touches anything but the floor (a bumper switch; read at once). */
  bumper(): boolean {
    const { world } = this;
    const chassis = world.robot.colliders[0]!;
    let pressed = false;
    world.physics.contactPairsWith(chassis, (other) => {
      if (pressed || world.roles.get(other.handle)?.type === "floor") return;
      world.physics.contactPair(chassis, other, (manifold) => {
        if (manifold.numSolverContacts() > 0) pressed = true;
      });
    });
    return pressed;
  }

  /**
   * Exact distance (cm) from the ultrasonic sensor to the nearest thing in its cone, or null.
   * The simulated robot's sensor looks past the item it holds; `seeHeld` lets the item between
   * the jaws echo, as it does on a real HC-SR04 (the twin's sensor, whose echo says whether a
   * grab caught something).
   */
  coneDistance(seeHeld = false): number | null {
    const { world } = this;
    const { robot, kit, engine } = world;
    const us = kit.ultrasonic;
    const origin = robot.toWorld(us);
    const held = seeHeld ? undefined : robot.held?.collider.handle;
    let best: number | null = null;
    for (const [yaw, pitch] of this.rays) {
      const a = yaw * RAD;
      const b = pitch * RAD;
      const dir = robot.toWorld({
        x: Math.cos(a) * Math.cos(b),
        y: Math.sin(a) * Math.cos(b),
        z: Math.sin(b),
      });
      const t = robot.translation;
      const toi = engine.castRay(
        origin,
        { x: dir.x - t.x, y: dir.y - t.y, z: dir.z - t.z },
        us.maxCm,
        NOT_FLOOR,
        held,
        robot.body.handle,
      );
      if (toi !== null && (best === null || toi < best)) best = toi;
    }
    return best;
  }

  private sampleDistance(): number {
    const { kit, random } = this.world;
    const exact = this.coneDistance();
    if (exact === null || exact > kit.ultrasonic.maxCm) return kit.ultrasonic.maxCm;
    const noisy = exact + random.gaussian(0.3);
    const clamped = Math.max(kit.ultrasonic.minCm, Math.min(kit.ultrasonic.maxCm, noisy));
    return Math.round(clamped * 10) / 10;
  }

  private sampleLine(): LineReading {
    const { world } = this;
    const { lineSensors } = world.kit;
    const dark = (local: { x: number; y: number; z: number }) => {
      const p = world.robot.toWorld(local);
      // The IR spot wanders a little (seeded): a sensor right on an edge flickers.
      const c = world.floor.colorAt({
        x: p.x + world.random.gaussian(0.1),
        y: p.y + world.random.gaussian(0.1),
      });
      // Off the table, no light comes back: it reads as dark, like a real IR sensor.
      return c === null ? true : isDark(c.rgb);
    };
    return {
      left: dark(lineSensors.left),
      center: dark(lineSensors.center),
      right: dark(lineSensors.right),
    };
  }

  private sampleColor(): ColorReading {
    const { world } = this;
    const held = world.robot.held;
    let name: ColorReading["name"];
    let rgb: readonly [number, number, number];
    if (held) {
      name = held.entry.colorName;
      rgb = held.entry.colors.main;
    } else {
      const p = world.robot.toWorld(world.kit.colorSensor);
      const c = world.floor.colorAt(p) ?? { name: "black" as const, rgb: [0, 0, 0] as const };
      name = c.name;
      rgb = c.rgb;
    }
    const channel = (v: number) =>
      Math.max(0, Math.min(255, Math.round(v + world.random.gaussian(3))));
    return { name, r: channel(rgb[0]), g: channel(rgb[1]), b: channel(rgb[2]) };
  }

  private sampleHeading(): number {
    const { world } = this;
    const degrees = -world.robot.yaw / RAD + world.random.gaussian(0.15);
    const wrapped = ((degrees % 360) + 360) % 360;
    return Math.round(wrapped * 10) / 10 === 360 ? 0 : Math.round(wrapped * 10) / 10;
  }
}
