/**
 * The TCS34725 colour sensor, a model on the emulated I2C bus at the kit's address: it sees the
 * held item's colour, or the floor under the sensor (black off the table), as raw counts that grow
 * linearly with each channel and give `DEFAULT_WHITE` on the arena's white (so the calibration's
 * white reference, measured on the twin's white floor, works as on paper), with 1 % noise (seeded).
 */
import { DEFAULT_WHITE, createTcs34725 } from "../../firmware-bridge/index.ts";
import { PALETTE } from "../../simulator/index.ts";
import type { TwinPart, TwinWiring } from "./part.ts";

const NOISE = 0.01;

export function colorSensorPart({ world, board, kit }: TwinWiring): TwinPart | null {
  if (!kit.colorSensor) return null;
  const white = PALETTE.white;
  const model = createTcs34725();
  model.setColor(() => {
    const robot = world.robot;
    let rgb: readonly [number, number, number];
    if (robot.held) rgb = robot.held.entry.colors.main;
    else rgb = world.floor.colorAt(robot.toWorld(world.kit.colorSensor))?.rgb ?? [0, 0, 0];
    const share = [rgb[0] / white[0], rgb[1] / white[1], rgb[2] / white[2]] as const;
    const noisy = (value: number) => value * (1 + world.random.gaussian(NOISE));
    return {
      c: noisy(((share[0] + share[1] + share[2]) / 3) * DEFAULT_WHITE[0]),
      r: noisy(share[0] * DEFAULT_WHITE[1]),
      g: noisy(share[1] * DEFAULT_WHITE[2]),
      b: noisy(share[2] * DEFAULT_WHITE[3]),
    };
  });
  const detach = board.attachI2cDevice(kit.colorSensor.address, model);
  return { detach };
}
