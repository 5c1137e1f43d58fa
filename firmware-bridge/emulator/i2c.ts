/**
 * The emulated board's I2C bus: device models attach at a 7-bit address and answer the
 * microcontroller's TWI transactions byte by byte. Each byte takes 9 SCL clocks of CPU time,
 * at the bus speed the firmware configured (TWBR/TWSR).
 */
import type { AVRTWI, TWIEventHandler } from "avr8js";

/** A device on the bus. `write` returns whether the device acknowledges the byte. */
export interface I2cDeviceModel {
  /** A transaction addressed to this device starts (after START/repeated START). */
  begin?(direction: "read" | "write"): void;
  write(byte: number): boolean;
  read(): number;
  /** STOP condition. */
  end?(): void;
}

export class I2cBus implements TWIEventHandler {
  readonly devices = new Map<number, I2cDeviceModel>();
  private current: I2cDeviceModel | undefined;

  constructor(
    private readonly twi: () => AVRTWI,
    private readonly schedule: (callback: () => void, cycles: number) => void,
    private readonly cpuHz: number,
  ) {}

  private byteCycles(): number {
    const scl = this.twi().sclFrequency;
    return Math.max(1, Math.round((9 * this.cpuHz) / scl));
  }

  start(): void {
    this.schedule(() => this.twi().completeStart(), Math.round(this.byteCycles() / 9));
  }

  stop(): void {
    this.current?.end?.();
    this.current = undefined;
    this.schedule(() => this.twi().completeStop(), Math.round(this.byteCycles() / 9));
  }

  connectToSlave(address: number, write: boolean): void {
    this.current?.end?.();
    this.current = this.devices.get(address);
    this.current?.begin?.(write ? "write" : "read");
    const ack = this.current !== undefined;
    this.schedule(() => this.twi().completeConnect(ack), this.byteCycles());
  }

  writeByte(value: number): void {
    const ack = this.current ? this.current.write(value) : false;
    this.schedule(() => this.twi().completeWrite(ack), this.byteCycles());
  }

  readByte(): void {
    const value = this.current ? this.current.read() & 0xff : 0xff;
    this.schedule(() => this.twi().completeRead(value), this.byteCycles());
  }
}
