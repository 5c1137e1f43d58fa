import { describe, expect, it } from "vitest";
import { INPUT_SIZE, toInput, toInputBytes } from "./image.ts";
import { seededRandom } from "./random.ts";

const S = INPUT_SIZE;

function randomRgb(width: number, height: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length: width * height * 3 }, () => Math.floor(random() * 256));
}

describe("toInput (the model's resampling)", () => {
  it("is 96x96: the photos' 96 rows survive, the 128 columns are area-averaged", () => {
    expect(S).toBe(96);
    // A 128x96 photo (TrashNet's size) whose columns alternate 0 / 255 in blocks of 4:
    // every output column covers 4/3 source columns, so the averages are exact thirds.
    const data = new Uint8Array(128 * 96 * 3);
    for (let y = 0; y < 96; y++)
      for (let x = 0; x < 128; x++)
        data.fill(Math.floor(x / 4) % 2 ? 255 : 0, (y * 128 + x) * 3, (y * 128 + x) * 3 + 3);
    const out = toInput({ width: 128, height: 96, data, channels: 3 });
    expect(out.length).toBe(S * S * 3);
    const row = Array.from({ length: 6 }, (_, x) => Math.round(out[x * 3]! * 255));
    // Columns 0-2 cover source 0..4 (black); column 3 covers 4..5.33 (white), and so on.
    expect(row).toEqual([0, 0, 0, 255, 255, 255]);
    // Rows are untouched: the top and bottom rows equal the middle one.
    expect(out.slice(0, S * 3)).toEqual(out.slice((S - 1) * S * 3, S * S * 3));
  });

  it("gives an image of the input size back unchanged (fast path), RGB or RGBA", () => {
    const rgb = randomRgb(S, S, 3);
    const out = toInput({ width: S, height: S, data: rgb, channels: 3 });
    expect(Array.from(out, (v) => Math.round(v * 255))).toEqual(Array.from(rgb));
    const rgba = new Uint8Array(S * S * 4);
    for (let p = 0; p < S * S; p++) rgba.set([...rgb.subarray(p * 3, p * 3 + 3), 255], p * 4);
    expect(toInput({ width: S, height: S, data: rgba })).toEqual(out);
  });

  it("the fast path agrees with area averaging of the same picture at twice the size", () => {
    const rgb = randomRgb(S, S, 4);
    const big = new Uint8Array(4 * S * S * 3);
    for (let y = 0; y < 2 * S; y++)
      for (let x = 0; x < 2 * S; x++) {
        const p = ((y >> 1) * S + (x >> 1)) * 3;
        big.set(rgb.subarray(p, p + 3), (y * 2 * S + x) * 3);
      }
    const direct = toInput({ width: S, height: S, data: rgb, channels: 3 });
    expect(toInput({ width: 2 * S, height: 2 * S, data: big, channels: 3 })).toEqual(direct);
  });

  it("writes into a batch at an offset, and bytes round-trip", () => {
    const rgb = randomRgb(S, S, 5);
    const batch = new Float32Array(2 * S * S * 3);
    toInput({ width: S, height: S, data: rgb, channels: 3 }, S, batch, S * S * 3);
    expect(batch.subarray(0, S * S * 3).every((v) => v === 0)).toBe(true);
    expect(Array.from(batch.subarray(S * S * 3), (v) => Math.round(v * 255))).toEqual(
      Array.from(rgb),
    );
    expect(toInputBytes({ width: S, height: S, data: rgb, channels: 3 })).toEqual(rgb);
  });
});
