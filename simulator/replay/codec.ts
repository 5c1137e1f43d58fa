/** Compact integer streams: zigzag varints, base64 (no platform helpers: runs in Node and browsers). */

export class VarintWriter {
  private bytes: number[] = [];
  write(value: number): void {
    // Zigzag keeps small negative numbers small; values fit in 53 bits.
    let v = value < 0 ? -2 * value - 1 : 2 * value;
    while (v >= 0x80) {
      this.bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.bytes.push(v);
  }
  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

export class VarintReader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get done(): boolean {
    return this.at >= this.bytes.length;
  }
  read(): number {
    let v = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.bytes.length) throw new RangeError("truncated varint");
      const b = this.bytes[this.at++]!;
      v += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new RangeError("varint too long");
    }
    return v % 2 === 1 ? -(v + 1) / 2 : v / 2;
  }
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

export function toBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : "=";
    out += i + 2 < bytes.length ? ALPHABET[n & 63]! : "=";
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const c of clean) {
    const v = INDEX.get(c);
    if (v === undefined) throw new RangeError(`not base64: ${JSON.stringify(c)}`);
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** 64-bit FNV-1a as two 32-bit halves, over integers and strings; printed as 16 hex digits. */
export class Hasher {
  private hi = 0xcbf29ce4;
  private lo = 0x84222325;
  private byte(b: number): void {
    this.lo ^= b & 0xff;
    // Multiply by the FNV prime 0x100000001b3 = 2^40 + 0x1b3, in 32-bit halves.
    const lo = this.lo;
    const hi = this.hi;
    const loProd = lo * 0x1b3;
    const newLo = loProd >>> 0;
    const carry = Math.floor(loProd / 4294967296);
    const newHi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) >>> 0;
    this.lo = newLo;
    this.hi = newHi;
  }
  int(value: number): this {
    // Integers up to 2^53, as 8 little-endian bytes: `byte` eight times, in 32-bit integer
    // arithmetic only (the trace hashes every pose of every frame; this was 8 % of a busy run).
    const v = value < 0 ? -value * 2 + 1 : value * 2;
    const low = v >>> 0;
    const high = v < 4294967296 ? 0 : (v - low) / 4294967296;
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < 8; i++) {
      const x = (lo ^ ((i < 4 ? low >>> (8 * i) : high >>> (8 * i - 32)) & 0xff)) >>> 0;
      // x · 0x1b3 in 16-bit halves; `byte` reads x as a signed 32-bit value, hence the borrow.
      const p0 = (x & 0xffff) * 0x1b3;
      const p1 = (x >>> 16) * 0x1b3 + (p0 >>> 16);
      const borrow = x >= 0x80000000 ? 0x1b3 : 0;
      hi = (Math.imul(hi, 0x1b3) + (p1 >>> 16) - borrow + ((x << 8) >>> 0)) >>> 0;
      lo = (((p1 & 0xffff) << 16) | (p0 & 0xffff)) >>> 0;
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }
  float(value: number): this {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    for (let i = 0; i < 8; i++) this.byte(view.getUint8(i));
    return this;
  }
  string(text: string): this {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      this.byte(c);
      this.byte(c >> 8);
    }
    this.byte(0);
    return this;
  }
  hex(): string {
    return this.hi.toString(16).padStart(8, "0") + this.lo.toString(16).padStart(8, "0");
  }
}
