/**
 * The latest sensor samples of a kit, as the thread that owns the board link sees them. Each
 * sensor has a sequence number that grows with every sample, so a reader can wait for a fresh one.
 */
export interface SensorSamples {
  /** HC-SR04 distance in cm (NaN before the first echo; 0 = no echo = nothing in range). */
  distanceCm: number;
  distanceSeq: number;
  /** Raw line sensor readings: 0..1023 (analog) or 0/1 (digital); left, centre, right. */
  line: [number, number, number];
  lineSeq: number;
  /** TCS34725 raw counts: clear, red, green, blue. */
  rgbc: [number, number, number, number];
  colorSeq: number;
}

export function emptySamples(): SensorSamples {
  return {
    distanceCm: NaN,
    distanceSeq: 0,
    line: [0, 0, 0],
    lineSeq: 0,
    rgbc: [0, 0, 0, 0],
    colorSeq: 0,
  };
}

/** How often each sensor delivers a sample, in ms (Johnny-Five's ping cadence, our rates). */
export const SAMPLE_PERIOD_MS = {
  distance: 65,
  line: 20,
  color: 30,
} as const;
