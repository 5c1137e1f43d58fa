/**
 * Robot kits, as data: which parts a kit has and how they are wired to its board.
 */
import { TWO_WD_GEOMETRY } from "./kit-geometry.ts";
import { kitSchema, PROFILE_SCHEMA_VERSION, type KitProfile } from "./schema.ts";

/**
 * The default "2WD kit" on an Arduino Uno: two DC motors on an L298N, an HC-SR04 at the front
 * (trigger and echo tied to one pin), three IR line modules on A0..A2, an SG90 gripper servo on
 * D10, a TCS34725 colour sensor on the I2C bus (A4/A5).
 */
const twoWdKit = {
  schemaVersion: PROFILE_SCHEMA_VERSION,
  id: "2wd-kit",
  revision: 1,
  name: { fr: "Kit 2 roues motrices", en: "2WD kit" },
  board: "uno",
  geometry: TWO_WD_GEOMETRY,
  motors: {
    driver: "L298N",
    left: { pwm: "D5", in1: "D4", in2: "D7" },
    right: { pwm: "D6", in1: "D8", in2: "D9" },
    standby: null,
  },
  ultrasonic: { model: "HC-SR04", trig: "D12", echo: "D12" },
  lineSensors: { mode: "analog", left: "A0", center: "A1", right: "A2", threshold: 512 },
  gripper: { model: "SG90", signal: "D10", openDegrees: 20, closedDegrees: 110 },
  colorSensor: { model: "TCS34725", address: 0x29, sda: "A4", scl: "A5" },
};

/** The same kit with a TB6612FNG driver instead of the L298N (STBY on D11). */
const twoWdKitTb6612 = {
  ...twoWdKit,
  id: "2wd-kit-tb6612",
  name: { fr: "Kit 2 roues motrices (TB6612)", en: "2WD kit (TB6612)" },
  motors: { ...twoWdKit.motors, driver: "TB6612", standby: "D11" },
};

export const KITS: readonly KitProfile[] = [twoWdKit, twoWdKitTb6612].map((kit) =>
  kitSchema.parse(kit),
);

export function findKit(id: string): KitProfile | undefined {
  return KITS.find((kit) => kit.id === id);
}
