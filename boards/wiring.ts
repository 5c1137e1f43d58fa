/**
 * A kit's wiring as a list of connections, and its validation against a board: pin conflicts and
 * impossible wiring (PWM on a pin without PWM, analog on a digital-only pin, I2C on the wrong pins,
 * parts on the USB serial pins), each with a localized message naming the pin.
 */
import { findBoard, findPin } from "./board-profiles.ts";
import { format, textIn, type Locale, type Localized, type MessageParams } from "../i18n/index.ts";
import type { BoardProfile, KitProfile, PinProfile } from "./schema.ts";

export type KitPartId =
  | "leftMotor"
  | "rightMotor"
  | "motorDriver"
  | "ultrasonic"
  | "lineLeft"
  | "lineCenter"
  | "lineRight"
  | "gripper"
  | "colorSensor";

export const PART_NAMES: Record<KitPartId, Localized> = {
  leftMotor: { fr: "moteur gauche", en: "left motor" },
  rightMotor: { fr: "moteur droit", en: "right motor" },
  motorDriver: { fr: "module moteurs", en: "motor driver" },
  ultrasonic: { fr: "capteur à ultrasons", en: "ultrasonic sensor" },
  lineLeft: { fr: "capteur de ligne gauche", en: "left line sensor" },
  lineCenter: { fr: "capteur de ligne central", en: "centre line sensor" },
  lineRight: { fr: "capteur de ligne droit", en: "right line sensor" },
  gripper: { fr: "servo de la pince", en: "gripper servo" },
  colorSensor: { fr: "capteur de couleur", en: "colour sensor" },
};

/** What a connection needs from the board pin. */
export type PinNeed = "digital" | "pwm" | "analog" | "sda" | "scl";

export interface Connection {
  part: KitPartId;
  /** The terminal on the part's module: "ENA", "IN1", "TRIG", "SDA", "OUT", "SIGNAL". */
  partPin: string;
  /** The board pin name: "D5", "A0". */
  boardPin: string;
  needs: PinNeed;
}

/** Every signal wire of a kit (power and ground wires are on the sheet, not in this list). */
export function connectionsOf(kit: KitProfile): Connection[] {
  const out: Connection[] = [];
  const add = (part: KitPartId, partPin: string, boardPin: string, needs: PinNeed) =>
    out.push({ part, partPin, boardPin, needs });
  if (kit.motors) {
    const tb = kit.motors.driver === "TB6612";
    const sides = [
      ["leftMotor", kit.motors.left, tb ? ["PWMA", "AIN1", "AIN2"] : ["ENA", "IN1", "IN2"]],
      ["rightMotor", kit.motors.right, tb ? ["PWMB", "BIN1", "BIN2"] : ["ENB", "IN3", "IN4"]],
    ] as const;
    for (const [part, motor, [pwm, in1, in2]] of sides) {
      add(part, pwm, motor.pwm, "pwm");
      add(part, in1, motor.in1, "digital");
      add(part, in2, motor.in2, "digital");
    }
    if (kit.motors.standby) add("motorDriver", "STBY", kit.motors.standby, "digital");
  }
  if (kit.ultrasonic) {
    add("ultrasonic", "TRIG", kit.ultrasonic.trig, "digital");
    add("ultrasonic", "ECHO", kit.ultrasonic.echo, "digital");
  }
  if (kit.lineSensors) {
    const need = kit.lineSensors.mode === "analog" ? "analog" : "digital";
    const partPin = kit.lineSensors.mode === "analog" ? "AO" : "DO";
    add("lineLeft", partPin, kit.lineSensors.left, need);
    add("lineCenter", partPin, kit.lineSensors.center, need);
    add("lineRight", partPin, kit.lineSensors.right, need);
  }
  if (kit.gripper) add("gripper", "SIGNAL", kit.gripper.signal, "digital");
  if (kit.colorSensor) {
    add("colorSensor", "SDA", kit.colorSensor.sda, "sda");
    add("colorSensor", "SCL", kit.colorSensor.scl, "scl");
  }
  return out;
}

export type WiringIssueCode =
  | "unknown-pin"
  | "pin-conflict"
  | "needs-pwm"
  | "needs-analog"
  | "needs-digital"
  | "wrong-i2c-pin"
  | "usb-serial-pin"
  | "board-mismatch";

export interface WiringIssue {
  code: WiringIssueCode;
  /** The board pin at fault ("" for the whole board). */
  pin: string;
  message: Localized;
  /** The connection at fault, and for a conflict the one wired to that pin before it. */
  connection?: Connection;
  other?: Connection;
  /** Other parameters of the message (pin lists, board names). */
  params: MessageParams;
}
const MESSAGES: Record<WiringIssueCode, Localized> = {
  "unknown-pin": {
    fr: "La broche {pin} n’existe pas sur la carte {board} ({part}, borne {partPin}).",
    en: "Pin {pin} does not exist on the {board} ({part}, terminal {partPin}).",
  },
  "pin-conflict": {
    fr: "La broche {pin} est branchée deux fois : {first} et {second}. Une broche ne sert qu’à une chose.",
    en: "Pin {pin} is wired twice: {first} and {second}. A pin can do only one job.",
  },
  "needs-pwm": {
    fr: "La borne {partPin} du {part} règle la vitesse : elle doit aller sur une broche PWM (~). La broche {pin} n’a pas de PWM ; broches PWM de la carte {board} : {choices}.",
    en: "Terminal {partPin} of the {part} sets the speed: it must go to a PWM pin (~). Pin {pin} has no PWM; PWM pins on the {board}: {choices}.",
  },
  "needs-analog": {
    fr: "Le {part} donne une tension (borne {partPin}) : il doit aller sur une entrée analogique. La broche {pin} est numérique seulement ; entrées analogiques : {choices}.",
    en: "The {part} gives a voltage (terminal {partPin}): it must go to an analog input. Pin {pin} is digital only; analog inputs: {choices}.",
  },
  "needs-digital": {
    fr: "La broche {pin} est une entrée analogique seulement : elle ne peut pas servir au {part} (borne {partPin}).",
    en: "Pin {pin} is an analog input only: it cannot serve the {part} (terminal {partPin}).",
  },
  "wrong-i2c-pin": {
    fr: "La borne {partPin} du {part} (bus I2C) doit aller sur la broche {choices} de la carte {board}, pas sur {pin}.",
    en: "Terminal {partPin} of the {part} (I2C bus) must go to pin {choices} on the {board}, not {pin}.",
  },
  "usb-serial-pin": {
    fr: "La broche {pin} porte la liaison USB avec l’ordinateur : n’y branche pas le {part} (borne {partPin}).",
    en: "Pin {pin} carries the USB link to the computer: do not wire the {part} (terminal {partPin}) to it.",
  },
  "board-mismatch": {
    fr: "Ce câblage est prévu pour la carte {expected}, pas pour {board} : les broches {pins} n’y ont pas le même rôle, vérifie-les.",
    en: "This wiring is written for the {expected}, not the {board}: pins {pins} do not do the same job there, check them.",
  },
};

/** Terminals of one part that may share a board pin (HC-SR04 trigger and echo on one pin). */
function mayShare(a: Connection, b: Connection): boolean {
  return a.part === "ultrasonic" && b.part === "ultrasonic";
}

function pinList(board: BoardProfile, keep: (pin: PinProfile) => boolean): string {
  return board.pins
    .filter(keep)
    .map((pin) => pin.name)
    .join(", ");
}

/**
 * Checks a kit's wiring on a board. Returns every problem found (empty: the wiring is possible).
 * Messages are localized and name the pin; `formatWiringIssue` renders one.
 */
export function validateKitWiring(kit: KitProfile, board: BoardProfile): WiringIssue[] {
  const issues: WiringIssue[] = [];
  const params = { board: board.name };
  const seen = new Map<string, Connection>();
  for (const c of connectionsOf(kit)) {
    const issue = (code: WiringIssueCode, extra: MessageParams = {}, other?: Connection) =>
      issues.push({
        code,
        pin: c.boardPin,
        message: MESSAGES[code],
        connection: c,
        other,
        params: { ...params, ...extra },
      });
    const pin = findPin(board, c.boardPin);
    if (!pin) {
      issue("unknown-pin");
      continue;
    }
    const earlier = seen.get(c.boardPin);
    if (earlier && !mayShare(earlier, c)) issue("pin-conflict", {}, earlier);
    if (!earlier) seen.set(c.boardPin, c);
    if (pin.usbSerial) issue("usb-serial-pin");
    if (c.needs === "pwm" && !pin.pwm)
      issue("needs-pwm", { choices: pinList(board, (p) => p.pwm) });
    if (c.needs === "analog" && pin.analogChannel === null)
      issue("needs-analog", { choices: pinList(board, (p) => p.analogChannel !== null) });
    if (c.needs === "digital" && !pin.digital) issue("needs-digital");
    if (c.needs === "sda" || c.needs === "scl") {
      const role = c.needs === "sda" ? "SDA" : "SCL";
      if (pin.i2c !== role)
        issue("wrong-i2c-pin", { choices: pinList(board, (p) => p.i2c === role) });
    }
  }
  const differing = pinsThatDiffer(kit, board);
  if (differing.length > 0) {
    const expected = findBoard(kit.board);
    issues.unshift({
      code: "board-mismatch",
      pin: "",
      message: MESSAGES["board-mismatch"],
      params: { ...params, expected: expected?.name ?? kit.board, pins: differing.join(", ") },
    });
  }
  return issues;
}

/**
 * The kit's pins that do not do the same job on `board` as on the board the kit is wired for: a
 * pin missing, or one that lost what its part needs or changed role (I2C, the USB link). None
 * between a Nano and an old Nano (same pins, another bootloader), nor for a pin that only gains
 * PWM.
 */
function pinsThatDiffer(kit: KitProfile, board: BoardProfile): string[] {
  if (kit.board === board.id) return [];
  const expected = findBoard(kit.board);
  const role = (b: BoardProfile | undefined, c: Connection) => {
    const pin = b && findPin(b, c.boardPin);
    if (!pin) return "none";
    const { digital, analogChannel, i2c, usbSerial } = pin;
    const pwm = c.needs === "pwm" ? pin.pwm : undefined;
    return JSON.stringify({ digital, analog: analogChannel !== null, i2c, usbSerial, pwm });
  };
  const differing = connectionsOf(kit)
    .filter((c) => !expected || role(expected, c) !== role(board, c))
    .map((c) => c.boardPin);
  return [...new Set(differing)];
}
function describe(c: Connection, locale: Locale): string {
  return `${textIn(PART_NAMES[c.part], locale)} (${c.partPin})`;
}

/** One issue as text in `locale`. */
export function formatWiringIssue(issue: WiringIssue, locale: Locale): string {
  const c = issue.connection;
  return format(issue.message, locale, {
    ...issue.params,
    pin: issue.pin,
    ...(c ? { part: textIn(PART_NAMES[c.part], locale), partPin: c.partPin } : {}),
    ...(c && issue.other
      ? { first: describe(issue.other, locale), second: describe(c, locale) }
      : {}),
  });
}
