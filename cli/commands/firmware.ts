import type { Command } from "../main.ts";
import { format } from "../../runtime/index.ts";
import { buildAllFirmware, FIRMWARE_BOARDS, hexPath } from "../../firmware-bridge/index.ts";
import { errorText } from "./errors.ts";

const messages = {
  summary: {
    fr: "Compile notre firmware Firmata (uno, nano, mega) : robotyc firmware build",
    en: "Builds our Firmata firmware (uno, nano, mega): robotyc firmware build",
  },
  usage: {
    fr: "Utilisation : robotyc firmware build",
    en: "Usage: robotyc firmware build",
  },
  built: {
    fr: "{board} : {size} octets de flash → {path}",
    en: "{board}: {size} bytes of flash → {path}",
  },
};

const command: Command = {
  summary: messages.summary,
  async run(args, io) {
    if (args[0] !== "build" || args.length > 1) {
      io.err(format(messages.usage, io.locale));
      return 2;
    }
    try {
      const results = await buildAllFirmware();
      for (const result of results) {
        io.out(
          format(messages.built, io.locale, {
            board: result.board,
            size: result.size,
            path: hexPath(result.board),
          }),
        );
      }
      return results.length === FIRMWARE_BOARDS.length ? 0 : 1;
    } catch (error) {
      io.err(errorText(error, io.locale));
      return 1;
    }
  },
};
export default command;
