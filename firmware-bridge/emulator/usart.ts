/**
 * The USB serial link's board end: USART0 between the chip and the host's port.
 *
 * - Host → board: bytes travel one at a time at the wire's speed (10 bits a byte at the host's
 *   baud rate) into the receiver, whose buffer is a two-level FIFO as on the chip (datasheet,
 *   "Receiving Frames": UDR plus one waiting byte; avr8js holds one, the second level is kept
 *   here). A byte is lost when the receiver is off, at another speed (> 3.5 % apart), overrun,
 *   or the cable is out.
 * - Board → host: transmitted bytes wait in a buffer the run loop flushes to the port.
 * - avr8js 0.21 drops a received byte's RXC flag on every UCSR0A write (it keeps only U2X/MPCM)
 *   and on every UCSR0B write while the receiver stays on; the chip does neither (RXC and UDRE are
 *   read-only, TXC clears by writing 1). HardwareSerial writes both registers for each byte it
 *   sends, so a board that transmits lost host bytes (a ping's final F7, say). The hooks here
 *   keep the flags as the chip does.
 */
import type { CPU } from "avr8js";
import type { ChipSpec } from "./chips.ts";
import { FREQUENCY, type Chip, type Mcu } from "./mcu.ts";

const RXC = 0x80; // UCSR0A: receive complete
const TXC = 0x40; // UCSR0A: transmit complete
const UDRE = 0x20; // UCSR0A: data register empty
const RXEN = 0x10; // UCSR0B: receiver enable

export interface LinkStats {
  /** Bytes the host sent that the board could not receive (RX disabled, baud mismatch, overrun). */
  droppedHostBytes: number;
  /** Bytes the board sent at a speed the host does not listen at. */
  droppedBoardBytes: number;
}

export class UsartBridge {
  readonly stats: LinkStats = { droppedHostBytes: 0, droppedBoardBytes: 0 };
  /** Whether the USB cable is in. */
  connected = true;
  private readonly rxQueue: number[] = [];
  private rxHead = 0;
  private rxInFlight = false;
  private rxSecond: number | undefined;
  private txBuffer: number[] = [];
  private hostByteCycles: number | undefined;
  private readonly registers: ChipSpec["usart"];

  constructor(
    private readonly mcu: Mcu,
    /** The host side's baud rate (the USB adapter). */
    public hostBaud: number,
  ) {
    this.registers = mcu.spec.usart;
    mcu.onChip((chip) => this.hook(chip));
    mcu.onReset(() => {
      this.rxQueue.length = 0;
      this.rxHead = 0;
      this.rxInFlight = false;
      this.rxSecond = undefined;
    });
  }

  /** Host → board bytes, queued on the wire. */
  hostWrite(bytes: Uint8Array): void {
    if (!this.connected) return;
    for (const b of bytes) this.rxQueue.push(b);
    this.feed();
  }

  /** Whether the board transmitted bytes not yet taken. */
  hasTransmitted(): boolean {
    return this.txBuffer.length > 0;
  }

  /** Board → host bytes transmitted since the last call (none while the cable is out). */
  takeTransmitted(): Buffer | undefined {
    if (this.txBuffer.length === 0) return undefined;
    const bytes = Buffer.from(this.txBuffer);
    this.txBuffer = [];
    return this.connected ? bytes : undefined;
  }

  setConnected(connected: boolean): void {
    this.connected = connected;
    if (!connected) {
      this.rxQueue.length = 0;
      this.rxHead = 0;
    }
  }

  /** Host bytes queued on the wire, not yet received by the board. */
  pending(): number {
    return this.rxQueue.length - this.rxHead + (this.rxInFlight ? 1 : 0);
  }

  /** The time a host byte takes on the wire (cycles); `undefined`: the baud rate's. */
  setHostByteCycles(cycles: number | undefined): void {
    this.hostByteCycles = cycles === undefined ? undefined : Math.max(1, Math.round(cycles));
  }

  private baudMatches(boardBaud: number): boolean {
    return Math.abs(boardBaud - this.hostBaud) / this.hostBaud < 0.035;
  }

  private receive(byte: number): void {
    const { usart, cpu } = this.mcu.chip;
    if (!usart.rxEnable) {
      this.stats.droppedHostBytes++;
    } else if (!(cpu.data[this.registers.UCSRA]! & RXC)) {
      usart.writeByte(byte, true);
    } else if (this.rxSecond === undefined) {
      this.rxSecond = byte;
    } else {
      this.stats.droppedHostBytes++; // data overrun: the byte in the shift register is lost
    }
  }

  /** Puts the next queued host byte on the wire; it reaches the receiver one character later. */
  private feed(): void {
    if (this.rxInFlight) return;
    const { usart } = this.mcu.chip;
    while (this.rxHead < this.rxQueue.length) {
      if (!usart.rxEnable || !this.baudMatches(usart.baudRate)) {
        // A real receiver that is off or at another speed loses the byte.
        this.stats.droppedHostBytes++;
        this.rxHead++;
        continue;
      }
      const byte = this.rxQueue[this.rxHead++]!;
      this.rxInFlight = true;
      const charCycles = this.hostByteCycles ?? Math.round((FREQUENCY * 10) / this.hostBaud);
      this.mcu.schedule(() => {
        this.rxInFlight = false;
        this.receive(byte);
        this.feed();
      }, charCycles);
      break;
    }
    if (this.rxHead === this.rxQueue.length) {
      this.rxQueue.length = 0;
      this.rxHead = 0;
    }
  }

  private hook({ cpu, usart }: Chip): void {
    const { UCSRA, UCSRB, UDR } = this.registers;
    usart.onByteTransmit = (value) => {
      if (this.baudMatches(usart.baudRate)) this.txBuffer.push(value);
      else this.stats.droppedBoardBytes++;
    };
    usart.onConfigurationChange = () => this.feed();
    const writeUcsra = cpu.writeHooks[UCSRA]!;
    cpu.writeHooks[UCSRA] = (value, oldValue, address, mask) => {
      const before = cpu.data[UCSRA]!;
      const kept = (before & (RXC | UDRE)) | (before & TXC & ~value);
      const result = writeUcsra(value, oldValue, address, mask);
      cpu.data[UCSRA]! |= kept;
      return result;
    };
    const writeUcsrb = cpu.writeHooks[UCSRB]!;
    const rxc = (usart as unknown as { RXC: Parameters<CPU["setInterruptFlag"]>[0] }).RXC;
    cpu.writeHooks[UCSRB] = (value, oldValue, address, mask) => {
      const received = (cpu.data[UCSRA]! & RXC) !== 0;
      const result = writeUcsrb(value, oldValue, address, mask);
      if (received && value & RXEN && oldValue & RXEN) cpu.setInterruptFlag(rxc);
      return result;
    };
    const readUdr = cpu.readHooks[UDR]!;
    cpu.readHooks[UDR] = (address) => {
      const value = readUdr(address);
      if (this.rxSecond !== undefined) {
        const next = this.rxSecond;
        this.rxSecond = undefined;
        usart.writeByte(next, true);
      }
      return value;
    };
  }
}
