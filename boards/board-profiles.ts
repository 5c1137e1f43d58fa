/**
 * The boards we support, as data: Arduino Uno, Nano (new optiboot bootloader and the old one),
 * Mega 2560. Pin capabilities follow the ATmega328P / ATmega2560 datasheets and the Arduino pin
 * maps; USB ids are the ones serialport reports for genuine boards and common clones.
 */
import {
  boardSchema,
  PROFILE_SCHEMA_VERSION,
  type BoardProfile,
  type PinProfile,
} from "./schema.ts";

interface PinSpec {
  pwm?: readonly number[];
  interrupt?: readonly number[];
  sda: number;
  scl: number;
}

function digitalPins(count: number, spec: PinSpec): PinProfile[] {
  return Array.from({ length: count }, (_, n) => ({
    name: `D${n}`,
    number: n,
    digital: true,
    pwm: spec.pwm?.includes(n) ?? false,
    analogChannel: null,
    interrupt: spec.interrupt?.includes(n) ?? false,
    i2c: n === spec.sda ? "SDA" : n === spec.scl ? "SCL" : null,
    usbSerial: n === 0 ? "RX" : n === 1 ? "TX" : null,
  }));
}

/** Analog pins A0..A(count-1) from Firmata pin `first`; `digitalUpTo` of them also work as digital. */
function analogPins(
  first: number,
  count: number,
  digitalUpTo: number,
  i2c: { sda?: number; scl?: number } = {},
): PinProfile[] {
  return Array.from({ length: count }, (_, ch) => ({
    name: `A${ch}`,
    number: first + ch,
    digital: ch < digitalUpTo,
    pwm: false,
    analogChannel: ch,
    interrupt: false,
    i2c: ch === i2c.sda ? "SDA" : ch === i2c.scl ? "SCL" : null,
    usbSerial: null,
  }));
}

const UNO_PWM = [3, 5, 6, 9, 10, 11];
/** The 328P's SDA/SCL are not digital pins 0..13: they are A4/A5, marked below. */
const NO_I2C_ON_DIGITAL = { sda: -1, scl: -1 };

const GENUINE_UNO = [
  {
    vendorId: "2341",
    productId: "0043",
    chip: "atmega16u2",
    genuine: true,
    label: "Arduino Uno R3",
  },
  { vendorId: "2341", productId: "0001", chip: "atmega8u2", genuine: true, label: "Arduino Uno" },
  {
    vendorId: "2a03",
    productId: "0043",
    chip: "atmega16u2",
    genuine: true,
    label: "Arduino Uno (arduino.org)",
  },
] as const;
const CLONES = [
  { vendorId: "1a86", productId: "7523", chip: "ch340", genuine: false, label: "CH340" },
  { vendorId: "0403", productId: "6001", chip: "ft232", genuine: false, label: "FTDI FT232" },
  { vendorId: "10c4", productId: "ea60", chip: "cp2102", genuine: false, label: "CP2102" },
] as const;

const ATMEGA328P_PINS: PinProfile[] = [
  ...digitalPins(14, { pwm: UNO_PWM, interrupt: [2, 3], ...NO_I2C_ON_DIGITAL }),
  ...analogPins(14, 6, 6, { sda: 4, scl: 5 }),
];

const uno = {
  schemaVersion: PROFILE_SCHEMA_VERSION,
  id: "uno",
  aliases: ["arduino-uno", "uno-r3", "genuino-uno"],
  revision: 1,
  name: { fr: "Arduino Uno", en: "Arduino Uno" },
  mcu: "atmega328p",
  clockHz: 16_000_000,
  flashBytes: 32_768,
  firmataBaud: 57_600,
  bootloader: { name: "optiboot", protocol: "stk500v1", baud: 115_200 },
  usb: [...GENUINE_UNO, ...CLONES],
  pins: ATMEGA328P_PINS,
};

/** Nano: the 328P pins plus A6/A7, which are analog inputs only. */
const NANO_PINS: PinProfile[] = [
  ...digitalPins(14, { pwm: UNO_PWM, interrupt: [2, 3], ...NO_I2C_ON_DIGITAL }),
  ...analogPins(14, 8, 6, { sda: 4, scl: 5 }),
];
/** Nano clones speak through a CH340 (most) or an FT232 (the original Nano 3.0). */
const NANO_USB = [
  {
    vendorId: "0403",
    productId: "6001",
    chip: "ft232",
    genuine: true,
    label: "Arduino Nano (FT232)",
  },
  { vendorId: "1a86", productId: "7523", chip: "ch340", genuine: false, label: "CH340" },
  { vendorId: "10c4", productId: "ea60", chip: "cp2102", genuine: false, label: "CP2102" },
] as const;

const nano = {
  schemaVersion: PROFILE_SCHEMA_VERSION,
  id: "nano",
  aliases: ["arduino-nano", "nano-new", "atmega328"],
  revision: 1,
  name: { fr: "Arduino Nano", en: "Arduino Nano" },
  mcu: "atmega328p",
  clockHz: 16_000_000,
  flashBytes: 32_768,
  firmataBaud: 57_600,
  bootloader: { name: "optiboot", protocol: "stk500v1", baud: 115_200 },
  usb: NANO_USB,
  pins: NANO_PINS,
};

const nanoOld = {
  ...nano,
  id: "nano-old",
  /** `atmega328old` is the Arduino IDE's name for it ("ATmega328P (Old Bootloader)"). */
  aliases: ["old-nano", "nano-old-bootloader", "atmega328old"],
  name: {
    fr: "Arduino Nano (ancien bootloader)",
    en: "Arduino Nano (old bootloader)",
  },
  /** The ATmegaBOOT bootloader of older Nanos and many clones: same protocol, half the speed. */
  bootloader: { name: "atmegaboot", protocol: "stk500v1", baud: 57_600 },
};

const MEGA_PWM = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 44, 45, 46];
const mega = {
  schemaVersion: PROFILE_SCHEMA_VERSION,
  id: "mega2560",
  aliases: ["mega", "mega-2560", "arduino-mega", "arduino-mega-2560", "atmega2560"],
  revision: 1,
  name: { fr: "Arduino Mega 2560", en: "Arduino Mega 2560" },
  mcu: "atmega2560",
  clockHz: 16_000_000,
  flashBytes: 262_144,
  firmataBaud: 57_600,
  bootloader: { name: "stk500v2 (wiring)", protocol: "stk500v2", baud: 115_200 },
  usb: [
    {
      vendorId: "2341",
      productId: "0042",
      chip: "atmega16u2",
      genuine: true,
      label: "Arduino Mega 2560 R3",
    },
    {
      vendorId: "2341",
      productId: "0010",
      chip: "atmega8u2",
      genuine: true,
      label: "Arduino Mega 2560",
    },
    {
      vendorId: "2a03",
      productId: "0042",
      chip: "atmega16u2",
      genuine: true,
      label: "Arduino Mega 2560 (arduino.org)",
    },
    ...CLONES,
  ],
  pins: [
    ...digitalPins(54, { pwm: MEGA_PWM, interrupt: [2, 3, 18, 19, 20, 21], sda: 20, scl: 21 }),
    ...analogPins(54, 16, 16),
  ],
};

/** Every board profile, checked by the schema when this module loads. */
export const BOARDS: readonly BoardProfile[] = [uno, nano, nanoOld, mega].map((board) =>
  boardSchema.parse(board),
);

/**
 * A board by its id or a name people use for it (`mega`, `Arduino Mega 2560`, `old_nano`): case,
 * spaces and underscores do not matter.
 */
export function findBoard(id: string): BoardProfile | undefined {
  const name = id
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  const names = (board: BoardProfile) => [board.id, ...(board.aliases ?? [])];
  return BOARDS.find((board) => names(board).includes(name));
}

/** The pin of `board` called `name` ("D5", "A0"), or undefined. */
export function findPin(board: BoardProfile, name: string): PinProfile | undefined {
  return board.pins.find((pin) => pin.name === name);
}
