/**
 * The emulated board's USB serial port, as the host sees it: the object firmata.js (firmata-io)
 * and our flasher talk to. It has the shape of a serialport instance that they use:
 * `open`, `close`, `write(buf, cb)`, `set({ dtr })` and the events `open`, `data`, `close`, `error`.
 * Opening the port resets the board, as the DTR line of a real Arduino's USB adapter does.
 */
import { EventEmitter } from "node:events";

/** What the port needs from the board behind it. */
export interface SerialLink {
  /** Host → board bytes (the wire: they reach the USART one character time apart). */
  hostWrite(bytes: Uint8Array): void;
  /** The DTR/RTS line pulses: a real board resets. */
  pulseReset(): void;
  /** The baud rate the host side uses changed. */
  setHostBaud(baud: number): void;
}

export class EmulatedSerialPort extends EventEmitter {
  isOpen = false;
  readonly path: string;
  private baud: number;

  constructor(
    private readonly link: SerialLink,
    path: string,
    baudRate: number,
  ) {
    super();
    this.path = path;
    this.baud = baudRate;
  }

  get baudRate(): number {
    return this.baud;
  }

  /** Opens the port: asserts DTR, which resets the board. `open` is emitted asynchronously. */
  open(callback?: (error: Error | null) => void): void {
    if (this.isOpen) {
      process.nextTick(() => callback?.(null));
      return;
    }
    this.isOpen = true;
    this.link.setHostBaud(this.baud);
    this.link.pulseReset();
    process.nextTick(() => {
      this.emit("open");
      callback?.(null);
    });
  }

  close(callback?: (error: Error | null) => void): void {
    const was = this.isOpen;
    this.isOpen = false;
    process.nextTick(() => {
      if (was) this.emit("close");
      callback?.(null);
    });
  }

  /** Changes the host's baud rate (a flasher talks to a bootloader at its own speed). */
  update(options: { baudRate?: number }, callback?: (error: Error | null) => void): void {
    if (options.baudRate) {
      this.baud = options.baudRate;
      this.link.setHostBaud(options.baudRate);
    }
    process.nextTick(() => callback?.(null));
  }

  /** Sets the modem lines; DTR or RTS going active pulses the board's reset line. */
  set(options: { dtr?: boolean; rts?: boolean }, callback?: (error: Error | null) => void): void {
    if (options.dtr || options.rts) this.link.pulseReset();
    process.nextTick(() => callback?.(null));
  }

  write(data: Uint8Array | number[] | string, callback?: (error?: Error | null) => void): boolean {
    if (!this.isOpen) {
      const error = new Error("Port is not open");
      process.nextTick(() => {
        callback?.(error);
        this.emit("error", error);
      });
      return false;
    }
    const bytes = typeof data === "string" ? Buffer.from(data, "binary") : Uint8Array.from(data);
    this.link.hostWrite(bytes);
    process.nextTick(() => callback?.(null));
    return true;
  }

  drain(callback?: (error: Error | null) => void): void {
    process.nextTick(() => callback?.(null));
  }

  flush(callback?: (error: Error | null) => void): void {
    process.nextTick(() => callback?.(null));
  }

  /** Called by the board: bytes the board transmitted. Dropped while the port is closed. */
  deliver(bytes: Buffer): void {
    if (this.isOpen) this.emit("data", bytes);
  }
}
