/** `robotyc firmware build`: builds our Firmata firmware for every board. */
import { buildAllFirmware, FIRMWARE_BOARDS, hexPath } from "../../firmware-bridge/index.ts";
import { format, type Localized } from "../../runtime/index.ts";
import { defineCommand, UsageError, type CommandSpec } from "./args.ts";

const messages = {
  summary: {
    fr: "compile notre firmware Firmata (uno, nano, mega) : robotyc firmware build",
    en: "builds our Firmata firmware (uno, nano, mega): robotyc firmware build",
  },
  action: { fr: "build", en: "build" },
  actionHelp: {
    fr: "compile le firmware de chaque carte (il faut gcc-avr, avr-libc et arduino-core-avr)",
    en: "builds every board's firmware (needs gcc-avr, avr-libc and arduino-core-avr)",
  },
  unknownAction: {
    fr: "Action inconnue : « {action} ». La seule action est « build ».",
    en: 'Unknown action: "{action}". The only action is "build".',
  },
  built: {
    fr: "{board} : {size} octets de flash → {path}",
    en: "{board}: {size} bytes of flash → {path}",
  },
} satisfies Record<string, Localized>;

export const FIRMWARE_SPEC: CommandSpec = {
  name: "firmware",
  summary: messages.summary,
  arguments: [{ value: messages.action, help: messages.actionHelp }],
  options: [],
};

export default defineCommand(FIRMWARE_SPEC, async (parsed, io) => {
  const action = parsed.positional[0]!;
  if (action !== "build") throw new UsageError(messages.unknownAction, { action });
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
});
