/**
 * Native pilots for simulator tests and benchmarks: TypeScript functions that drive a RobotDriver
 * the way the sandbox does (timed calls, then advance() until they settle), without QuickJS.
 */
import type { RobotDriver } from "../../runtime/index.ts";
import type { Pilot, PilotResult } from "../../simulator/index.ts";

class TimeUp extends Error {}

/** Waits for a timed call the way the sandbox's host does; throws TimeUp at the time limit. */
export async function drive<T>(d: RobotDriver, promise: Promise<T>, maxTime: number): Promise<T> {
  let done = false;
  let value: T | undefined;
  let failure: unknown;
  promise.then(
    (v) => {
      done = true;
      value = v;
    },
    (e: unknown) => {
      done = true;
      failure = e;
    },
  );
  for (;;) {
    for (let i = 0; i < 3; i++) await Promise.resolve();
    if (done) break;
    if (d.time() >= maxTime) throw new TimeUp();
    await d.advance();
  }
  if (failure !== undefined) throw failure;
  return value as T;
}

/** Turns a driving function into a pilot: a time-up is a timeout, a throw is an error. */
export function pilot(body: (d: RobotDriver, maxTime: number) => Promise<void>): Pilot {
  return async (d, maxTime): Promise<PilotResult> => {
    try {
      await body(d, maxTime);
      return { outcome: "finished" };
    } catch (error) {
      if (error instanceof TimeUp) return { outcome: "timeout" };
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
  throw new TimeUp();
});
