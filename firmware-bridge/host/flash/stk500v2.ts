/**
 * STK500 version 2, the protocol of the Mega 2560's bootloader: framed messages
 * (0x1B, sequence, size, 0x0E, body, XOR checksum), written from Atmel's AVR068 note.
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
import type { Stk500v1Target } from "./stk500v1.ts";

const MESSAGE_START = 0x1b;
const TOKEN = 0x0e;
const STATUS_CMD_OK = 0x00;
const CMD_SIGN_ON = 0x01;
const CMD_LOAD_ADDRESS = 0x06;
const CMD_ENTER_PROGMODE_ISP = 0x10;
const CMD_LEAVE_PROGMODE_ISP = 0x11;
const CMD_PROGRAM_FLASH_ISP = 0x13;
const CMD_READ_FLASH_ISP = 0x14;
const CMD_READ_SIGNATURE_ISP = 0x1b;

export type Stk500v2Target = Stk500v1Target;

/** Frames a message body. */
export function stk500v2Frame(sequence: number, body: number[]): number[] {
  const frame = [
    MESSAGE_START,
    sequence & 0xff,
    (body.length >> 8) & 0xff,
    body.length & 0xff,
    TOKEN,
    ...body,
  ];
  frame.push(frame.reduce((a, b) => a ^ b, 0));
  return frame;
}

export async function flashStk500v2(
  port: FlashPort,
  image: Uint8Array,
  target: Stk500v2Target,
  options: FlashOptions = {},
): Promise<FlashResult> {
  const started = Date.now();
  const timeout = options.answerTimeoutMs ?? 1000;
  const progress = options.onProgress ?? (() => undefined);
  const reader = new ByteReader(port);
  let sequence = 1;

  const exchange = async (
    body: number[],
    step: string,
    answerTimeout = timeout,
  ): Promise<number[]> => {
    const seq = sequence;
    sequence = (sequence + 1) & 0xff;
    await writePort(port, stk500v2Frame(seq, body));
    // Skip anything before the start of the answer.
    for (;;) {
      const [b] = await reader.read(1, answerTimeout, step);
      if (b === MESSAGE_START) break;
    }
    const head = await reader.read(4, answerTimeout, step);
    const size = (head[1]! << 8) | head[2]!;
    const answer = await reader.read(size + 1, answerTimeout, step);
    const frame = [MESSAGE_START, ...head, ...answer];
    const checksum = frame.reduce((a, b) => a ^ b, 0);
    if (
      head[0] !== seq ||
      head[3] !== TOKEN ||
      checksum !== 0 ||
      answer[0] !== body[0] ||
      answer[1] !== STATUS_CMD_OK
    ) {
      throw new LocalizedError(flashMessages.badAnswer, {
        step,
        bytes: hexBytes(frame.slice(0, 16)),
      });
    }
    return answer.slice(0, size);
  };

  try {
    progress({ phase: "reset", done: 0, total: image.length });
    await resetIntoBootloader(port, target.baud);
    progress({ phase: "sync", done: 0, total: image.length });
    let signedOn = false;
    for (let attempt = 0; attempt < 20 && !signedOn; attempt++) {
      reader.clear();
      sequence = 1;
      try {
        await exchange([CMD_SIGN_ON], "sync", 150);
        signedOn = true;
      } catch {
        signedOn = false;
      }
    }
    if (!signedOn) throw new LocalizedError(flashMessages.noAnswer, { step: "sync" });
    await reader.drain(50); // answers to earlier sign-on attempts may still come

    const signature: number[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await exchange([CMD_READ_SIGNATURE_ISP, 4, 0x30, 0, i], "signature");
      signature.push(answer[2]!);
    }
    checkSignature(signature, target);
    await exchange(
      [CMD_ENTER_PROGMODE_ISP, 200, 100, 25, 32, 0, 0x53, 3, 0xac, 0x53, 0, 0],
      "program mode",
    );

    const loadAddress = (byteAddress: number): Promise<number[]> => {
      const word = byteAddress >>> 1;
      // Bit 31: the address is extended (above 64 K words: RAMPZ), as the bootloader expects.
      return exchange(
        [
          CMD_LOAD_ADDRESS,
          0x80 | ((word >> 24) & 0x7f),
          (word >> 16) & 0xff,
          (word >> 8) & 0xff,
          word & 0xff,
        ],
        "address",
      );
    };
    const size = [(target.pageSize >> 8) & 0xff, target.pageSize & 0xff];
    const { pages, verified } = await programPages(
      image,
      target.pageSize,
      {
        async writePage(address, data) {
          await loadAddress(address);
          // mode 0xC1: page mode, write the page; delay and ISP bytes are ignored by the bootloader.
          await exchange(
            [CMD_PROGRAM_FLASH_ISP, ...size, 0xc1, 10, 0x40, 0x4c, 0x20, 0, 0, ...data],
            "write",
          );
        },
        async readPage(address, length) {
          await loadAddress(address);
          const answer = await exchange([CMD_READ_FLASH_ISP, ...size, 0x20], "verify");
          return answer.slice(2, 2 + length);
        },
      },
      options,
    );
    await exchange([CMD_LEAVE_PROGMODE_ISP, 1, 1], "leave");
    progress({ phase: "done", done: image.length, total: image.length });
    return { bytes: image.length, pages, verified, milliseconds: Date.now() - started };
  } finally {
    reader.dispose();
  }
}
