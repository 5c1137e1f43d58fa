/**
 * Board and kit profiles are data, checked by these zod schemas. `schemaVersion` is the version of
 * the profile format; `revision` is the version of one profile's content.
 */
import { z } from "zod";
import type { KitGeometry } from "./kit-geometry.ts";

export const PROFILE_SCHEMA_VERSION = 1;

export const localizedSchema = z.object({ fr: z.string().min(1), en: z.string().min(1) });

/** A USB id as 4 lowercase hex digits, the way serialport reports it. */
const usbId = z.string().regex(/^[0-9a-f]{4}$/, "4 lowercase hex digits");

export const pinSchema = z.object({
  /** The name printed on the board: "D5", "A0". */
  name: z.string().regex(/^[DA]\d{1,2}$/),
  /** The Firmata pin number (A0 is 14 on an Uno, 54 on a Mega). */
  number: z.number().int().min(0).max(127),
  digital: z.boolean(),
  pwm: z.boolean(),
  /** ADC channel, or null for a digital-only pin. */
  analogChannel: z.number().int().min(0).max(15).nullable(),
  interrupt: z.boolean(),
  i2c: z.enum(["SDA", "SCL"]).nullable(),
  /** Hardware serial 0, used by the USB link: the Firmata link owns these pins. */
  usbSerial: z.enum(["RX", "TX"]).nullable(),
});
export type PinProfile = z.infer<typeof pinSchema>;

export const USB_CHIPS = ["atmega16u2", "atmega8u2", "ch340", "ft232", "cp2102"] as const;

export const usbAdapterSchema = z.object({
  vendorId: usbId,
  productId: usbId,
  chip: z.enum(USB_CHIPS),
  /** Made by Arduino (true) or a clone's USB-serial chip (false). */
  genuine: z.boolean(),
  label: z.string().min(1),
});
export type UsbAdapter = z.infer<typeof usbAdapterSchema>;

export const bootloaderSchema = z.object({
  name: z.string().min(1),
  protocol: z.enum(["stk500v1", "stk500v2"]),
  baud: z.number().int().positive(),
});

export const boardSchema = z.object({
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Other names people give this board (`mega` for `mega2560`); `findBoard` takes them too. */
  aliases: z.array(z.string().regex(/^[a-z0-9-]+$/)).optional(),
  revision: z.number().int().positive(),
  name: localizedSchema,
  mcu: z.enum(["atmega328p", "atmega2560"]),
  clockHz: z.number().int().positive(),
  flashBytes: z.number().int().positive(),
  /** Serial speed of the Firmata link. */
  firmataBaud: z.number().int().positive(),
  bootloader: bootloaderSchema,
  usb: z.array(usbAdapterSchema).min(1),
  pins: z.array(pinSchema).min(1),
});
export type BoardProfile = z.infer<typeof boardSchema>;

const pinName = z.string().regex(/^[DA]\d{1,2}$/, 'a board pin name such as "D5" or "A0"');

export const motorSchema = z.object({
  /** PWM speed input of the driver channel (ENA/ENB on an L298N, PWMA/PWMB on a TB6612). */
  pwm: pinName,
  /** The two direction inputs (IN1/IN2, AIN1/AIN2). */
  in1: pinName,
  in2: pinName,
  /** Swap forward and backward, for a motor mounted mirrored. */
  reversed: z.boolean().default(false),
});

const point3 = z.object({ x: z.number(), y: z.number(), z: z.number() });
const positive = z.number().positive();

/** The zod form of `KitGeometry` (kit-geometry.ts), so a kit's geometry is checked with it. */
export const kitGeometrySchema: z.ZodType<KitGeometry> = z.object({
  wheelbase: positive,
  wheelRadius: positive,
  chassis: z.object({
    length: positive,
    width: positive,
    height: positive,
    rearOverhang: z.number().min(0),
  }),
  mass: positive,
  maxWheelSpeed: positive,
  maxAcceleration: positive,
  ultrasonic: point3.extend({ coneDegrees: positive, minCm: positive, maxCm: positive }),
  lineSensors: z.object({ left: point3, center: point3, right: point3 }),
  colorSensor: point3,
  gripper: z.object({
    holdPoint: point3,
    openWidth: positive,
    closedWidth: z.number().min(0),
    closeSeconds: positive,
  }),
});

export const kitSchema = z.object({
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  id: z.string().regex(/^[a-z0-9-]+$/),
  revision: z.number().int().positive(),
  name: localizedSchema,
  /** The board this wiring is written for. */
  board: z.string(),
  geometry: kitGeometrySchema,
  motors: z
    .object({
      driver: z.enum(["L298N", "TB6612"]),
      left: motorSchema,
      right: motorSchema,
      /** TB6612 only: the STBY pin, held high while the program runs. */
      standby: pinName.nullable().default(null),
    })
    .nullable(),
  ultrasonic: z
    .object({
      model: z.literal("HC-SR04"),
      /** Trigger and echo share one pin (the ping protocol Johnny-Five speaks). */
      trig: pinName,
      echo: pinName,
    })
    .nullable(),
  lineSensors: z
    .object({
      mode: z.enum(["digital", "analog"]),
      left: pinName,
      center: pinName,
      right: pinName,
      /** Analog mode: a reading at or above this (0..1023) means the line. */
      threshold: z.number().int().min(1).max(1022).default(512),
      /** Whether the module's output is high over a dark line (TCRT5000 modules: yes). */
      darkIsHigh: z.boolean().default(true),
    })
    .nullable(),
  gripper: z
    .object({
      model: z.literal("SG90"),
      signal: pinName,
      openDegrees: z.number().min(0).max(180),
      closedDegrees: z.number().min(0).max(180),
    })
    .nullable(),
  colorSensor: z
    .object({
      model: z.literal("TCS34725"),
      address: z.number().int().min(0x08).max(0x77),
      sda: pinName,
      scl: pinName,
    })
    .nullable(),
});
export type KitProfile = z.infer<typeof kitSchema>;
export type KitProfileInput = z.input<typeof kitSchema>;
