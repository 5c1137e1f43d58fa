/**
 * The trace hash's integer step (`Hasher.int`, simulator/replay/codec.ts) computes in 32-bit
 * integer arithmetic what it used to compute byte by byte in floating point: every trace hash ever
 * recorded depends on it giving the same digits. Checked against that byte-by-byte definition on
 * the integers a trace holds (small and large, negative, powers of two and their neighbours).
 */
import { describe, expect, it } from "vitest";
import { Hasher, Random } from "../../simulator/index.ts";

/** The definition: 64-bit FNV-1a over the zigzag value's 8 little-endian bytes, as first written. */
class ByteHasher {
  private hi = 0xcbf29ce4;
  private lo = 0x84222325;
  private byte(b: number): void {
    this.lo ^= b & 0xff;
    const lo = this.lo;
    const hi = this.hi;
    const loProd = lo * 0x1b3;
    const newLo = loProd >>> 0;
    const carry = Math.floor(loProd / 4294967296);
    this.hi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) >>> 0;
    this.lo = newLo;
  }
  int(value: number): this {
    let v = value < 0 ? -value * 2 + 1 : value * 2;
    for (let i = 0; i < 8; i++) {
      this.byte(v % 256);
      v = Math.floor(v / 256);
    }
    return this;
  }
  hex(): string {
    return this.hi.toString(16).padStart(8, "0") + this.lo.toString(16).padStart(8, "0");
  }
}

describe("trace hash", () => {
  it("hashes integers exactly as the byte-by-byte definition", () => {
    const random = new Random(13);
    const values: number[] = [0, 1, -1, 2 ** 31, -(2 ** 31), 2 ** 32 - 1, 2 ** 32, 2 ** 51];
    for (let e = 0; e < 52; e++) values.push(2 ** e - 1, 2 ** e, -(2 ** e), -(2 ** e) - 1);
    for (let i = 0; i < 20_000; i++) {
      const scale = 2 ** Math.floor(random.next() * 52);
      values.push(Math.round((random.next() - 0.5) * scale));
    }
    const fast = new Hasher();
    const reference = new ByteHasher();
    let firstDifference: number | null = null;
    for (const value of values) {
      fast.int(value);
      reference.int(value);
      if (firstDifference === null && fast.hex() !== reference.hex()) firstDifference = value;
    }
    expect(firstDifference).toBeNull();
    expect(fast.hex()).toBe(reference.hex());
  });
});
