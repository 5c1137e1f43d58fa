/**
 * Johnny-Five over firmata.js (the `firmata-io` package) on any port object: the emulated
 * board's port or a real serial port. Both packages are CommonJS without types; the small
 * interfaces here are the parts our code and tests use.
 */
import { createRequire } from "node:module";
import type { EventEmitter } from "node:events";
import { LocalizedError } from "../../runtime/engine.ts";

export interface FirmataIo extends EventEmitter {
  isReady: boolean;
  firmware: { name?: string; version?: { major: number; minor: number } };
  version: { major?: number; minor?: number };
  pins: { supportedModes: number[]; analogChannel: number }[];
  analogPins: number[];
  transport: EventEmitter;
  digitalWrite(pin: number, value: 0 | 1): void;
  analogWrite(pin: number, value: number): void;
  pinMode(pin: number, mode: number): void;
  sysexCommand(bytes: number[]): void;
  i2cConfig(options?: { delay?: number }): void;
  i2cWrite(address: number, register: number, bytes: number[]): void;
  i2cReadOnce(
    address: number,
    register: number,
    count: number,
    cb: (bytes: number[]) => void,
  ): void;
  queryPinState(pin: number, cb: () => void): void;
  reset(): void;
}

export interface FiveBoard extends EventEmitter {
  io: FirmataIo;
  isReady: boolean;
}

/** The parts of the johnny-five module our code uses; component constructors stay loose. */
export interface FiveModule {
  Board: new (options: Record<string, unknown>) => FiveBoard;
  Led: new (options: unknown) => { on(): void; off(): void };
  Sensor: new (options: unknown) => EventEmitter & { value: number; raw: number; disable(): void };
  Servo: new (options: unknown) => { to(degrees: number): void; value: number };
  Proximity: new (options: unknown) => EventEmitter & { cm: number };
  Motor: new (options: unknown) => { forward(speed: number): void; stop(): void };
}

type FirmataConstructor = new (port: EventEmitter, options?: Record<string, unknown>) => FirmataIo;

const require = createRequire(import.meta.url);

export function loadJohnnyFive(): { five: FiveModule; Firmata: FirmataConstructor } {
  const five = require("johnny-five") as FiveModule;
  const Firmata = (require("firmata-io") as { Firmata: FirmataConstructor }).Firmata;
  return { five, Firmata };
}

const messages = {
  timeout: {
    fr: "La carte n'a pas répondu en {seconds} s (firmware Firmata absent ou mauvais port ?).",
    en: "The board did not answer within {seconds} s (no Firmata firmware, or the wrong port?).",
  },
};

/**
 * Connects Johnny-Five to a port object (opened here if it has `open` and is not open yet; an
 * open port is used as it is, without resetting the board).
 * Resolves on `ready`; rejects with a localized error after `timeoutMs` (wall clock).
 */
export async function connectJohnnyFive(
  port: EventEmitter & { isOpen?: boolean; open?: (cb?: (e: Error | null) => void) => void },
  options: { timeoutMs?: number } = {},
): Promise<FiveBoard> {
  const { five, Firmata } = loadJohnnyFive();
  const timeoutMs = options.timeoutMs ?? 20_000;
  const alreadyOpen = port.isOpen === true;
  if (port.open && !alreadyOpen) port.open();
  const io = new Firmata(port, { reportVersionTimeout: Math.min(5000, timeoutMs) });
  // Johnny-Five waits for firmata.js's "connect", which follows the port's "open" event: an
  // already open port (e.g. right after flashing) must announce itself again.
  if (alreadyOpen) process.nextTick(() => port.emit("open"));
  const board = new five.Board({ io, repl: false, debug: false, timeout: timeoutMs });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new LocalizedError(messages.timeout, { seconds: Math.round(timeoutMs / 1000) }));
    }, timeoutMs);
    board.once("ready", () => {
      clearTimeout(timer);
      resolve(board);
    });
    board.once("error", (error: Error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
