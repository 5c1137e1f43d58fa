/**
 * Helpers for driving an emulated board from tests and benchmarks: wait on board time,
 * wait for a condition, boot our firmware under Johnny-Five.
 */
import { readFileSync } from "node:fs";
import { LocalizedError } from "../../runtime/engine.ts";
import { hexPath, type FirmwareBoard } from "../firmware/build.ts";
import { createEmulatedBoard, type EmulatedBoard, type EmulatedBoardOptions } from "./board.ts";
import { connectJohnnyFive, type FiveBoard } from "./johnny-five.ts";

const messages = {
  notReached: {
    fr: "Condition non atteinte après {seconds} s de temps carte.",
    en: "Condition not reached after {seconds} s of board time.",
  },
};

/**
 * Resolves with the board time (s) at which `condition` first holds, checking every `step`
 * seconds of board time; rejects after `maxSeconds` of board time. The run loop must run.
 */
export async function untilBoard(
  board: EmulatedBoard,
  condition: () => boolean,
  maxSeconds: number,
  step = 0.002,
): Promise<number> {
  const end = board.cpuTime() + maxSeconds;
  while (!condition()) {
    if (board.cpuTime() > end) {
      throw new LocalizedError(messages.notReached, { seconds: maxSeconds });
    }
    await board.waitFor(step);
  }
  return board.cpuTime();
}

/** The HEX text of our firmware for a board (the committed build). */
export function ourFirmwareHex(board: FirmwareBoard = "uno"): string {
  return readFileSync(hexPath(board), "utf8");
}

/** Starts an emulated board running `hex` (our Uno firmware by default) and connects Johnny-Five. */
export async function bootWithJohnnyFive(
  options: EmulatedBoardOptions = {},
): Promise<{ board: EmulatedBoard; five: FiveBoard }> {
  const board = createEmulatedBoard({ hex: ourFirmwareHex(), ...options });
  board.start();
  try {
    const five = await connectJohnnyFive(board.port);
    return { board, five };
  } catch (error) {
    board.stop();
    throw error;
  }
}
