/**
 * Native pilots for simulator tests and benchmarks: TypeScript functions that drive a RobotDriver
 * the way the sandbox does (timed calls, then advance() until they settle), without QuickJS.
 */
import type { RobotDriver } from "../../runtime/index.ts";
import type { Pilot, PilotResult } from "../../simulator/index.ts";
import { NotSettled, settle } from "../conformance/driver-conformance.ts";

/** Waits for a timed call the way the sandbox's host does; throws NotSettled at the time limit. */
export function drive<T>(d: RobotDriver, promise: Promise<T>, maxTime: number): Promise<T> {
  return settle(d, promise, maxTime - d.time());
}

/** Turns a driving function into a pilot: a time-up is a timeout, a throw is an error. */
export function pilot(body: (d: RobotDriver, maxTime: number) => Promise<void>): Pilot {
  return async (d, maxTime): Promise<PilotResult> => {
    try {
      await body(d, maxTime);
      return { outcome: "finished" };
    } catch (error) {
      if (error instanceof NotSettled) return { outcome: "timeout" };
      throw error;
    }
  };
}

/** Keeps moving and reading every sensor: forward, turn away from what is close, grab and release. */
export const wanderer = pilot(async (d, maxTime) => {
  let n = 0;
  while (d.time() < maxTime) {
    n++;
    const near = d.distance() < 25;
    d.line();
    d.color();
    d.heading();
    if (near) await drive(d, d.turn(n % 2 ? 70 : -110), maxTime);
    else await drive(d, d.forward(12), maxTime);
    if (n % 7 === 0) {
      await drive(d, d.grab(), maxTime);
      await drive(d, d.release(), maxTime);
    }
    // A polling loop: sensor reads alone let the world move.
    d.setMotors(30, 30);
    for (let i = 0; i < 50 && d.time() < maxTime; i++) if (d.distance() < 20) break;
    d.stop();
  }
  throw new NotSettled();
});
