/**
 * The board's pins by Arduino number (Uno: 0-13, A0-A5 = 14-19; Mega: 0-53, A0-A15 = 54-69):
 * electrical levels and modes, inputs driven from outside (an undriven input with its pull-up on
 * reads high), observers called on every level change with cycle-exact timestamps, and the width
 * of the last high pulse (servo signals).
 */
import { PinState } from "avr8js";
import { LocalizedError } from "../../runtime/engine.ts";
import { FREQUENCY, type Chip, type Mcu } from "./mcu.ts";

export type PinListener = (level: 0 | 1, seconds: number, cycles: number) => void;
export type PinMode = "output" | "input" | "input-pullup";

const messages = {
  badPin: {
    fr: "Broche {pin} inexistante sur cette carte (0-{last}).",
    en: "Pin {pin} does not exist on this board (0-{last}).",
  },
};

/** A servo signal older than this is no signal (a servo frame is 20 ms). */
const SERVO_SIGNAL_SECONDS = 0.05;

interface Pulse {
  rise: number;
  width: number;
  end: number;
}

export class PinBank {
  private readonly map: { port: string; bit: number }[];
  private readonly byPort = new Map<string, { pin: number; bit: number }[]>();
  /** Pins driven from outside, and their level. */
  private readonly driven = new Map<number, boolean>();
  private readonly listeners = new Map<number, Set<PinListener>>();
  private readonly lastLevel = new Map<number, 0 | 1>();
  private readonly pulses = new Map<number, Pulse>();

  constructor(private readonly mcu: Mcu) {
    this.map = mcu.spec.pins.map((name) => ({ port: name[0]!, bit: Number(name.slice(1)) }));
    this.map.forEach(({ port, bit }, pin) => {
      if (!this.byPort.has(port)) this.byPort.set(port, []);
      this.byPort.get(port)!.push({ pin, bit });
    });
    mcu.onChip((chip) => this.hook(chip));
    mcu.onReset(() => {
      for (const name of Object.keys(mcu.spec.ports)) this.applyInputs(name);
      this.notify();
    });
  }

  /** Arduino pin → port letter and bit; a localized error for a pin the board lacks. */
  location(pin: number): { port: string; bit: number } {
    const location = Number.isInteger(pin) ? this.map[pin] : undefined;
    if (!location) throw new LocalizedError(messages.badPin, { pin, last: this.map.length - 1 });
    return location;
  }

  /** Electrical level: output level, or the input's driven/pull-up level. */
  level(pin: number): 0 | 1 {
    const { port, bit } = this.location(pin);
    const { chip } = this.mcu;
    const io = chip.ports[port]!;
    const state = io.pinState(bit);
    if (state === PinState.High) return 1;
    if (state === PinState.Low) return 0;
    return (chip.cpu.data[io.portConfig.PIN]! >> bit) & 1 ? 1 : 0;
  }

  mode(pin: number): PinMode {
    const { port, bit } = this.location(pin);
    const state = this.mcu.chip.ports[port]!.pinState(bit);
    if (state === PinState.Input) return "input";
    if (state === PinState.InputPullUp) return "input-pullup";
    return "output";
  }

  /** Drives an input pin from outside; `undefined` releases it (then the pull-up decides). */
  drive(pin: number, level: 0 | 1 | boolean | undefined): void {
    const { port } = this.location(pin);
    if (level === undefined) this.driven.delete(pin);
    else this.driven.set(pin, !!level);
    this.applyInputs(port);
    this.notify();
  }

  onChange(pin: number, listener: PinListener): () => void {
    this.location(pin);
    let set = this.listeners.get(pin);
    if (!set) {
      set = new Set();
      this.listeners.set(pin, set);
      this.lastLevel.set(pin, this.level(pin));
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && !this.pulses.has(pin)) this.listeners.delete(pin);
    };
  }

  /**
   * Width of the last high pulse in ms if the pin pulsed in the last 50 ms (a servo signal).
   * Observation starts at the first call, which returns `undefined`.
   */
  servoPulseMs(pin: number): number | undefined {
    const pulse = this.pulses.get(pin);
    if (!pulse) {
      this.pulses.set(pin, { rise: 0, width: 0, end: -Infinity });
      this.onChange(pin, () => undefined);
      return undefined;
    }
    const old = this.mcu.cycles() - pulse.end > SERVO_SIGNAL_SECONDS * FREQUENCY;
    if (pulse.width === 0 || old) return undefined;
    return (pulse.width / FREQUENCY) * 1000;
  }

  /** Inputs not driven from outside read their pull-up (high) or float low. */
  private applyInputs(portName: string): void {
    const { chip } = this.mcu;
    const port = chip.ports[portName]!;
    const portValue = chip.cpu.data[port.portConfig.PORT]!;
    for (const { pin, bit } of this.byPort.get(portName) ?? []) {
      const external = this.driven.get(pin);
      port.setPin(bit, external ?? !!(portValue & (1 << bit)));
    }
  }

  private notify(): void {
    if (this.listeners.size === 0 && this.pulses.size === 0) return;
    const cycles = this.mcu.cycles();
    for (const [pin, set] of this.listeners) {
      const level = this.level(pin);
      const previous = this.lastLevel.get(pin);
      if (previous === level) continue;
      this.lastLevel.set(pin, level);
      const pulse = this.pulses.get(pin);
      if (pulse) {
        if (level === 1) pulse.rise = cycles;
        else if (previous === 1) {
          pulse.width = cycles - pulse.rise;
          pulse.end = cycles;
        }
      }
      for (const listener of set) listener(level, cycles / FREQUENCY, cycles);
    }
  }

  private hook(chip: Chip): void {
    for (const [name, port] of Object.entries(chip.ports)) {
      port.addListener(() => {
        this.applyInputs(name);
        this.notify();
      });
    }
  }
}
