/** `robotyc flash --board <id> --port <path|emulated> [--hex <file>]`: puts firmware on a board. */
import { readFileSync } from "node:fs";
import {
  checkFirmware,
  connectJohnnyFive,
  flashBoard,
  openFlashPort,
  resolveBoard,
  type FlashProgress,
} from "../../firmware-bridge/index.ts";
import { format, formatNumber } from "../../runtime/index.ts";
import type { Command } from "../main.ts";
import { errorText } from "./errors.ts";

const messages = {
  summary: {
    fr: "Installe le firmware sur une carte : --board <id> --port <chemin|emulated> [--hex <fichier>]",
    en: "Flashes firmware onto a board: --board <id> --port <path|emulated> [--hex <file>]",
  },
  usage: {
    fr: "Utilisation : robotyc flash --board <uno|nano|nano-old|mega2560> --port <chemin|emulated> [--hex <fichier>]",
    en: "Usage: robotyc flash --board <uno|nano|nano-old|mega2560> --port <path|emulated> [--hex <file>]",
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
};

const PHASES = {
  reset: { fr: "Redémarrage de la carte…", en: "Resetting the board…" },
  sync: { fr: "Connexion au bootloader…", en: "Talking to the bootloader…" },
  write: { fr: "Écriture", en: "Writing" },
  verify: { fr: "Vérification", en: "Verifying" },
  done: { fr: "Fin", en: "Finishing" },
};

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

const command: Command = {
  summary: messages.summary,
  async run(args, io) {
    const boardId = option(args, "--board");
    const path = option(args, "--port");
    const hexFile = option(args, "--hex");
    const known = new Set(["--board", "--port", "--hex"]);
    const stray = args.filter((a) => a.startsWith("--") && !known.has(a));
    if (!boardId || !path || stray.length > 0 || (args.includes("--hex") && !hexFile)) {
      io.err(format(messages.usage, io.locale));
      return 2;
    }
    let hex: string | undefined;
    if (hexFile) {
      try {
        hex = readFileSync(hexFile, "utf8");
      } catch (error) {
        io.err(
          format(messages.badHex, io.locale, {
            file: hexFile,
            detail: errorText(error, io.locale),
          }),
        );
        return 1;
      }
    }
    let opened;
    try {
      resolveBoard(boardId);
      opened = await openFlashPort(path, boardId);
      let last = "";
      const onProgress = (p: FlashProgress): void => {
        const phase = PHASES[p.phase][io.locale];
        const counted = p.phase === "write" || p.phase === "verify";
        const percent = p.total ? Math.floor((10 * p.done) / p.total) * 10 : 0;
        const line = counted ? format(messages.phase, io.locale, { phase, percent }) : phase;
        if (line !== last) io.out(line);
        last = line;
      };
      const result = await flashBoard(opened.port, boardId, hex, { onProgress });
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
        io.out(checkFirmware(five.io.firmware).message[io.locale]);
      }
      return 0;
    } catch (error) {
      io.err(errorText(error, io.locale));
      return 1;
    } finally {
      await opened?.close();
    }
  },
};
export default command;
