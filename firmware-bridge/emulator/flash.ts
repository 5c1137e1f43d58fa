/**
 * Program memory: the flash the CPU runs from, loaded from Intel HEX images, and self-programming
 * (SPM) so that a bootloader can really flash. avr8js decodes SPM as a no-op; the operation is done
 * here when SPMCSR is written, since the SPM that follows within 4 cycles uses the registers already
 * loaded (Z, R1:R0, RAMPZ).
 */
import { LocalizedError } from "../../runtime/engine.ts";
import { parseIntelHex } from "../intel-hex.ts";
import type { ChipSpec } from "./chips.ts";
import type { Chip, Mcu } from "./mcu.ts";

const SPMCSR = 0x57;
const SPM_PAGE_FILL = 0x01;
const SPM_PAGE_ERASE = 0x03;
const SPM_PAGE_WRITE = 0x05;

const messages = {
  tooBig: {
    fr: "L'image .hex se termine à 0x{end}, au-delà de la flash du {mcu} (0x{size}).",
    en: "The .hex image ends at 0x{end}, beyond the {mcu} flash (0x{size}).",
  },
};

export class FlashMemory {
  /** Program memory as the CPU reads it (16-bit words). */
  readonly words: Uint16Array;
  /** The same memory as bytes. */
  readonly bytes: Uint8Array;
  private pageBuffer: Uint8Array;

  constructor(private readonly spec: ChipSpec) {
    this.words = new Uint16Array(spec.flashBytes / 2).fill(0xffff);
    this.bytes = new Uint8Array(this.words.buffer);
    this.pageBuffer = this.emptyPage();
  }

  /** Writes an Intel HEX image into flash; returns its start address (bytes). */
  load(text: string): number {
    const image = parseIntelHex(text);
    const end = image.start + image.data.length;
    if (end > this.spec.flashBytes) {
      throw new LocalizedError(messages.tooBig, {
        end: end.toString(16),
        mcu: this.spec.mcu,
        size: this.spec.flashBytes.toString(16),
      });
    }
    this.bytes.set(image.data, image.start);
    return image.start;
  }

  /** Hooks SPM into every chip the microcontroller builds; a reset empties the page buffer. */
  attach(mcu: Mcu): void {
    mcu.onChip((chip) => this.hookSpm(chip));
    mcu.onReset(() => (this.pageBuffer = this.emptyPage()));
  }

  private emptyPage(): Uint8Array {
    return new Uint8Array(this.spec.pageBytes).fill(0xff);
  }

  private hookSpm({ cpu }: Chip): void {
    const { pageBytes, flashBytes, rampz } = this.spec;
    cpu.writeHooks[SPMCSR] = (value) => {
      const z = cpu.data[30]! | (cpu.data[31]! << 8) | (rampz ? cpu.data[rampz]! << 16 : 0);
      const command = value & 0x3f;
      const page = z & ~(pageBytes - 1) & (flashBytes - 1);
      if (command === SPM_PAGE_FILL) {
        this.pageBuffer[z & (pageBytes - 2)] = cpu.data[0]!;
        this.pageBuffer[(z & (pageBytes - 2)) + 1] = cpu.data[1]!;
      } else if (command === SPM_PAGE_ERASE) {
        this.bytes.fill(0xff, page, page + pageBytes);
      } else if (command === SPM_PAGE_WRITE) {
        for (let i = 0; i < pageBytes; i++) this.bytes[page + i]! &= this.pageBuffer[i]!;
        this.pageBuffer = this.emptyPage();
      }
      cpu.data[SPMCSR] = value & ~0x01 & ~0x40; // SPMEN clears at once; RWW section ready
      return true;
    };
  }
}
