/**
 * From TCS34725 raw counts to the Robot API's colour reading: counts scaled by the counts the
 * sensor gives on white paper (the white reference, part of the calibration), then named by hue,
 * saturation and brightness.
 */
import type { ColorName, ColorReading } from "../../runtime/engine.ts";

/** Counts on white paper, per channel: clear, red, green, blue. */
export type WhiteReference = [number, number, number, number];

/** A sensible white reference for 24 ms integration at gain 4x, a few mm above paper. */
export const DEFAULT_WHITE: WhiteReference = [6000, 2400, 2200, 1900];

export function rgbFromCounts(
  rgbc: readonly [number, number, number, number],
  white: WhiteReference = DEFAULT_WHITE,
): { r: number; g: number; b: number } {
  const scale = (value: number, ref: number) =>
    Math.max(0, Math.min(255, Math.round((value / Math.max(1, ref)) * 255)));
  return { r: scale(rgbc[1], white[1]), g: scale(rgbc[2], white[2]), b: scale(rgbc[3], white[3]) };
}

/** Names an RGB colour (0..255 each) with the Robot API's colour names. */
export function nameColor(r: number, g: number, b: number): ColorName {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const value = max / 255;
  const saturation = max === 0 ? 0 : (max - min) / max;
  if (value < 0.2) return "black";
  if (saturation < 0.25) return value > 0.75 ? "white" : value < 0.35 ? "black" : "grey";
  let hue: number;
  const d = max - min;
  if (max === r) hue = ((g - b) / d) * 60;
  else if (max === g) hue = ((b - r) / d) * 60 + 120;
  else hue = ((r - g) / d) * 60 + 240;
  if (hue < 0) hue += 360;
  if (hue < 15 || hue >= 330) return value < 0.5 ? "brown" : "red";
  if (hue < 45) return value < 0.6 ? "brown" : "orange";
  if (hue < 70) return "yellow";
  if (hue < 170) return "green";
  if (hue < 260) return "blue";
  return "red";
}

export function colorReading(
  rgbc: readonly [number, number, number, number],
  white?: WhiteReference,
): ColorReading {
  const { r, g, b } = rgbFromCounts(rgbc, white);
  return { name: nameColor(r, g, b), r, g, b };
}
