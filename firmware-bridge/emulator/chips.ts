/**
 * The microcontrollers the emulator builds: register and interrupt-vector addresses from the
 * ATmega328P and ATmega2560 datasheets (a vector's address is twice avr-libc's vector number),
 * and the Arduino pin maps (pins_arduino.h of the `standard` and `mega` variants).
 */
import {
  adcConfig,
  ADCMuxInputType,
  atmega328Channels,
  portAConfig,
  portBConfig,
  portCConfig,
  portDConfig,
  portEConfig,
  portFConfig,
  portGConfig,
  portHConfig,
  portJConfig,
  portKConfig,
  portLConfig,
  timer0Config,
  timer1Config,
  timer2Config,
  twiConfig,
  usart0Config,
  watchdogConfig,
  type ADCConfig,
  type ADCMuxConfiguration,
  type AVRPortConfig,
  type AVRTimerConfig,
  type WatchdogConfig,
} from "avr8js";

type USARTConfig = typeof usart0Config;
type TWIConfig = typeof twiConfig;

export interface ChipSpec {
  mcu: "atmega328p" | "atmega2560";
  flashBytes: number;
  sramBytes: number;
  eepromBytes: number;
  pageBytes: number;
  ports: Record<string, AVRPortConfig>;
  /** Arduino pin number → port letter and bit, e.g. "B5". */
  pins: readonly string[];
  timers: AVRTimerConfig[];
  /** Arduino pin → the timer (index in `timers`) and compare channel that can drive it. */
  pwm: Record<number, { timer: number; channel: "A" | "B" | "C" }>;
  usart: USARTConfig;
  adc: ADCConfig;
  analogChannels: number;
  twi: TWIConfig;
  watchdog: WatchdogConfig;
  /** RAMPZ (third byte of Z for SPM above 64 KiB), when the chip has it. */
  rampz?: number;
}

const range = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

export const ATMEGA328P: ChipSpec = {
  mcu: "atmega328p",
  flashBytes: 32 * 1024,
  sramBytes: 2048,
  eepromBytes: 1024,
  pageBytes: 128,
  ports: { B: portBConfig, C: portCConfig, D: portDConfig },
  pins: [...range("D", 0, 7), ...range("B", 0, 5), ...range("C", 0, 5)],
  timers: [timer0Config, timer1Config, timer2Config],
  pwm: {
    3: { timer: 2, channel: "B" },
    5: { timer: 0, channel: "B" },
    6: { timer: 0, channel: "A" },
    9: { timer: 1, channel: "A" },
    10: { timer: 1, channel: "B" },
    11: { timer: 2, channel: "A" },
  },
  usart: usart0Config,
  adc: adcConfig,
  analogChannels: 8,
  twi: twiConfig,
  watchdog: watchdogConfig,
};

/** A port without the 328P's interrupt wiring (the 2560's vectors differ; our code uses none). */
const plain = (config: AVRPortConfig): AVRPortConfig => ({ ...config, externalInterrupts: [] });

const MEGA_PORTS: Record<string, AVRPortConfig> = {
  A: plain(portAConfig),
  B: plain(portBConfig),
  C: plain(portCConfig),
  D: plain(portDConfig),
  E: plain(portEConfig),
  F: plain(portFConfig),
  G: plain(portGConfig),
  H: plain(portHConfig),
  J: plain(portJConfig),
  K: plain(portKConfig),
  L: plain(portLConfig),
};
for (const config of Object.values(MEGA_PORTS))
  delete (config as { pinChange?: unknown }).pinChange;

/** avr-libc vector number → avr8js interrupt address. */
const v = (vector: number): number => vector * 2;

function megaTimer(
  base: AVRTimerConfig,
  vectors: { capt: number; a: number; b: number; c: number; ovf: number },
  out: { a: string; b: string; c: string },
  registers: Partial<AVRTimerConfig> = {},
): AVRTimerConfig {
  const port = (name: string): number => MEGA_PORTS[name[0]!]!.PORT;
  return {
    ...base,
    ...registers,
    captureInterrupt: v(vectors.capt),
    compAInterrupt: v(vectors.a),
    compBInterrupt: v(vectors.b),
    compCInterrupt: vectors.c ? v(vectors.c) : 0,
    ovfInterrupt: v(vectors.ovf),
    compPortA: port(out.a),
    compPinA: Number(out.a[1]),
    compPortB: port(out.b),
    compPinB: Number(out.b[1]),
    compPortC: out.c ? port(out.c) : 0,
    compPinC: out.c ? Number(out.c[1]) : 0,
    externalClockPort: 0,
    externalClockPin: 0,
  };
}

/** Registers of the 2560's 16-bit timers 3, 4 and 5 (datasheet register summary). */
const timer16 = (tccra: number, timsk: number, tifr: number): Partial<AVRTimerConfig> => ({
  TCCRA: tccra,
  TCCRB: tccra + 1,
  TCCRC: tccra + 2,
  TCNT: tccra + 4,
  ICR: tccra + 6,
  OCRA: tccra + 8,
  OCRB: tccra + 10,
  OCRC: tccra + 12,
  TIMSK: timsk,
  TIFR: tifr,
});

const megaChannels: ADCMuxConfiguration = { ...atmega328Channels };
for (let channel = 8; channel < 16; channel++) {
  megaChannels[0x20 + channel - 8] = { type: ADCMuxInputType.SingleEnded, channel };
}

const MEGA_PINS =
  "E0 E1 E4 E5 G5 E3 H3 H4 H5 H6 B4 B5 B6 B7 J1 J0 H1 H0 D3 D2 D1 D0 A0 A1 A2 A3 A4 A5 A6 A7 " +
  "C7 C6 C5 C4 C3 C2 C1 C0 D7 G2 G1 G0 L7 L6 L5 L4 L3 L2 L1 L0 B3 B2 B1 B0 F0 F1 F2 F3 F4 F5 " +
  "F6 F7 K0 K1 K2 K3 K4 K5 K6 K7";

export const ATMEGA2560: ChipSpec = {
  mcu: "atmega2560",
  flashBytes: 256 * 1024,
  sramBytes: 8192,
  eepromBytes: 4096,
  pageBytes: 256,
  ports: MEGA_PORTS,
  pins: MEGA_PINS.split(" "),
  timers: [
    megaTimer(timer0Config, { capt: 0, a: 21, b: 22, c: 0, ovf: 23 }, { a: "B7", b: "G5", c: "" }),
    megaTimer(
      timer1Config,
      { capt: 16, a: 17, b: 18, c: 19, ovf: 20 },
      { a: "B5", b: "B6", c: "B7" },
      { OCRC: 0x8c },
    ),
    megaTimer(timer2Config, { capt: 0, a: 13, b: 14, c: 0, ovf: 15 }, { a: "B4", b: "H6", c: "" }),
    megaTimer(
      timer1Config,
      { capt: 31, a: 32, b: 33, c: 34, ovf: 35 },
      { a: "E3", b: "E4", c: "E5" },
      timer16(0x90, 0x71, 0x38),
    ),
    megaTimer(
      timer1Config,
      { capt: 41, a: 42, b: 43, c: 44, ovf: 45 },
      { a: "H3", b: "H4", c: "H5" },
      timer16(0xa0, 0x72, 0x39),
    ),
    megaTimer(
      timer1Config,
      { capt: 46, a: 47, b: 48, c: 49, ovf: 50 },
      { a: "L3", b: "L4", c: "L5" },
      timer16(0x120, 0x73, 0x3a),
    ),
  ],
  pwm: {
    2: { timer: 3, channel: "B" },
    3: { timer: 3, channel: "C" },
    4: { timer: 0, channel: "B" },
    5: { timer: 3, channel: "A" },
    6: { timer: 4, channel: "A" },
    7: { timer: 4, channel: "B" },
    8: { timer: 4, channel: "C" },
    9: { timer: 2, channel: "B" },
    10: { timer: 2, channel: "A" },
    11: { timer: 1, channel: "A" },
    12: { timer: 1, channel: "B" },
    13: { timer: 0, channel: "A" },
    44: { timer: 5, channel: "C" },
    45: { timer: 5, channel: "B" },
    46: { timer: 5, channel: "A" },
  },
  usart: {
    ...usart0Config,
    rxCompleteInterrupt: v(25),
    dataRegisterEmptyInterrupt: v(26),
    txCompleteInterrupt: v(27),
  },
  adc: {
    ...adcConfig,
    adcInterrupt: v(29),
    numChannels: 16,
    muxInputMask: 0x3f,
    muxChannels: megaChannels,
  },
  analogChannels: 16,
  twi: { ...twiConfig, twiInterrupt: v(39) },
  watchdog: { ...watchdogConfig, watchdogInterrupt: v(12) },
  rampz: 0x5b,
};
