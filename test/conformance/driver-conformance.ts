/**
 * The conformance suite of the Robot API: what any `RobotDriver` (the simulated robot, a board)
 * must do, within the tolerances a pupil can rely on. A driver under test gives one factory per
 * scene; each scene also says how to measure the robot's true position and heading.
 *
 * Usage, in a `*.test.ts`: `driverConformance("SimRobot", scenes)`.
 */
import { describe, expect, it } from "vitest";
import type { RobotDriver } from "../../runtime/index.ts";

export interface ConformanceRig {
  driver: RobotDriver;
  /** The robot's true position on the floor, cm (any fixed frame). */
  position(): { x: number; y: number };
  /** The robot's true heading, degrees, clockwise (any fixed zero). */
  heading(): number;
  dispose?(): void | Promise<void>;
}

/** Scenes, all with the robot on a flat floor, facing forward at the start. */
export interface ConformanceScenes {
  /** Nothing within 100 cm. */
  freeFloor(): Promise<ConformanceRig>;
  /** A wall across the robot's path, 30 cm in front of the ultrasonic sensor. */
  wallAhead(cm: number): Promise<ConformanceRig>;
  /** A black line 2 cm wide under the robot, along its heading, centred under the middle sensor. */
  blackLine(): Promise<ConformanceRig>;
  /** A small item (a can) standing between the open gripper jaws. */
  itemAtGripper(): Promise<ConformanceRig>;
}

/** Thrown by `settle` when the driver's time passes the limit first. */
export class NotSettled extends Error {}

/** Lets time pass (the host's job in a run) until the promise settles, for at most `limit` s. */
export async function settle<T>(driver: RobotDriver, promise: Promise<T>, limit = 60): Promise<T> {
  let done = false;
  let value: T | undefined;
  let failure: unknown;
  promise.then(
    (v) => {
      done = true;
      value = v;
    },
    (error: unknown) => {
      done = true;
      failure = error ?? new Error("rejected");
    },
  );
  const start = driver.time();
  for (;;) {
    // Let the promise's reactions run before deciding to advance.
    for (let i = 0; i < 3; i++) await Promise.resolve();
    if (done) break;
    if (driver.time() - start >= limit) throw new NotSettled(`not settled after ${limit} s`);
    await driver.advance();
  }
  if (failure !== undefined) throw failure;
  return value as T;
}

const angleDiff = (a: number, b: number) => ((((a - b) % 360) + 540) % 360) - 180;

export function driverConformance(name: string, scenes: ConformanceScenes): void {
  describe(`RobotDriver conformance: ${name}`, () => {
    async function withRig(
      scene: () => Promise<ConformanceRig>,
      body: (rig: ConformanceRig) => Promise<void>,
    ) {
      const rig = await scene();
      try {
        await body(rig);
      } finally {
        await rig.dispose?.();
        await rig.driver.dispose();
      }
    }

    it("forward(20) moves 20 cm ± 1 cm, and back", () =>
      withRig(scenes.freeFloor, async (rig) => {
        const a = rig.position();
        await settle(rig.driver, rig.driver.forward(20));
        const b = rig.position();
        expect(Math.hypot(b.x - a.x, b.y - a.y)).toBeGreaterThan(19);
        expect(Math.hypot(b.x - a.x, b.y - a.y)).toBeLessThan(21);
        await settle(rig.driver, rig.driver.forward(-20));
        const c = rig.position();
        expect(Math.hypot(c.x - a.x, c.y - a.y)).toBeLessThan(1.5);
      }));

    it("turn(90) turns 90° ± 3° clockwise, turn(-90) back", () =>
      withRig(scenes.freeFloor, async (rig) => {
        const h0 = rig.heading();
        await settle(rig.driver, rig.driver.turn(90));
        expect(Math.abs(angleDiff(rig.heading(), h0 + 90))).toBeLessThanOrEqual(3);
        await settle(rig.driver, rig.driver.turn(-90));
        expect(Math.abs(angleDiff(rig.heading(), h0))).toBeLessThanOrEqual(3);
      }));

    it("heading() follows a turn", () =>
      withRig(scenes.freeFloor, async (rig) => {
        const before = rig.driver.heading();
        await settle(rig.driver, rig.driver.turn(45));
        expect(Math.abs(angleDiff(rig.driver.heading(), before + 45))).toBeLessThanOrEqual(3);
      }));

    it("distance() to a wall 30 cm ahead reads 30 ± 2; nothing ahead reads 400", async () => {
      await withRig(
        () => scenes.wallAhead(30),
        async (rig) => {
          for (let i = 0; i < 5; i++) {
            const d = rig.driver.distance();
            expect(d).toBeGreaterThanOrEqual(28);
            expect(d).toBeLessThanOrEqual(32);
            await settle(rig.driver, rig.driver.wait(0.1));
          }
          await settle(rig.driver, rig.driver.forward(10));
          expect(Math.abs(rig.driver.distance() - 20)).toBeLessThanOrEqual(2);
        },
      );
      await withRig(scenes.freeFloor, async (rig) => {
        expect(rig.driver.distance()).toBe(400);
      });
    });

    it("line sensors see a 2 cm black line under the middle sensor only", async () => {
      await withRig(scenes.blackLine, async (rig) => {
        expect(rig.driver.line()).toEqual({ left: false, center: true, right: false });
        await settle(rig.driver, rig.driver.forward(5));
        expect(rig.driver.line()).toEqual({ left: false, center: true, right: false });
      });
      await withRig(scenes.freeFloor, async (rig) => {
        expect(rig.driver.line()).toEqual({ left: false, center: false, right: false });
      });
    });

    it("grab() next to an item holds it; the item moves with the robot; release() lets go", () =>
      withRig(scenes.itemAtGripper, async (rig) => {
        expect(await settle(rig.driver, rig.driver.grab())).toBe(true);
        await settle(rig.driver, rig.driver.turn(90));
        await settle(rig.driver, rig.driver.release());
        await settle(rig.driver, rig.driver.forward(-15));
        // Nothing is between the jaws any more: a second grab closes on air.
        expect(await settle(rig.driver, rig.driver.grab())).toBe(false);
      }));

    it("grab() with nothing in the jaws returns false", () =>
      withRig(scenes.freeFloor, async (rig) => {
        expect(await settle(rig.driver, rig.driver.grab())).toBe(false);
      }));

    it("a motion against a wall resolves after about 1 s blocked", () =>
      withRig(
        () => scenes.wallAhead(10),
        async (rig) => {
          const a = rig.position();
          const t0 = rig.driver.time();
          await settle(rig.driver, rig.driver.forward(100));
          const moved = Math.hypot(rig.position().x - a.x, rig.position().y - a.y);
          const elapsed = rig.driver.time() - t0;
          // The robot drives the few cm to the wall, then stays blocked for 1 s.
          expect(moved).toBeLessThan(12);
          expect(elapsed).toBeGreaterThanOrEqual(1);
          expect(elapsed).toBeLessThan(3.5);
        },
      ));

    it("wait(0.5) lets 0.5 s pass; a sensor read costs a little time", () =>
      withRig(scenes.freeFloor, async (rig) => {
        const t0 = rig.driver.time();
        await settle(rig.driver, rig.driver.wait(0.5));
        expect(rig.driver.time() - t0).toBeCloseTo(0.5, 1);
        const t1 = rig.driver.time();
        for (let i = 0; i < 100; i++) rig.driver.distance();
        expect(rig.driver.time()).toBeGreaterThan(t1);
      }));

    it("stop() settles a running motion at once", () =>
      withRig(scenes.freeFloor, async (rig) => {
        const motion = rig.driver.forward(100);
        rig.driver.stop();
        await settle(rig.driver, motion, 0.1);
      }));
  });
}
