/**
 * The TCS34725 colour sensor on the I2C bus: check its id, power it on, 24 ms integration,
 * gain 4x, then read the four channels continuously. A missing sensor (no answer, wrong id)
 * makes the part unavailable, with the wiring to check.
 */
import type { KitProfile } from "../../../boards/index.ts";
import { LocalizedError } from "../../../runtime/engine.ts";
import type { FirmataIo } from "../../emulator/johnny-five.ts";
import { HOST_MESSAGES } from "../messages.ts";
import type { ComponentContext, KitComponent } from "./component.ts";

const TCS_COMMAND = 0x80;
const TCS_AUTO_INCREMENT = 0x20;
const TCS_ENABLE = 0x00;
const TCS_ATIME = 0x01;
const TCS_CONTROL = 0x0f;
const TCS_ID = 0x12;
const TCS_CDATAL = 0x14;
const TCS_ATIME_24MS = 0xf6;
const TCS_GAIN_4X = 0x01;
const TCS_PON_AEN = 0x03;
/** The ids of the TCS34725 and TCS34727. */
const TCS_IDS = [0x44, 0x4d];

async function start(
  io: FirmataIo,
  sensor: NonNullable<KitProfile["colorSensor"]>,
  { samples, sampled }: ComponentContext,
): Promise<LocalizedError | null> {
  const address = sensor.address;
  io.i2cConfig({ delay: 0 });
  const readOnce = (register: number, count: number) =>
    new Promise<number[] | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 1000);
      io.i2cReadOnce(address, TCS_COMMAND | register, count, (bytes) => {
        clearTimeout(timer);
        resolve(bytes);
      });
    });
  const id = (await readOnce(TCS_ID, 1))?.[0];
  if (id === undefined || !TCS_IDS.includes(id)) {
    return new LocalizedError(HOST_MESSAGES.colorSensorMissing, {
      address: `0x${address.toString(16)}`,
      sda: sensor.sda,
      scl: sensor.scl,
    });
  }
  // Configure, then read the settings back: a write lost on the way would leave the sensor
  // at 2.4 ms integration, saturating at 1024 counts.
  for (let attempt = 0; attempt < 3; attempt++) {
    io.i2cWrite(address, TCS_COMMAND | TCS_ATIME, [TCS_ATIME_24MS]);
    io.i2cWrite(address, TCS_COMMAND | TCS_CONTROL, [TCS_GAIN_4X]);
    io.i2cWrite(address, TCS_COMMAND | TCS_ENABLE, [TCS_PON_AEN]);
    const enable = (await readOnce(TCS_ENABLE, 1))?.[0];
    const atime = (await readOnce(TCS_ATIME, 1))?.[0];
    const gain = (await readOnce(TCS_CONTROL, 1))?.[0];
    if (enable === TCS_PON_AEN && atime === TCS_ATIME_24MS && gain === TCS_GAIN_4X) break;
  }
  const read = io as unknown as {
    i2cRead(a: number, r: number, n: number, cb: (bytes: number[]) => void): void;
  };
  read.i2cRead(address, TCS_COMMAND | TCS_AUTO_INCREMENT | TCS_CDATAL, 8, (bytes) => {
    const word = (i: number) => (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8);
    samples.rgbc = [word(0), word(2), word(4), word(6)];
    samples.colorSeq++;
    sampled("color");
  });
  return null;
}

export const colorSensor: KitComponent = {
  async setUp(context) {
    const { kit, io, hardware } = context;
    if (!kit.colorSensor) return;
    const error = await start(io, kit.colorSensor, context);
    if (error) hardware.unavailable.set("colorSensor", error);
  },
};
