/**
 * The microcontroller: an avr8js CPU with its peripherals (clock, timers, USART, ADC, TWI, EEPROM,
 * watchdog, I/O ports). A reset rebuilds the whole chip in its reset state, as a real chip's
 * registers are (avr8js's `cpu.reset()` resets only PC, SP, interrupts and timed events); flash,
 * EEPROM and SRAM survive, MCUSR says why the chip reset, and board time runs on across resets.
 *
 * The other parts of the board (USART bridge, pins, flash self-programming, the ADC inputs, the
 * I2C bus) attach to each new chip through `onChip` and clear their state through `onReset`.
 */
import {
  AVRADC,
  AVRClock,
  AVREEPROM,
  AVRIOPort,
  AVRTimer,
  AVRTWI,
  AVRUSART,
  AVRWatchdog,
  CPU,
  EEPROMMemoryBackend,
  avrInstruction,
  clockConfig,
} from "avr8js";
import type { ChipSpec } from "./chips.ts";

export type ResetCause = "power" | "external" | "watchdog";

export const FREQUENCY = 16_000_000;
const MCUSR = 0x54;
const MCUSR_FLAG: Record<ResetCause, number> = { power: 0x01, external: 0x02, watchdog: 0x08 };

export interface Chip {
  cpu: CPU;
  ports: Record<string, AVRIOPort>;
  usart: AVRUSART;
  adc: AVRADC;
  twi: AVRTWI;
}

export class Mcu {
  /** The chip as it is since the last reset. */
  chip!: Chip;
  resetCause: ResetCause = "power";
  private cycleBase = 0;
  private pendingReset: ResetCause | undefined;
  private readonly eeprom: EEPROMMemoryBackend;
  private readonly chipHooks: ((chip: Chip) => void)[] = [];
  private readonly resetHooks: (() => void)[] = [];

  constructor(
    readonly spec: ChipSpec,
    private readonly progMem: Uint16Array,
    /** Word address the CPU starts at: 0, or the bootloader's first word (BOOTRST). */
    private readonly resetVector: number,
  ) {
    this.eeprom = new EEPROMMemoryBackend(spec.eepromBytes);
  }

  /** Called on every new chip (power-on and each reset), before it runs. */
  onChip(hook: (chip: Chip) => void): void {
    this.chipHooks.push(hook);
  }

  /** Called after each reset, once the new chip is in place. */
  onReset(hook: () => void): () => void {
    this.resetHooks.push(hook);
    return () => {
      const at = this.resetHooks.indexOf(hook);
      if (at >= 0) this.resetHooks.splice(at, 1);
    };
  }

  /** Builds the first chip; call once every part has attached its hooks. */
  powerOn(): void {
    this.chip = this.build();
    this.chip.cpu.data[MCUSR] = MCUSR_FLAG.power;
    this.chip.cpu.pc = this.resetVector;
  }

  /** Board time in CPU cycles since power-on (monotonic across resets). */
  cycles(): number {
    return this.cycleBase + this.chip.cpu.cycles;
  }

  /** Runs `callback` after `cycles` CPU cycles, unless the chip resets first. */
  schedule(callback: () => void, cycles: number): void {
    const cpu = this.chip.cpu;
    cpu.addClockEvent(() => {
      if (this.chip.cpu === cpu) callback();
    }, cycles);
  }

  reset(cause: ResetCause): void {
    const sram = this.chip.cpu.data.slice(0x100);
    this.cycleBase += this.chip.cpu.cycles;
    this.chip = this.build();
    this.chip.cpu.data.set(sram, 0x100);
    this.chip.cpu.data[MCUSR] = MCUSR_FLAG[cause];
    this.chip.cpu.pc = this.resetVector;
    this.resetCause = cause;
    this.pendingReset = undefined;
    for (const hook of [...this.resetHooks]) hook();
  }

  /** Runs the CPU until board time reaches `boardCycles`. */
  runUntil(boardCycles: number): void {
    let { cpu } = this.chip;
    let until = boardCycles - this.cycleBase;
    while (cpu.cycles < until) {
      avrInstruction(cpu);
      cpu.tick();
      if (this.pendingReset) {
        this.reset(this.pendingReset);
        cpu = this.chip.cpu;
        until = boardCycles - this.cycleBase;
      }
    }
  }

  private build(): Chip {
    const { spec } = this;
    // avr8js puts SRAM after 0x100 bytes of registers; the 2560's extended I/O reaches 0x1FF.
    const cpu = new CPU(this.progMem, spec.sramBytes + (spec.mcu === "atmega2560" ? 0x100 : 0));
    const clock = new AVRClock(cpu, FREQUENCY, clockConfig);
    for (const config of spec.timers) new AVRTimer(cpu, config);
    const usart = new AVRUSART(cpu, spec.usart, FREQUENCY);
    const adc = new AVRADC(cpu, spec.adc);
    const twi = new AVRTWI(cpu, spec.twi, FREQUENCY);
    new AVREEPROM(cpu, this.eeprom);
    new AVRWatchdog(cpu, spec.watchdog, clock);
    const ports: Record<string, AVRIOPort> = {};
    for (const [name, config] of Object.entries(spec.ports))
      ports[name] = new AVRIOPort(cpu, config);
    const chip = { cpu, ports, usart, adc, twi };
    for (const hook of this.chipHooks) hook(chip);
    // The watchdog resets the CPU through cpu.reset(): turn it into a full chip reset.
    const coreReset = cpu.reset.bind(cpu);
    cpu.reset = () => {
      coreReset();
      this.pendingReset = "watchdog";
    };
    return chip;
  }
}
