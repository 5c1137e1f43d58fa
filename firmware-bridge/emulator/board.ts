/**
 * A virtual Arduino Uno/Nano (ATmega328P) or Mega 2560 (ATmega2560) at 16 MHz on avr8js,
 * running any Intel HEX image (chip descriptions in chips.ts). It is put together from one part
 * per concern, as avr8js gives each peripheral its own file:
 *
 * - `mcu.ts`: the chip (CPU and peripherals), rebuilt in its reset state on every reset;
 * - `flash.ts`: program memory and self-programming (SPM), so a bootloader can flash;
 * - `usart.ts` + `serial-port.ts`: the USB serial link, as firmata.js and our flasher see it;
 * - `pins.ts`, `pwm.ts`, `analog-inputs.ts`: pins, PWM duty from the timers, ADC voltages;
 * - `hc-sr04.ts`, `i2c.ts`, `tcs34725.ts`: the kit's sensors on the pins and the I2C bus;
 * - `run-loop.ts`: how board time passes (synchronously, or in slices beside the event loop).
 *
 * Opening the port resets the board like a real one (DTR); MCUSR tells the firmware why it reset
 * (power-on, external, watchdog). Pins use Arduino numbers (Uno: 0-13, A0-A5 = 14-19; Mega:
 * 0-53, A0-A15 = 54-69).
 */
import { LocalizedError } from "../../runtime/engine.ts";
import { AnalogInputs } from "./analog-inputs.ts";
import { ATMEGA2560, ATMEGA328P, type ChipSpec } from "./chips.ts";
import { FlashMemory } from "./flash.ts";
import { attachHcSr04, type HcSr04Options } from "./hc-sr04.ts";
import { I2cBus, type I2cDeviceModel } from "./i2c.ts";
import { FREQUENCY, Mcu, type ResetCause } from "./mcu.ts";
import { PinBank, type PinListener, type PinMode } from "./pins.ts";
import { timerDuty } from "./pwm.ts";
import { RunLoop, type EmulatorSpeed } from "./run-loop.ts";
import { EmulatedSerialPort } from "./serial-port.ts";
import { UsartBridge, type LinkStats } from "./usart.ts";

export type { EmulatorSpeed } from "./run-loop.ts";
export type { HcSr04Options } from "./hc-sr04.ts";
export type { PinListener } from "./pins.ts";
export type { ResetCause } from "./mcu.ts";

export type EmulatedBoardKind = "uno" | "nano" | "mega";

export interface EmulatedBoardOptions {
  /** Application image (Intel HEX text), loaded from address 0. */
  hex?: string;
  /**
   * Bootloader image (Intel HEX text). With it, the reset vector is the bootloader's first
   * address (BOOTRST fuse programmed), as on a real Uno or Nano.
   */
  bootloader?: string;
  board?: EmulatedBoardKind;
  /** "free": as fast as the host allows; "realtime": never ahead of the wall clock. */
  speed?: EmulatorSpeed;
  /** Baud rate of the host side of the serial port (the USB adapter). Default 57600. */
  baudRate?: number;
  /** Path reported by the port. */
  path?: string;
}

export interface EmulatedBoard {
  readonly port: EmulatedSerialPort;
  readonly kind: EmulatedBoardKind;
  /** CPU clock (Hz). */
  readonly frequency: number;
  start(): void;
  stop(): void;
  /** Pulses the reset line (external reset). */
  reset(cause?: ResetCause): void;
  /** Board time in seconds since power-on (monotonic across resets). */
  cpuTime(): number;
  /** Board time in CPU cycles since power-on (monotonic across resets). */
  cycles(): number;
  /** Runs the CPU synchronously for `seconds` of board time (tests, benchmarks, the twin). */
  runFor(seconds: number): void;
  /** Resolves when board time reaches `seconds` from now (the run loop must be started). */
  waitFor(seconds: number): Promise<void>;
  /** Board time over wall time since `start()`, e.g. 2.9 = 290 % of real time. */
  speedRatio(): number;
  readonly pins: {
    onChange(pin: number, listener: PinListener): () => void;
    /** Electrical level: output level, or the input's driven/pull-up level. */
    level(pin: number): 0 | 1;
    mode(pin: number): PinMode;
    /** 0..1: timer PWM duty when a compare output drives the pin, else the level. */
    pwmDuty(pin: number): number;
    /** Width of the last high pulse in ms if the pin pulsed in the last 50 ms (servo signal). */
    servoPulseMs(pin: number): number | undefined;
  };
  setAnalog(channel: number, volts: number): void;
  /** Drives an input pin from outside; `undefined` releases it (then the pull-up decides). */
  setDigital(pin: number, level: 0 | 1 | boolean | undefined): void;
  attachHcSr04(options: HcSr04Options): () => void;
  attachI2cDevice(address: number, model: I2cDeviceModel): () => void;
  /** Flash contents (bytes), e.g. to check what a bootloader wrote. */
  readonly flash: Uint8Array;
  /** Why the board last reset. */
  lastResetCause(): ResetCause;
  /** Cuts (false) or restores (true) the USB link: bytes in both directions are lost. */
  setLinkConnected(connected: boolean): void;
  /** Host bytes queued on the wire, not yet received by the board. */
  pendingHostBytes(): number;
  /**
   * Overrides the time a host byte takes on the wire (CPU cycles), e.g. to push a megabyte
   * through quickly; `undefined` restores the baud rate's timing (10 bits per byte).
   */
  setHostByteCycles(cycles: number | undefined): void;
  /** Bytes the host sent that the board could not receive (RX disabled, baud mismatch, overrun). */
  readonly stats: LinkStats;
}

const CHIPS: Record<EmulatedBoardKind, ChipSpec> = {
  uno: ATMEGA328P,
  nano: ATMEGA328P,
  mega: ATMEGA2560,
};

const messages = {
  unsupported: {
    fr: "Carte « {board} » non émulée (uno, nano, mega).",
    en: 'Board "{board}" is not emulated (uno, nano, mega).',
  },
};

export function createEmulatedBoard(options: EmulatedBoardOptions = {}): EmulatedBoard {
  const kind = options.board ?? "uno";
  const spec = CHIPS[kind];
  if (!spec) throw new LocalizedError(messages.unsupported, { board: String(kind) });

  const flash = new FlashMemory(spec);
  if (options.hex) flash.load(options.hex);
  const resetVector = options.bootloader ? flash.load(options.bootloader) / 2 : 0;
  const mcu = new Mcu(spec, flash.words, resetVector);
  flash.attach(mcu);
  const usart = new UsartBridge(mcu, options.baudRate ?? 57600);
  const pins = new PinBank(mcu);
  const analog = new AnalogInputs(mcu);
  const i2c = new I2cBus(
    () => mcu.chip.twi,
    (callback, cycles) => mcu.chip.cpu.addClockEvent(callback, cycles),
    FREQUENCY,
  );
  mcu.onChip((chip) => (chip.twi.eventHandler = i2c));
  mcu.powerOn();

  const port = new EmulatedSerialPort(
    {
      hostWrite: (bytes) => usart.hostWrite(bytes),
      pulseReset: () => mcu.reset("external"),
      setHostBaud: (baud) => (usart.hostBaud = baud),
    },
    options.path ?? `emulated:${kind}`,
    usart.hostBaud,
  );
  const flush = (): void => {
    const bytes = usart.takeTransmitted();
    if (bytes) port.deliver(bytes);
  };
  const loop = new RunLoop(mcu, options.speed ?? "free", flush, () => usart.hasTransmitted());

  const board: EmulatedBoard = {
    port,
    kind,
    frequency: FREQUENCY,
    flash: flash.bytes,
    stats: usart.stats,
    start: () => loop.start(),
    stop: () => loop.stop(),
    reset: (cause = "external") => mcu.reset(cause),
    cpuTime: () => mcu.cycles() / FREQUENCY,
    cycles: () => mcu.cycles(),
    runFor: (seconds) => loop.runFor(seconds),
    waitFor: (seconds) => loop.waitFor(seconds),
    speedRatio: () => loop.speedRatio(),
    pins: {
      onChange: (pin, listener) => pins.onChange(pin, listener),
      level: (pin) => pins.level(pin),
      mode: (pin) => pins.mode(pin),
      pwmDuty(pin) {
        const duty = pins.mode(pin) === "output" ? timerDuty(mcu.chip, spec, pin) : undefined;
        return duty ?? pins.level(pin);
      },
      servoPulseMs: (pin) => pins.servoPulseMs(pin),
    },
    setAnalog: (channel, volts) => analog.set(channel, volts),
    setDigital: (pin, level) => pins.drive(pin, level),
    attachHcSr04: (hcSr04) => attachHcSr04(mcu, pins, hcSr04),
    attachI2cDevice(address, model) {
      i2c.devices.set(address, model);
      return () => {
        if (i2c.devices.get(address) === model) i2c.devices.delete(address);
      };
    },
    lastResetCause: () => mcu.resetCause,
    setLinkConnected: (connected) => usart.setConnected(connected),
    pendingHostBytes: () => usart.pending(),
    setHostByteCycles: (cycles) => usart.setHostByteCycles(cycles),
  };
  return board;
}
