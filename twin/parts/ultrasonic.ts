/**
 * The HC-SR04: when the firmware triggers a ping, the emulator's model asks this part how far the
 * obstacle is and answers with an echo timed in CPU cycles. The distance is the simulated
 * sensor's cone of rays, with the item held between the jaws in it (a real module hears it), the
 * same noise as the simulated sensor (σ 0.3 cm, seeded), kept within the module's 2..400 cm.
 */
import { Sensors } from "../../simulator/index.ts";
import type { TwinPart, TwinWiring } from "./part.ts";

const NOISE_CM = 0.3;

export function ultrasonicPart({ world, board, kit, pin }: TwinWiring): TwinPart | null {
  if (!kit.ultrasonic) return null;
  const sensors = new Sensors(world);
  const { minCm, maxCm } = world.kit.ultrasonic;
  const detach = board.attachHcSr04({
    trig: pin(kit.ultrasonic.trig),
    echo: pin(kit.ultrasonic.echo),
    distanceCm: () => {
      const exact = sensors.coneDistance(true);
      if (exact === null || exact > maxCm) return undefined;
      return Math.max(minCm, Math.min(maxCm, exact + world.random.gaussian(NOISE_CM)));
    },
  });
  return { detach };
}
