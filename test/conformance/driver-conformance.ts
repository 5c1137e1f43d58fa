/**
 * The conformance suite of the Robot API: what any `RobotDriver` (the simulated robot, a board)
 * must do, within tolerances a pupil can rely on. A driver under test gives one factory per scene
 * (each scene also says how to measure the robot's true position and heading) and the tolerances
 * it meets: `SIM_TOLERANCES` are the simulated robot's; a driver held to looser ones says by how
 * much and why (`ConformanceTolerances.why`), and the test names carry the figures.
 *
 * Usage, in a `*.test.ts`: `driverConformance("SimRobot", scenes, SIM_TOLERANCES)`. With
 * `ROBOTYC_CONFORMANCE_FIGURES=<file>`, each driver's measured figures are appended to the file
 * as one JSON line (the conformance table of the docs).
 */
import { appendFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { RobotDriver } from "../../runtime/index.ts";
import { BENT_LINE } from "./scenes.ts";

export interface ConformanceRig {
  driver: RobotDriver;
  /** The robot's true position on the floor, cm (the scenes' arena frame). */
  position(): { x: number; y: number };
  /** The robot's true heading, degrees, clockwise (any fixed zero). */
  heading(): number;
  /** Pulls the USB cable (drivers with a link to a board). */
  cutLink?(): void;
  dispose?(): void | Promise<void>;
}

/** Scenes, all with the robot on a flat floor at `START`, facing east (scenes.ts). */
export interface ConformanceScenes {
  /** Nothing within 100 cm. */
  freeFloor(): Promise<ConformanceRig>;
  /** A wall across the robot's path, `cm` in front of the ultrasonic sensor. */
  wallAhead(cm: number): Promise<ConformanceRig>;
  /** A black line 2 cm wide under the robot, along its heading, centred under the middle sensor. */
  blackLine(): Promise<ConformanceRig>;
  /** The same line, bending 30° to the right 50 cm ahead (`BENT_LINE`). */
  bentLine(): Promise<ConformanceRig>;
  /** A small item (a can) standing between the open gripper jaws. */
  itemAtGripper(): Promise<ConformanceRig>;
  /** Whether the rigs have a link to a board that `cutLink` can pull. */
  hasLink?: boolean;
}

/** What a driver is held to. */
export interface ConformanceTolerances {
  /** forward(20): the distance driven, ± cm. */
  forwardCm: number;
  /** forward(20) then forward(-20): back at the start within this (cm). */
  returnCm: number;
  /** turn(90), then turn(-90) back: ± degrees of the true heading. */
  turnDegrees: number;
  /** heading() after turn(45): ± degrees. */
  headingDegrees: number;
  /** distance() to a wall 30 cm ahead: ± cm. */
  distanceCm: number;
  /** Driving at a wall until distance() ≤ 15, then stop(): stops 15 cm ± this from the wall. */
  stopAtWallCm: number;
  /** Following the bent line: the sensors stay this close to it (cm). */
  lineFollowCm: number;
  /** A motion against a wall resolves within this many seconds (blocked, or done). */
  blockedSeconds: number;
  /** Why a figure is looser than the simulated robot's. */
  why?: Partial<Record<Exclude<keyof ConformanceTolerances, "why">, string>>;
}

/** The simulated robot's tolerances (encoders, gyroscope, the reference). */
export const SIM_TOLERANCES: ConformanceTolerances = {
  forwardCm: 1,
  returnCm: 1.5,
  turnDegrees: 3,
  headingDegrees: 3,
  distanceCm: 2,
  stopAtWallCm: 2,
  lineFollowCm: 2,
  blockedSeconds: 3.5,
};

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
const gap = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.hypot(b.x - a.x, b.y - a.y);

/** Distance from a point to a polyline. */
function toPolyline(p: { x: number; y: number }, points: { x: number; y: number }[]): number {
  let best = Infinity;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)));
  }
  return best;
}

export function driverConformance(
  name: string,
  scenes: ConformanceScenes,
  t: ConformanceTolerances,
): void {
  /** The tolerance, and why it is looser than the simulated robot's. */
  const said = (key: Exclude<keyof ConformanceTolerances, "why">, unit: string) =>
    `± ${t[key]} ${unit}${t.why?.[key] ? ` (${t.why[key]})` : ""}`;

  /** What each test measured, worst case: the conformance table's figures. */
  const figures: Record<string, number> = {};
  const measured = (key: string, value: number) => {
    figures[key] = Math.max(figures[key] ?? 0, Math.round(value * 100) / 100);
    return value;
  };

  describe(`RobotDriver conformance: ${name}`, () => {
    afterAll(() => {
      const file = process.env.ROBOTYC_CONFORMANCE_FIGURES;
      if (file) appendFileSync(file, JSON.stringify({ driver: name, figures }) + "\n");
    });

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

    it(`forward(20) moves 20 cm ${said("forwardCm", "cm")}, and back within ${t.returnCm} cm`, () =>
      withRig(scenes.freeFloor, async (rig) => {
        const a = rig.position();
        await settle(rig.driver, rig.driver.forward(20));
        await settle(rig.driver, rig.driver.wait(0.3));
        const b = rig.position();
        expect(measured("forwardCm", Math.abs(gap(a, b) - 20))).toBeLessThanOrEqual(t.forwardCm);
        await settle(rig.driver, rig.driver.forward(-20));
        await settle(rig.driver, rig.driver.wait(0.3));
        expect(measured("returnCm", gap(a, rig.position()))).toBeLessThan(t.returnCm);
      }));

    it(`turn(90) turns 90° ${said("turnDegrees", "°")} clockwise, turn(-90) back`, () =>
      withRig(scenes.freeFloor, async (rig) => {
        const h0 = rig.heading();
        await settle(rig.driver, rig.driver.turn(90));
        await settle(rig.driver, rig.driver.wait(0.3));
        expect(
          measured("turnDegrees", Math.abs(angleDiff(rig.heading(), h0 + 90))),
        ).toBeLessThanOrEqual(t.turnDegrees);
        await settle(rig.driver, rig.driver.turn(-90));
        await settle(rig.driver, rig.driver.wait(0.3));
        expect(measured("turnDegrees", Math.abs(angleDiff(rig.heading(), h0)))).toBeLessThanOrEqual(
          t.turnDegrees,
        );
      }));

    it(`short motions that never reach full speed: forward(2) ${said("forwardCm", "cm")}, turn(10) ${said("turnDegrees", "°")}`, () =>
      withRig(scenes.freeFloor, async (rig) => {
        const a = rig.position();
        await settle(rig.driver, rig.driver.forward(2));
        await settle(rig.driver, rig.driver.wait(0.3));
        const moved = gap(a, rig.position());
        expect(measured("shortForwardCm", Math.abs(moved - 2))).toBeLessThanOrEqual(t.forwardCm);
        const h0 = rig.heading();
        await settle(rig.driver, rig.driver.turn(10));
        await settle(rig.driver, rig.driver.wait(0.3));
        const turned = angleDiff(rig.heading(), h0);
        expect(measured("shortTurnDegrees", Math.abs(turned - 10))).toBeLessThanOrEqual(
          t.turnDegrees,
        );
      }));

    it(`heading() follows a turn: its change is the true one ${said("headingDegrees", "°")}`, () =>
      withRig(scenes.freeFloor, async (rig) => {
        const before = rig.driver.heading();
        const truth = rig.heading();
        await settle(rig.driver, rig.driver.turn(45));
        await settle(rig.driver, rig.driver.wait(0.3));
        const said = angleDiff(rig.driver.heading(), before);
        const error = Math.abs(said - angleDiff(rig.heading(), truth));
        expect(measured("headingDegrees", error)).toBeLessThanOrEqual(t.headingDegrees);
      }));

    it(`distance() to a wall 30 cm ahead reads 30 ${said("distanceCm", "cm")}; nothing ahead reads 400`, async () => {
      await withRig(
        () => scenes.wallAhead(30),
        async (rig) => {
          for (let i = 0; i < 5; i++) {
            const error = Math.abs(rig.driver.distance() - 30);
            expect(measured("distanceCm", error)).toBeLessThanOrEqual(t.distanceCm);
            await settle(rig.driver, rig.driver.wait(0.1));
          }
          const a = rig.position();
          await settle(rig.driver, rig.driver.forward(10));
          await settle(rig.driver, rig.driver.wait(0.2));
          const truth = 30 - gap(a, rig.position());
          const error = Math.abs(rig.driver.distance() - truth);
          expect(measured("distanceCm", error)).toBeLessThanOrEqual(t.distanceCm);
        },
      );
      await withRig(scenes.freeFloor, async (rig) => {
        expect(rig.driver.distance()).toBe(400);
      });
    });

    it(`driving at a wall until distance() ≤ 15 stops 15 cm ${said("stopAtWallCm", "cm")} from it`, () =>
      withRig(
        () => scenes.wallAhead(45),
        async (rig) => {
          const a = rig.position();
          const start = rig.driver.time();
          rig.driver.setMotors(40, 40);
          while (rig.driver.distance() > 15 && rig.driver.time() - start < 10) {
            // polling, as a pupil's `while` loop does
          }
          rig.driver.stop();
          await settle(rig.driver, rig.driver.wait(0.5));
          const left = 45 - gap(a, rig.position());
          expect(measured("stopAtWallCm", Math.abs(left - 15))).toBeLessThanOrEqual(t.stopAtWallCm);
        },
      ));

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

    it(`follows a line through a 30° bend, the sensors within ${said("lineFollowCm", "cm")} of it`, () =>
      withRig(scenes.bentLine, async (rig) => {
        const { driver } = rig;
        const start = driver.time();
        let worst = 0;
        while (driver.time() - start < 6) {
          const seen = driver.line();
          if (seen.left && !seen.right) driver.setMotors(10, 35);
          else if (seen.right && !seen.left) driver.setMotors(35, 10);
          else if (seen.center) driver.setMotors(35, 35);
          await settle(driver, driver.wait(0.02));
          // The middle sensor is 11 cm ahead of the axle, on the robot's heading.
          const p = rig.position();
          const h = (rig.heading() * Math.PI) / 180;
          const sensor = { x: p.x + 11 * Math.cos(h), y: p.y - 11 * Math.sin(h) };
          worst = Math.max(worst, toPolyline(sensor, BENT_LINE));
        }
        driver.stop();
        expect(measured("lineFollowCm", worst)).toBeLessThanOrEqual(t.lineFollowCm);
        // Past the bend, on the second leg.
        expect(rig.position().x).toBeGreaterThan(BENT_LINE[1]!.x + 10);
      }));

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

    it(`a motion against a wall resolves after 1 s blocked, at most ${t.blockedSeconds} s${t.why?.blockedSeconds ? ` (${t.why.blockedSeconds})` : ""}`, () =>
      withRig(
        () => scenes.wallAhead(10),
        async (rig) => {
          const a = rig.position();
          const t0 = rig.driver.time();
          await settle(rig.driver, rig.driver.forward(100));
          const elapsed = rig.driver.time() - t0;
          // The robot drives the few cm to the wall, then stays blocked for 1 s.
          expect(gap(a, rig.position())).toBeLessThan(12);
          expect(elapsed).toBeGreaterThanOrEqual(1);
          expect(measured("blockedSeconds", elapsed)).toBeLessThan(t.blockedSeconds);
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

    // Only a driver with a link to a board can lose it; the simulated robot has none.
    it.runIf(scenes.hasLink === true)(
      "a cut link: the firmware's failsafe stops the wheels within 0.9 s",
      () =>
        withRig(scenes.freeFloor, async (rig) => {
          rig.driver.setMotors(50, 50);
          await settle(rig.driver, rig.driver.wait(0.5));
          const a = rig.position();
          rig.cutLink!();
          await settle(rig.driver, rig.driver.wait(0.9));
          const b = rig.position();
          await settle(rig.driver, rig.driver.wait(0.5));
          // It drove on while the firmware waited for the silent host, then stood still.
          expect(gap(a, b)).toBeGreaterThan(2);
          expect(gap(b, rig.position())).toBeLessThan(0.2);
        }),
    );
  });
}
