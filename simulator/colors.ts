/** The colours the colour sensor names, and the RGB a sensor reads for each on a matte floor. */
import type { ColorName } from "../runtime/engine.ts";
import type { Rgb } from "./items/catalogue.ts";

export const PALETTE: Record<ColorName, Rgb> = {
  black: [20, 20, 22],
  white: [235, 235, 230],
  grey: [128, 128, 128],
  red: [200, 35, 35],
  orange: [235, 130, 30],
  yellow: [235, 215, 40],
  green: [40, 160, 60],
  blue: [35, 80, 200],
  brown: [130, 85, 45],
};

/** Whether an IR line sensor sees this colour as a dark line (it reflects little infrared). */
export function isDark(rgb: Rgb): boolean {
  return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] < 70;
}
