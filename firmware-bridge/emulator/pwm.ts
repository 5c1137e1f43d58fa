/**
 * PWM duty of a pin, read from its timer's registers (compare output mode, waveform generation
 * mode, TOP, OCR) the way the datasheet's waveform tables define it: fast PWM gives
 * (OCR + 1) / (TOP + 1), phase-correct PWM OCR / TOP, inverting mode the complement.
 */
import type { ChipSpec } from "./chips.ts";
import type { Chip } from "./mcu.ts";

const CHANNEL_SHIFT = { A: 6, B: 4, C: 2 } as const;
/** 16-bit timers: WGM → fixed TOP (the other modes take TOP from ICR or OCRA). */
const FIXED_TOP_16: Record<number, number> = {
  1: 0xff,
  2: 0x1ff,
  3: 0x3ff,
  5: 0xff,
  6: 0x1ff,
  7: 0x3ff,
};
const ICR_TOP_16 = [8, 10, 12, 14];
const FAST_16 = [5, 6, 7, 14, 15];

/**
 * 0..1 when a timer's compare output drives the pin; `undefined` when the pin is a plain
 * output or input (its level is then the duty).
 */
export function timerDuty(chip: Chip, spec: ChipSpec, pin: number): number | undefined {
  const output = spec.pwm[pin];
  if (!output) return undefined;
  const config = spec.timers[output.timer]!;
  const { data } = chip.cpu;
  const wide = config.bits === 16;
  const tccra = data[config.TCCRA]!;
  const tccrb = data[config.TCCRB]!;
  const com = (tccra >> CHANNEL_SHIFT[output.channel]) & 0x03;
  if (com < 2 || (tccrb & 0x07) === 0) return undefined;
  const read = (address: number): number =>
    wide ? data[address]! | (data[address + 1]! << 8) : data[address]!;
  const ocr = read({ A: config.OCRA, B: config.OCRB, C: config.OCRC }[output.channel]);
  const wgm = (tccra & 0x03) | ((tccrb >> 1) & (wide ? 0x0c : 0x04));
  let top: number;
  let fast: boolean;
  if (wide) {
    top = FIXED_TOP_16[wgm] ?? (ICR_TOP_16.includes(wgm) ? read(config.ICR) : read(config.OCRA));
    fast = FAST_16.includes(wgm);
  } else {
    top = wgm === 5 || wgm === 7 ? data[config.OCRA]! : 0xff;
    fast = wgm === 3 || wgm === 7;
  }
  if (top === 0) return undefined;
  const duty = fast ? Math.min(1, (ocr + 1) / (top + 1)) : Math.min(1, ocr / top);
  return com === 3 ? 1 - duty : duty;
}
