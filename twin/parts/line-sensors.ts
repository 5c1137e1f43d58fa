/**
 * The three IR line modules (TCRT5000 type): the floor under each sensor → the module's output.
 * The phototransistor's current follows the infrared the floor reflects (its luminance); the
 * module's analog output falls from 5 V with it, scaled so that the kit's threshold sits where
 * the simulated sensor's `isDark` boundary does (luminance 70): both drivers see the same lines.
 * A digital module gives its comparator's level. Off the table nothing comes back: dark. The IR
 * spot wanders a little (seeded), as under `SimRobot`, so a sensor right on an edge flickers.
 */
import { findPin } from "../../boards/index.ts";
import type { TwinPart, TwinWiring } from "./part.ts";

/** The luminance `isDark` calls dark below (simulator/colors.ts). */
const DARK_LUMINANCE = 70;
const SUPPLY = 5;
/** What a module gives on the whitest floor (its transistor saturates). */
const SATURATED = 0.2;
const SPOT_WANDER_CM = 0.1;

export function lineSensorsPart({ world, board, kit, profile }: TwinWiring): TwinPart | null {
  const ls = kit.lineSensors;
  if (!ls) return null;
  const thresholdVolts = (ls.threshold / 1023) * SUPPLY;
  // V(luminance) = 5 V · (1 - luminance / full), with V(70) = the threshold voltage.
  const full = DARK_LUMINANCE / (1 - thresholdVolts / SUPPLY);
  const geometry = world.kit.lineSensors;
  const sensors = (["left", "center", "right"] as const).map((which) => ({
    at: geometry[which],
    pin: findPin(profile, ls[which])!,
  }));
  const luminanceUnder = (local: { x: number; y: number; z: number }): number => {
    const p = world.robot.toWorld(local);
    const c = world.floor.colorAt({
      x: p.x + world.random.gaussian(SPOT_WANDER_CM),
      y: p.y + world.random.gaussian(SPOT_WANDER_CM),
    });
    if (c === null) return 0;
    return 0.299 * c.rgb[0] + 0.587 * c.rgb[1] + 0.114 * c.rgb[2];
  };
  return {
    sense() {
      for (const { at, pin } of sensors) {
        const luminance = luminanceUnder(at);
        const darkVolts = Math.max(SATURATED, SUPPLY * (1 - luminance / full));
        if (ls.mode === "analog") {
          board.setAnalog(pin.analogChannel!, ls.darkIsHigh ? darkVolts : SUPPLY - darkVolts);
        } else {
          const dark = luminance < DARK_LUMINANCE;
          board.setDigital(pin.number, dark === ls.darkIsHigh ? 1 : 0);
        }
      }
    },
    detach() {
      if (ls.mode === "digital")
        for (const { pin } of sensors) board.setDigital(pin.number, undefined);
    },
  };
}
