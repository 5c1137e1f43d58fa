/**
 * A virtual Arduino Uno/Nano (ATmega328P) or Mega 2560 (ATmega2560) at 16 MHz on avr8js,
 * running any Intel HEX image (chip descriptions in chips.ts).
 *
 * - USART0 is bridged to an `EmulatedSerialPort` that firmata.js / Johnny-Five and our flasher
 *   accept; host bytes reach the receiver one character time apart, one at a time.
 * - Opening the port resets the board like a real one (DTR): the whole chip is rebuilt in its
 *   reset state (I/O registers, USART, timers, ADC, TWI, watchdog); flash, EEPROM and SRAM
 *   contents survive, and MCUSR tells the firmware why it reset (power-on, external, watchdog).
 * - The SPM instruction works (page erase, page fill, page write), so a bootloader can flash.
 * - The outside world: analog inputs in volts, digital inputs, pin observers with cycle-exact
 *   timestamps, PWM duty from the timer registers, servo pulse widths, an HC-SR04 model, an
 *   I2C bus with device models. Pins use Arduino numbers (Uno: 0-13, A0-A5 = 14-19; Mega:
 *   0-53, A0-A15 = 54-69).
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
  PinState,
  avrInstruction,
  clockConfig,
} from "avr8js";
import { LocalizedError } from "../../runtime/engine.ts";
import { parseIntelHex } from "../intel-hex.ts";
import { I2cBus, type I2cDeviceModel } from "./i2c.ts";
import { ATMEGA2560, ATMEGA328P, type ChipSpec } from "./chips.ts";
import { EmulatedSerialPort } from "./serial-port.ts";

export type EmulatedBoardKind = "uno" | "nano" | "mega";
export type EmulatorSpeed = "free" | "realtime";
export type ResetCause = "power" | "external" | "watchdog";

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

export type PinListener = (level: 0 | 1, seconds: number, cycles: number) => void;

export interface HcSr04Options {
  trig: number;
  /** Echo pin; the same as `trig` for a one-pin (PingFirmata) wiring. */
  echo?: number;
  /** Distance to the obstacle in cm; `undefined`/NaN/> 400 means nothing in range. */
  distanceCm: () => number | undefined;
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
  /** Runs the CPU synchronously for `seconds` of board time (tests, benchmarks). */
  runFor(seconds: number): void;
  /** Resolves when board time reaches `seconds` from now (the run loop must be started). */
  waitFor(seconds: number): Promise<void>;
  /** Board time over wall time since `start()`, e.g. 2.9 = 290 % of real time. */
  speedRatio(): number;
  readonly pins: {
    onChange(pin: number, listener: PinListener): () => void;
    /** Electrical level: output level, or the input's driven/pull-up level. */
    level(pin: number): 0 | 1;
    mode(pin: number): "output" | "input" | "input-pullup";
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
  readonly stats: { droppedHostBytes: number; droppedBoardBytes: number };
}

const FREQUENCY = 16_000_000;
const MCUSR = 0x54;
const SPMCSR = 0x57;
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
  tooBig: {
    fr: "L'image .hex se termine à 0x{end}, au-delà de la flash du {mcu} (0x{size}).",
    en: "The .hex image ends at 0x{end}, beyond the {mcu} flash (0x{size}).",
  },
  badPin: {
    fr: "Broche {pin} inexistante sur cette carte (0-{last}).",
    en: "Pin {pin} does not exist on this board (0-{last}).",
  },
  badChannel: {
    fr: "Entrée analogique {channel} inexistante (0-{last}).",
    en: "Analog input {channel} does not exist (0-{last}).",
  },
};

interface Chip {
  cpu: CPU;
  ports: Record<string, AVRIOPort>;
  usart: AVRUSART;
  adc: AVRADC;
  twi: AVRTWI;
}

export function createEmulatedBoard(options: EmulatedBoardOptions = {}): EmulatedBoard {
  const kind = options.board ?? "uno";
  const spec = CHIPS[kind];
  if (!spec) throw new LocalizedError(messages.unsupported, { board: String(kind) });
  const FLASH_BYTES = spec.flashBytes;
  const PAGE_BYTES = spec.pageBytes;
  const pinMap = spec.pins.map((name) => ({ port: name[0]!, bit: Number(name.slice(1)) }));
  const pinsOfPort = new Map<string, { pin: number; bit: number }[]>();
  pinMap.forEach(({ port, bit }, pin) => {
    if (!pinsOfPort.has(port)) pinsOfPort.set(port, []);
    pinsOfPort.get(port)!.push({ pin, bit });
  });
  /** Arduino pin → port letter and bit. */
  const pinLocation = (pin: number): { port: string; bit: number } => {
    const location = Number.isInteger(pin) ? pinMap[pin] : undefined;
    if (!location) throw new LocalizedError(messages.badPin, { pin, last: pinMap.length - 1 });
    return location;
  };
  const progMem = new Uint16Array(FLASH_BYTES / 2).fill(0xffff);
  const flash = new Uint8Array(progMem.buffer);
  let resetVector = 0;
  const load = (text: string): number => {
    const image = parseIntelHex(text);
    const end = image.start + image.data.length;
    if (end > FLASH_BYTES) {
      throw new LocalizedError(messages.tooBig, {
        end: end.toString(16),
        mcu: spec.mcu,
        size: FLASH_BYTES.toString(16),
      });
    }
    flash.set(image.data, image.start);
    return image.start;
  };
  if (options.hex) load(options.hex);
  if (options.bootloader) resetVector = load(options.bootloader) / 2;

  const eeprom = new EEPROMMemoryBackend(spec.eepromBytes);
  const speed = options.speed ?? "free";
  let hostBaud = options.baudRate ?? 57600;
  const stats = { droppedHostBytes: 0, droppedBoardBytes: 0 };
  const analogVolts = new Array<number>(spec.analogChannels).fill(0);
  const driven = new Map<number, boolean>(); // pins driven from outside
  const listeners = new Map<number, Set<PinListener>>();
  const lastLevel = new Map<number, 0 | 1>();
  const pulses = new Map<number, { rise: number; width: number; end: number }>();
  const i2c = new I2cBus(
    () => chip.twi,
    (callback, cycles) => chip.cpu.addClockEvent(callback, cycles),
    FREQUENCY,
  );
  const resetHooks = new Set<() => void>();

  // Host → board queue: one byte in flight on the wire at a time.
  const rxQueue: number[] = [];
  let rxHead = 0;
  let txBuffer: number[] = [];

  let cycleBase = 0;
  let resetCause: ResetCause = "power";
  let pendingReset: ResetCause | undefined;
  let pageBuffer = new Uint8Array(PAGE_BYTES).fill(0xff);

  const baudMatches = (boardBaud: number): boolean =>
    Math.abs(boardBaud - hostBaud) / hostBaud < 0.035;

  let rxInFlight = false;
  let hostByteCycles: number | undefined;
  let linkConnected = true;

  // The USART's receive buffer is a two-level FIFO (datasheet, "Receiving Frames"): UDR plus
  // one waiting byte. avr8js holds one; the second level is kept here.
  let rxSecond: number | undefined;
  const RXC = 0x80; // UCSR0A: receive complete
  const TXC = 0x40; // UCSR0A: transmit complete
  const UDRE = 0x20; // UCSR0A: data register empty
  const RXEN = 0x10; // UCSR0B: receiver enable
  const receive = (byte: number): void => {
    const { usart, cpu } = chip;
    if (!usart.rxEnable) {
      stats.droppedHostBytes++;
    } else if (!(cpu.data[spec.usart.UCSRA]! & RXC)) {
      usart.writeByte(byte, true);
    } else if (rxSecond === undefined) {
      rxSecond = byte;
    } else {
      stats.droppedHostBytes++; // data overrun: the byte in the shift register is lost
    }
  };

  /** Puts the next queued host byte on the wire; it reaches the receiver one character later. */
  const feedRx = (): void => {
    if (rxInFlight) return;
    const { usart, cpu } = chip;
    while (rxHead < rxQueue.length) {
      if (!usart.rxEnable || !baudMatches(usart.baudRate)) {
        // A real receiver that is off or at another speed loses the byte.
        stats.droppedHostBytes++;
        rxHead++;
        continue;
      }
      const byte = rxQueue[rxHead++]!;
      rxInFlight = true;
      const charCycles = hostByteCycles ?? Math.round((FREQUENCY * 10) / hostBaud);
      cpu.addClockEvent(() => {
        if (chip.cpu !== cpu) return; // the chip was reset meanwhile
        rxInFlight = false;
        receive(byte);
        feedRx();
      }, charCycles);
      break;
    }
    if (rxHead === rxQueue.length) {
      rxQueue.length = 0;
      rxHead = 0;
    }
  };

  const levelOf = (pin: number): 0 | 1 => {
    const { port, bit } = pinLocation(pin);
    const io = chip.ports[port]!;
    const state = io.pinState(bit);
    if (state === PinState.High) return 1;
    if (state === PinState.Low) return 0;
    return (chip.cpu.data[io.portConfig.PIN]! >> bit) & 1 ? 1 : 0;
  };

  const modeOf = (pin: number): "output" | "input" | "input-pullup" => {
    const { port, bit } = pinLocation(pin);
    const state = chip.ports[port]!.pinState(bit);
    if (state === PinState.Input) return "input";
    if (state === PinState.InputPullUp) return "input-pullup";
    return "output";
  };

  /** Inputs not driven from outside read their pull-up (high) or float low. */
  const applyInputs = (portName: string): void => {
    const port = chip.ports[portName]!;
    const portValue = chip.cpu.data[port.portConfig.PORT]!;
    for (const { pin, bit } of pinsOfPort.get(portName) ?? []) {
      const external = driven.get(pin);
      port.setPin(bit, external ?? !!(portValue & (1 << bit)));
    }
  };

  const notify = (): void => {
    if (listeners.size === 0 && pulses.size === 0) return;
    const cycles = cycleBase + chip.cpu.cycles;
    for (const [pin, set] of listeners) {
      const level = levelOf(pin);
      const previous = lastLevel.get(pin);
      if (previous === level) continue;
      lastLevel.set(pin, level);
      const pulse = pulses.get(pin);
      if (pulse) {
        if (level === 1) pulse.rise = cycles;
        else if (previous === 1) {
          pulse.width = cycles - pulse.rise;
          pulse.end = cycles;
        }
      }
      for (const listener of set) listener(level, cycles / FREQUENCY, cycles);
    }
  };

  const buildChip = (): Chip => {
    // avr8js puts SRAM after 0x100 bytes of registers; the 2560's extended I/O reaches 0x1FF.
    const cpu = new CPU(progMem, spec.sramBytes + (spec.mcu === "atmega2560" ? 0x100 : 0));
    const clock = new AVRClock(cpu, FREQUENCY, clockConfig);
    for (const config of spec.timers) new AVRTimer(cpu, config);
    const usart = new AVRUSART(cpu, spec.usart, FREQUENCY);
    const adc = new AVRADC(cpu, spec.adc);
    const twi = new AVRTWI(cpu, spec.twi, FREQUENCY);
    new AVREEPROM(cpu, eeprom);
    new AVRWatchdog(cpu, spec.watchdog, clock);
    const ports: Record<string, AVRIOPort> = {};
    for (const [name, config] of Object.entries(spec.ports))
      ports[name] = new AVRIOPort(cpu, config);
    twi.eventHandler = i2c;
    for (let i = 0; i < analogVolts.length; i++) adc.channelValues[i] = analogVolts[i];
    usart.onByteTransmit = (value) => {
      if (baudMatches(usart.baudRate)) txBuffer.push(value);
      else stats.droppedBoardBytes++;
    };
    usart.onConfigurationChange = feedRx;
    // avr8js loses a received byte's RXC flag on every UCSR0A write (it keeps only U2X/MPCM) and
    // on every UCSR0B write while the receiver stays on; the chip does neither (RXC and UDRE are
    // read-only, TXC clears by writing 1). HardwareSerial writes both registers for each byte
    // it sends, so a board that transmits lost host bytes (a ping's final F7, say).
    const writeUcsra = cpu.writeHooks[spec.usart.UCSRA]!;
    cpu.writeHooks[spec.usart.UCSRA] = (value, oldValue, address, mask) => {
      const before = cpu.data[spec.usart.UCSRA]!;
      const kept = (before & (RXC | UDRE)) | (before & TXC & ~value);
      const result = writeUcsra(value, oldValue, address, mask);
      cpu.data[spec.usart.UCSRA]! |= kept;
      return result;
    };
    const writeUcsrb = cpu.writeHooks[spec.usart.UCSRB]!;
    const rxc = (usart as unknown as { RXC: Parameters<CPU["setInterruptFlag"]>[0] }).RXC;
    cpu.writeHooks[spec.usart.UCSRB] = (value, oldValue, address, mask) => {
      const received = (cpu.data[spec.usart.UCSRA]! & RXC) !== 0;
      const result = writeUcsrb(value, oldValue, address, mask);
      if (received && value & RXEN && oldValue & RXEN) cpu.setInterruptFlag(rxc);
      return result;
    };
    const readUdr = cpu.readHooks[spec.usart.UDR]!;
    cpu.readHooks[spec.usart.UDR] = (address) => {
      const value = readUdr(address);
      if (rxSecond !== undefined) {
        const next = rxSecond;
        rxSecond = undefined;
        usart.writeByte(next, true);
      }
      return value;
    };
    for (const [name, port] of Object.entries(ports)) {
      port.addListener(() => {
        applyInputs(name);
        notify();
      });
    }
    // The watchdog resets the CPU through cpu.reset(): turn it into a full chip reset.
    const coreReset = cpu.reset.bind(cpu);
    cpu.reset = () => {
      coreReset();
      pendingReset = "watchdog";
    };
    // SPM: avr8js decodes the instruction as a no-op; the operation is done when SPMCSR is
    // written, since the SPM that follows within 4 cycles uses the registers already loaded.
    cpu.writeHooks[SPMCSR] = (value) => {
      const z =
        cpu.data[30]! | (cpu.data[31]! << 8) | (spec.rampz ? cpu.data[spec.rampz]! << 16 : 0);
      const command = value & 0x3f;
      const page = z & ~(PAGE_BYTES - 1) & (FLASH_BYTES - 1);
      if (command === 0x01) {
        pageBuffer[z & (PAGE_BYTES - 2)] = cpu.data[0]!;
        pageBuffer[(z & (PAGE_BYTES - 2)) + 1] = cpu.data[1]!;
      } else if (command === 0x03) {
        flash.fill(0xff, page, page + PAGE_BYTES);
      } else if (command === 0x05) {
        for (let i = 0; i < PAGE_BYTES; i++) flash[page + i]! &= pageBuffer[i]!;
        pageBuffer = new Uint8Array(PAGE_BYTES).fill(0xff);
      }
      cpu.data[SPMCSR] = value & ~0x01 & ~0x40; // SPMEN clears at once; RWW section ready
      return true;
    };
    return { cpu, ports, usart, adc, twi };
  };

  let chip = buildChip();

  const doReset = (cause: ResetCause): void => {
    const sram = chip.cpu.data.slice(0x100);
    cycleBase += chip.cpu.cycles;
    chip = buildChip();
    chip.cpu.data.set(sram, 0x100);
    chip.cpu.data[MCUSR] = cause === "power" ? 0x01 : cause === "external" ? 0x02 : 0x08;
    chip.cpu.pc = resetVector;
    resetCause = cause;
    pendingReset = undefined;
    pageBuffer = new Uint8Array(PAGE_BYTES).fill(0xff);
    rxQueue.length = 0;
    rxHead = 0;
    rxInFlight = false;
    rxSecond = undefined;
    for (const name of Object.keys(spec.ports)) applyInputs(name);
    for (const hook of resetHooks) hook();
    notify();
  };
  chip.cpu.data[MCUSR] = 0x01;
  chip.cpu.pc = resetVector;

  const execute = (untilCycles: number): void => {
    let { cpu } = chip;
    while (cpu.cycles < untilCycles) {
      avrInstruction(cpu);
      cpu.tick();
      if (pendingReset) {
        const remaining = untilCycles - cpu.cycles;
        doReset(pendingReset);
        cpu = chip.cpu;
        untilCycles = cpu.cycles + remaining;
      }
    }
  };

  const flushTx = (): void => {
    if (txBuffer.length === 0) return;
    const bytes = Buffer.from(txBuffer);
    txBuffer = [];
    if (linkConnected) port.deliver(bytes);
  };

  const port = new EmulatedSerialPort(
    {
      hostWrite(bytes) {
        if (!linkConnected) return;
        for (const b of bytes) rxQueue.push(b);
        feedRx();
      },
      pulseReset() {
        doReset("external");
      },
      setHostBaud(baud) {
        hostBaud = baud;
      },
    },
    options.path ?? `emulated:${kind}`,
    hostBaud,
  );

  // The run loop: slices of CPU time, yielding to the event loop in between.
  const SLICE_WALL_MS = 4;
  const CHUNK_CYCLES = 8000;
  const TX_FLUSH_MS = 0.5;
  let running = false;
  let timer: NodeJS.Immediate | NodeJS.Timeout | undefined;
  let wallStart = 0;
  let cyclesAtStart = 0;
  let anchorWall = 0;
  let anchorCycles = 0;
  const waiters: { at: number; resolve: () => void }[] = [];

  const boardCycles = (): number => cycleBase + chip.cpu.cycles;

  const slice = (): void => {
    timer = undefined;
    if (!running) return;
    const sliceStart = performance.now();
    let limit = Infinity;
    if (speed === "realtime") {
      const allowed = anchorCycles + (sliceStart - anchorWall) * (FREQUENCY / 1000);
      if (allowed - boardCycles() > FREQUENCY / 10) {
        // Too far behind (host busy): do not try to catch up in a burst.
        anchorWall = sliceStart;
        anchorCycles = boardCycles();
        limit = boardCycles() + CHUNK_CYCLES;
      } else limit = allowed;
    }
    // A slice ends early once the board has something to say: answers reach the host sooner.
    while (boardCycles() < limit && performance.now() - sliceStart < SLICE_WALL_MS) {
      if (txBuffer.length > 0 && performance.now() - sliceStart > TX_FLUSH_MS) break;
      const target = Math.min(limit, boardCycles() + CHUNK_CYCLES);
      execute(chip.cpu.cycles + (target - boardCycles()));
    }
    flushTx();
    const now = boardCycles();
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i]!.at <= now) waiters.splice(i, 1)[0]!.resolve();
    }
    if (!running) return;
    if (speed === "realtime" && boardCycles() >= limit) timer = setTimeout(slice, 1);
    else timer = setImmediate(slice);
  };

  const board: EmulatedBoard = {
    port,
    kind,
    frequency: FREQUENCY,
    flash,
    stats,
    start() {
      if (running) return;
      running = true;
      wallStart = anchorWall = performance.now();
      cyclesAtStart = anchorCycles = boardCycles();
      timer = setImmediate(slice);
    },
    stop() {
      running = false;
      // Each kind of handle goes to its own clear function: clearImmediate on a Timeout
      // corrupts Node's immediate queue.
      if (timer && "refresh" in timer) clearTimeout(timer);
      else if (timer) clearImmediate(timer as NodeJS.Immediate);
      timer = undefined;
      flushTx();
    },
    reset(cause = "external") {
      doReset(cause);
    },
    cpuTime: () => boardCycles() / FREQUENCY,
    cycles: boardCycles,
    runFor(seconds) {
      const end = boardCycles() + Math.round(seconds * FREQUENCY);
      while (boardCycles() < end) {
        execute(chip.cpu.cycles + Math.min(CHUNK_CYCLES, end - boardCycles()));
        flushTx();
      }
    },
    waitFor(seconds) {
      return new Promise((resolve) => {
        waiters.push({ at: boardCycles() + Math.round(seconds * FREQUENCY), resolve });
      });
    },
    speedRatio() {
      const wall = (performance.now() - wallStart) / 1000;
      return wall > 0 ? (boardCycles() - cyclesAtStart) / FREQUENCY / wall : 0;
    },
    pins: {
      onChange(pin, listener) {
        pinLocation(pin);
        let set = listeners.get(pin);
        if (!set) {
          set = new Set();
          listeners.set(pin, set);
          lastLevel.set(pin, levelOf(pin));
        }
        set.add(listener);
        return () => {
          set.delete(listener);
          if (set.size === 0 && !pulses.has(pin)) listeners.delete(pin);
        };
      },
      level: levelOf,
      mode: modeOf,
      pwmDuty(pin) {
        const output = spec.pwm[pin];
        if (!output || modeOf(pin) !== "output") return levelOf(pin);
        const config = spec.timers[output.timer]!;
        const { data } = chip.cpu;
        const wide = config.bits === 16;
        const tccra = data[config.TCCRA]!;
        const tccrb = data[config.TCCRB]!;
        const com = (tccra >> { A: 6, B: 4, C: 2 }[output.channel]) & 0x03;
        if (com < 2 || (tccrb & 0x07) === 0) return levelOf(pin);
        const read = (address: number): number =>
          wide ? data[address]! | (data[address + 1]! << 8) : data[address]!;
        const ocr = read({ A: config.OCRA, B: config.OCRB, C: config.OCRC }[output.channel]);
        const wgm = (tccra & 0x03) | ((tccrb >> 1) & (wide ? 0x0c : 0x04));
        let top: number;
        let fast: boolean;
        if (wide) {
          const tops: Record<number, number> = {
            1: 0xff,
            2: 0x1ff,
            3: 0x3ff,
            5: 0xff,
            6: 0x1ff,
            7: 0x3ff,
          };
          top = tops[wgm] ?? ([8, 10, 12, 14].includes(wgm) ? read(config.ICR) : read(config.OCRA));
          fast = [5, 6, 7, 14, 15].includes(wgm);
        } else {
          top = wgm === 5 || wgm === 7 ? data[config.OCRA]! : 0xff;
          fast = wgm === 3 || wgm === 7;
        }
        if (top === 0) return levelOf(pin);
        let duty = fast ? Math.min(1, (ocr + 1) / (top + 1)) : Math.min(1, ocr / top);
        if (com === 3) duty = 1 - duty;
        return duty;
      },
      servoPulseMs(pin) {
        let pulse = pulses.get(pin);
        if (!pulse) {
          pulse = { rise: 0, width: 0, end: -Infinity };
          pulses.set(pin, pulse);
          board.pins.onChange(pin, () => undefined);
          return undefined;
        }
        if (pulse.width === 0 || boardCycles() - pulse.end > 0.05 * FREQUENCY) return undefined;
        return (pulse.width / FREQUENCY) * 1000;
      },
    },
    setAnalog(channel, volts) {
      if (!Number.isInteger(channel) || channel < 0 || channel >= analogVolts.length) {
        throw new LocalizedError(messages.badChannel, { channel, last: analogVolts.length - 1 });
      }
      analogVolts[channel] = Math.max(0, Math.min(5, volts));
      chip.adc.channelValues[channel] = analogVolts[channel];
    },
    setDigital(pin, level) {
      const { port: portName } = pinLocation(pin);
      if (level === undefined) driven.delete(pin);
      else driven.set(pin, !!level);
      applyInputs(portName);
      notify();
    },
    attachHcSr04({ trig, echo = trig, distanceCm }) {
      pinLocation(trig);
      pinLocation(echo);
      let rise = -1;
      let echoing = false;
      const TRIGGER_MIN_CYCLES = 10 * (FREQUENCY / 1_000_000); // datasheet: ≥ 10 µs
      const BURST_CYCLES = 250 * (FREQUENCY / 1_000_000); // 8 cycles of 40 kHz, then echo
      const stopListening = board.pins.onChange(trig, (level, _seconds, cycles) => {
        if (modeOf(trig) !== "output") return;
        if (level === 1) {
          rise = cycles;
          return;
        }
        if (rise < 0 || cycles - rise < TRIGGER_MIN_CYCLES || echoing) return;
        rise = -1;
        const distance = distanceCm();
        const inRange =
          distance !== undefined && Number.isFinite(distance) && distance >= 2 && distance <= 400;
        // Round trip at 343 m/s: 58.3 µs per cm; nothing in range: a 38 ms pulse.
        const widthUs = inRange ? (distance * 2) / 0.0343 : 38_000;
        echoing = true;
        const cpuAtTrigger = chip.cpu;
        chip.cpu.addClockEvent(() => {
          if (chip.cpu !== cpuAtTrigger) return;
          board.setDigital(echo, 1);
          chip.cpu.addClockEvent(
            () => {
              if (chip.cpu === cpuAtTrigger) board.setDigital(echo, 0);
              echoing = false;
            },
            Math.round(widthUs * (FREQUENCY / 1_000_000)),
          );
        }, BURST_CYCLES);
      });
      board.setDigital(echo, 0);
      const onReset = (): void => {
        echoing = false;
        rise = -1;
        driven.set(echo, false);
      };
      resetHooks.add(onReset);
      return () => {
        stopListening();
        resetHooks.delete(onReset);
        board.setDigital(echo, undefined);
      };
    },
    attachI2cDevice(address, model) {
      i2c.devices.set(address, model);
      return () => {
        if (i2c.devices.get(address) === model) i2c.devices.delete(address);
      };
    },
    lastResetCause: () => resetCause,
    setLinkConnected(connected) {
      linkConnected = connected;
      if (!connected) {
        rxQueue.length = 0;
        rxHead = 0;
      }
    },
    pendingHostBytes: () => rxQueue.length - rxHead + (rxInFlight ? 1 : 0),
    setHostByteCycles(cycles) {
      hostByteCycles = cycles === undefined ? undefined : Math.max(1, Math.round(cycles));
    },
  };
  return board;
}
