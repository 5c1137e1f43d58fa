/**
 * `robotyc flash --board <id> --port <path|emulated> [--hex <file>]`: puts firmware on a board.
 * Board ids take the names people use (`mega` for `mega2560`).
 */
import { readFileSync } from "node:fs";
import {
  checkFirmware,
  connectJohnnyFive,
  flashBoard,
  openFlashPort,
  type FlashProgress,
} from "../../firmware-bridge/index.ts";
import { BOARDS, findBoard } from "../../boards/index.ts";
import {
  everyLocale,
  format,
  formatNumber,
  localize,
  textIn,
  type Locale,
  type Localized,
} from "../../runtime/index.ts";
import { defineCommand, type CommandSpec } from "./args.ts";
import { errorText } from "./errors.ts";

const messages = {
  summary: {
    fr: "installe le firmware Robotyc (ou un .hex) sur une carte",
    en: "flashes the Robotyc firmware (or a .hex) onto a board",
  },
  board: {
    fr: "la carte : {boards}",
    en: "the board: {boards}",
  },
  port: {
    fr: "le port série de la carte (COM3, /dev/ttyUSB0 : « robotyc boards » les liste), ou « emulated » pour la carte émulée",
    en: 'the board\'s serial port (COM3, /dev/ttyUSB0: "robotyc boards" lists them), or "emulated" for the emulated board',
  },
  hex: {
    fr: "un autre firmware à installer (fichier Intel HEX) ; le firmware Robotyc par défaut",
    en: "another firmware to flash (Intel HEX file); the Robotyc firmware by default",
  },
  oldNano: {
    fr: "Une Nano à l'ancien bootloader (la plupart des clones) s'installe avec --board nano-old.",
    en: "A Nano with the old bootloader (most clones) is flashed with --board nano-old.",
  },
  phase: {
    fr: "{phase} {percent} %",
    en: "{phase} {percent}%",
  },
  done: {
    fr: "Terminé : {bytes} octets écrits et vérifiés en {seconds} s.",
    en: "Done: {bytes} bytes written and verified in {seconds} s.",
  },
  badHex: {
    fr: "Impossible de lire le fichier {file} : {detail}",
    en: "Cannot read file {file}: {detail}",
  },
  unknownBoard: {
    fr: "Carte inconnue : « {id} ». Cartes : {boards}.",
    en: 'Unknown board: "{id}". Boards: {boards}.',
  },
} satisfies Record<string, Localized>;

/** Board ids with the other names they take, and what each is. */
function boardList(locale: Locale): string {
  return BOARDS.map(
    (b) => `${b.id}${b.aliases?.length ? ` (${b.aliases[0]})` : ""} = ${textIn(b.name, locale)}`,
  ).join(", ");
}

export const FLASH_SPEC: CommandSpec = {
  name: "flash",
  summary: messages.summary,
  options: [
    {
      name: "board",
      kind: "text",
      value: { fr: "<carte>", en: "<board>" },
      help: localize(messages.board, { boards: everyLocale(boardList) }),
      required: true,
    },
    {
      name: "port",
      kind: "text",
      value: { fr: "<port|emulated>", en: "<port|emulated>" },
      help: messages.port,
      required: true,
    },
    {
      name: "hex",
      kind: "text",
      value: { fr: "<fichier.hex>", en: "<file.hex>" },
      help: messages.hex,
    },
  ],
  notes: (locale) => [format(messages.oldNano, locale)],
};

const PHASES = {
  reset: { fr: "Redémarrage de la carte…", en: "Resetting the board…" },
  sync: { fr: "Connexion au bootloader…", en: "Talking to the bootloader…" },
  write: { fr: "Écriture", en: "Writing" },
  verify: { fr: "Vérification", en: "Verifying" },
  done: { fr: "Fin", en: "Finishing" },
};

export default defineCommand(FLASH_SPEC, async (parsed, io) => {
  const boardId = parsed.options.board!;
  const path = parsed.options.port!;
  const hexFile = parsed.options.hex;
  const profile = findBoard(boardId);
  if (!profile) {
    io.err(format(messages.unknownBoard, io.locale, { id: boardId, boards: boardList(io.locale) }));
    return 1;
  }
  let hex: string | undefined;
  if (hexFile) {
    try {
      hex = readFileSync(hexFile, "utf8");
    } catch (error) {
      io.err(
        format(messages.badHex, io.locale, { file: hexFile, detail: errorText(error, io.locale) }),
      );
      return 1;
    }
  }
  let opened;
  try {
    opened = await openFlashPort(path, profile.id);
    let last = "";
    const onProgress = (p: FlashProgress): void => {
      const phase = textIn(PHASES[p.phase], io.locale);
      const counted = p.phase === "write" || p.phase === "verify";
      const percent = p.total ? Math.floor((10 * p.done) / p.total) * 10 : 0;
      const line = counted ? format(messages.phase, io.locale, { phase, percent }) : phase;
      if (line !== last) io.out(line);
      last = line;
    };
    const result = await flashBoard(opened.port, profile.id, hex, { onProgress });
    io.out(
      format(messages.done, io.locale, {
        bytes: result.bytes,
        seconds: formatNumber(result.milliseconds / 1000, io.locale, 1),
      }),
    );
    if (opened.emulated && !hex) {
      // On the emulated board, show what a program will find when it connects.
      opened.emulated.port.update({ baudRate: 57600 });
      opened.emulated.port.set({ dtr: true });
      const five = await connectJohnnyFive(opened.emulated.port);
      io.out(textIn(checkFirmware(five.io.firmware).message, io.locale));
    }
    return 0;
  } catch (error) {
    io.err(errorText(error, io.locale));
    return 1;
  } finally {
    await opened?.close();
  }
});
