/**
 * STK500 version 1, the protocol of optiboot (Uno, new Nano) and ATmegaBOOT (old Nano):
 * each command ends with CRC_EOP (0x20); the bootloader answers INSYNC (0x14) … OK (0x10).
 * Written from Atmel's application note AN2525 (STK500 communication protocol).
 */
import { LocalizedError } from "../../../runtime/engine.ts";
import {
  ByteReader,
  checkSignature,
  flashMessages,
  hexBytes,
  programPages,
  resetIntoBootloader,
  writePort,
  type FlashOptions,
  type FlashPort,
  type FlashResult,
} from "./link.ts";

const STK_OK = 0x10;
const STK_INSYNC = 0x14;
const CRC_EOP = 0x20;
const GET_SYNC = 0x30;
const ENTER_PROGMODE = 0x50;
const LEAVE_PROGMODE = 0x51;
const LOAD_ADDRESS = 0x55;
const PROG_PAGE = 0x64;
const READ_PAGE = 0x74;
const READ_SIGN = 0x75;

export interface Stk500v1Target {
  baud: number;
  pageSize: number;
  signature: readonly number[];
  mcu: string;
}

export async function flashStk500v1(
  port: FlashPort,
  image: Uint8Array,
  target: Stk500v1Target,
  options: FlashOptions = {},
): Promise<FlashResult> {
  const started = Date.now();
  const timeout = options.answerTimeoutMs ?? 1000;
  const progress = options.onProgress ?? (() => undefined);
  const reader = new ByteReader(port);
  /** Sends a command and checks INSYNC, `answerLength` bytes, OK; returns the answer bytes. */
  const command = async (
    bytes: number[],
    answerLength: number,
    step: string,
  ): Promise<number[]> => {
    await writePort(port, [...bytes, CRC_EOP]);
    const head = await reader.read(1, timeout, step);
    if (head[0] !== STK_INSYNC) {
      throw new LocalizedError(flashMessages.badAnswer, { step, bytes: hexBytes(head) });
    }
    const answer = await reader.read(answerLength, timeout, step);
    const tail = await reader.read(1, timeout, step);
    if (tail[0] !== STK_OK) {
      throw new LocalizedError(flashMessages.badAnswer, {
        step,
        bytes: hexBytes([...answer, ...tail]),
      });
    }
    return answer;
  };
  try {
    progress({ phase: "reset", done: 0, total: image.length });
    await resetIntoBootloader(port, target.baud);
    // The bootloader starts (and blinks) before it listens: retry the sync for up to ~2.5 s.
    progress({ phase: "sync", done: 0, total: image.length });
    let synced = false;
    for (let attempt = 0; attempt < 25 && !synced; attempt++) {
      reader.clear();
      await writePort(port, [GET_SYNC, CRC_EOP]);
      try {
        const answer = await reader.read(2, 100, "sync");
        synced = answer[0] === STK_INSYNC && answer[1] === STK_OK;
      } catch {
        synced = false;
      }
    }
    if (!synced) throw new LocalizedError(flashMessages.noAnswer, { step: "sync" });
    await reader.drain(50); // answers to earlier sync attempts may still come
    await command([GET_SYNC], 0, "sync");

    const signature = await command([READ_SIGN], 3, "signature");
    checkSignature(signature, target);
    await command([ENTER_PROGMODE], 0, "program mode");

    const loadAddress = (byteAddress: number): Promise<number[]> => {
      const word = byteAddress >> 1;
      return command([LOAD_ADDRESS, word & 0xff, (word >> 8) & 0xff], 0, "address");
    };
    const size = [(target.pageSize >> 8) & 0xff, target.pageSize & 0xff];
    const { pages, verified } = await programPages(
      image,
      target.pageSize,
      {
        async writePage(address, data) {
          await loadAddress(address);
          await command([PROG_PAGE, ...size, 0x46, ...data], 0, "write");
        },
        async readPage(address, length) {
          await loadAddress(address);
          return command([READ_PAGE, ...size, 0x46], length, "verify");
        },
      },
      options,
    );
    await command([LEAVE_PROGMODE], 0, "leave");
    progress({ phase: "done", done: image.length, total: image.length });
    return { bytes: image.length, pages, verified, milliseconds: Date.now() - started };
  } finally {
    reader.dispose();
  }
}
