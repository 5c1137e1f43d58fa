/** Opening the port to flash: a real serial port, or an emulated board with its bootloader. */
import { LocalizedError } from "../../../runtime/engine.ts";
import { createEmulatedBoard, type EmulatedBoard } from "../../emulator/board.ts";
import { atmegabootHex, megaBootloaderHex, optibootHex } from "../../firmware/bootloaders.ts";
import { classifyOpenError } from "../ports.ts";
import { resolveBoard } from "./flash.ts";
import type { FlashPort } from "./link.ts";

const messages = {
  busy: {
    fr: "Le port {path} est occupé par un autre programme (moniteur série, Arduino IDE…). Ferme-le puis réessaie.",
    en: "Port {path} is in use by another program (serial monitor, Arduino IDE…). Close it and try again.",
  },
  denied: {
    fr: "Accès refusé au port {path}. Sous Linux, ajoute l'utilisateur au groupe « dialout » puis reconnecte-toi.",
    en: "Access to port {path} denied. On Linux, add the user to the “dialout” group, then log in again.",
  },
  missing: {
    fr: "Le port {path} n'existe pas : la carte est-elle branchée ? « robotyc boards » donne le nom du port de chaque carte branchée.",
    en: "Port {path} does not exist: is the board plugged in? “robotyc boards” gives the port of each board plugged in.",
  },
  error: {
    fr: "Le port {path} ne s'ouvre pas : {detail}",
    en: "Port {path} does not open: {detail}",
  },
  noEmulation: {
    fr: "La carte « {board} » n'a pas d'émulation avec bootloader (uno, nano, nano-old, mega2560).",
    en: 'Board "{board}" has no emulation with a bootloader (uno, nano, nano-old, mega2560).',
  },
};

/** What serialport says of a path that is no port: Linux and macOS, then Windows. */
const NO_SUCH_PORT = /no such file or directory|enoent|file not found|cannot find the file/i;

export interface OpenedPort {
  port: FlashPort;
  close(): Promise<void>;
  /** The emulated board, when the path was "emulated". */
  emulated?: EmulatedBoard;
}

/** Opens `path` at `baud`; the path "emulated" gives an emulated board running the board's bootloader. */
export async function openFlashPort(path: string, boardId: string): Promise<OpenedPort> {
  const profile = resolveBoard(boardId);
  const baud = profile.bootloader.baud;
  if (path === "emulated") {
    const mega = profile.mcu === "atmega2560";
    const bootloader = mega
      ? megaBootloaderHex()
      : profile.bootloader.name === "atmegaboot"
        ? atmegabootHex()
        : profile.bootloader.name === "optiboot"
          ? await optibootHex()
          : undefined;
    if (!bootloader) throw new LocalizedError(messages.noEmulation, { board: boardId });
    const board = createEmulatedBoard({ bootloader, baudRate: baud, board: mega ? "mega" : "uno" });
    board.start();
    board.port.open();
    return {
      port: board.port,
      emulated: board,
      close: async () => {
        board.stop();
      },
    };
  }
  const { SerialPort } = await import("serialport");
  const port = new SerialPort({ path, baudRate: baud, autoOpen: false });
  const error = await new Promise<Error | null>((resolve) => port.open(resolve));
  if (error) {
    const access = classifyOpenError(error.message);
    throw new LocalizedError(
      access === "busy"
        ? messages.busy
        : access === "denied"
          ? messages.denied
          : NO_SUCH_PORT.test(error.message)
            ? messages.missing
            : messages.error,
      { path, detail: error.message },
    );
  }
  return {
    port,
    close: () => new Promise<void>((resolve) => port.close(() => resolve())),
  };
}
