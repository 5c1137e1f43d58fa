/**
 * Sits between the serial port and firmata.js: it passes the board's bytes on, but first checks
 * that they are Firmata. A board that sends something else (another sketch, the wrong baud rate,
 * electrical noise) is reported once with a clear reason instead of hanging or crashing the host;
 * an exception thrown by the parser on malformed input is caught the same way.
 */
import { EventEmitter } from "node:events";

/** A serial port as firmata.js uses it. */
export interface PortLike extends EventEmitter {
  isOpen?: boolean;
  open?(callback?: (error: Error | null) => void): void;
  close?(callback?: (error: Error | null) => void): void;
  write(data: Uint8Array | number[], callback?: (error?: Error | null) => void): unknown;
}

/**
 * Counts bytes that cannot be part of a Firmata message sent by a board. Boards send only
 * digital (0x90-0x9F) and analog (0xE0-0xEF) messages with 2 data bytes, the version (0xF9, 2
 * data bytes) and SysEx (0xF0 … 0xF7, data bytes only in between).
 */
export class FirmataFrameChecker {
  private expectData = 0;
  private inSysex = false;
  invalid = 0;
  valid = 0;

  push(byte: number): void {
    if (this.inSysex) {
      if (byte === 0xf7) {
        this.inSysex = false;
        this.valid++;
      } else if (byte >= 0x80) {
        this.inSysex = false;
        this.invalid++;
        this.command(byte);
      }
      return;
    }
    if (byte < 0x80) {
      if (this.expectData > 0) {
        this.expectData--;
        if (this.expectData === 0) this.valid++;
      } else this.invalid++;
      return;
    }
    if (this.expectData > 0) this.invalid++; // a command cut a message short
    this.command(byte);
  }

  private command(byte: number): void {
    this.expectData = 0;
    const high = byte & 0xf0;
    if (high === 0x90 || high === 0xe0 || byte === 0xf9) this.expectData = 2;
    else if (byte === 0xf0) this.inSysex = true;
    else this.invalid++;
  }
}

export type GuardProblem = "garbage" | "parser";

/**
 * Wraps a port for firmata.js. `onProblem` is called once when the board's bytes are not
 * Firmata (more than `maxInvalid` bad bytes within `windowMs`) or when the parser throws.
 */
export class GuardedPort extends EventEmitter {
  readonly checker = new FirmataFrameChecker();
  private windowStart = performance.now();
  private windowInvalid = 0;
  private reported = false;
  private detached = false;
  private readonly forward = (data: Buffer) => this.receive(data);
  private readonly relays: [string, (...args: unknown[]) => void][];

  constructor(
    readonly port: PortLike,
    private readonly onProblem: (problem: GuardProblem, detail: string) => void,
    private readonly maxInvalid = 64,
    private readonly windowMs = 2000,
  ) {
    super();
    this.relays = ["open", "close", "error", "disconnect"].map((event) => [
      event,
      (...args: unknown[]) => this.emit(event, ...args),
    ]);
    port.on("data", this.forward);
    for (const [event, relay] of this.relays) port.on(event, relay);
  }

  get isOpen(): boolean | undefined {
    return this.port.isOpen;
  }

  write(data: Uint8Array | number[], callback?: (error?: Error | null) => void): unknown {
    // After the link is given up, late writes (a component's last timer) go nowhere.
    if (this.detached || this.port.isOpen === false) {
      callback?.(null);
      return false;
    }
    return this.port.write(data, callback);
  }

  /** Stops listening to the port (it is left as it is); later writes are dropped. */
  detach(): void {
    this.detached = true;
    this.port.off("data", this.forward);
    for (const [event, relay] of this.relays) this.port.off(event, relay);
  }

  private receive(data: Buffer): void {
    const before = this.checker.invalid;
    for (const byte of data) this.checker.push(byte);
    const now = performance.now();
    if (now - this.windowStart > this.windowMs) {
      this.windowStart = now;
      this.windowInvalid = 0;
    }
    this.windowInvalid += this.checker.invalid - before;
    if (this.windowInvalid > this.maxInvalid) {
      this.report("garbage", `${this.windowInvalid} bytes`);
      return;
    }
    try {
      this.emit("data", data);
    } catch (error) {
      this.report("parser", (error as Error).message);
    }
  }

  private report(problem: GuardProblem, detail: string): void {
    if (this.reported) return;
    this.reported = true;
    this.onProblem(problem, detail);
  }
}
