/**
 * `robotyc wiring [--kit <id>] [--board <id>] [--out <file.svg>]`: the printable wiring sheet of a
 * kit (SVG, in the user's language), and its wiring problems, if any.
 */
import { writeFile } from "node:fs/promises";
import { format } from "../../runtime/index.ts";
import type { Command } from "../main.ts";

const messages = {
  summary: {
    fr: "Feuille de câblage d’un kit en SVG (--kit, --board, --out)",
    en: "Wiring sheet of a kit as SVG (--kit, --board, --out)",
  },
  usage: {
    fr: "Utilisation : robotyc wiring [--kit <kit>] [--board <carte>] [--out <fichier.svg>]\nKits : {kits}\nCartes : {boards}",
    en: "Usage: robotyc wiring [--kit <kit>] [--board <board>] [--out <file.svg>]\nKits: {kits}\nBoards: {boards}",
  },
  unknownKit: { fr: "Kit inconnu : « {id} ».", en: 'Unknown kit: "{id}".' },
  unknownBoard: { fr: "Carte inconnue : « {id} ».", en: 'Unknown board: "{id}".' },
  written: { fr: "Feuille écrite : {file}", en: "Sheet written: {file}" },
  problems: {
    fr: "Attention, ce câblage a des problèmes :",
    en: "Warning, this wiring has problems:",
  },
};

const command: Command = {
  summary: messages.summary,
  async run(args, io) {
    // The work loads here, not with the command: `robotyc --help` stays instant.
    const {
      BOARDS,
      findBoard,
      findKit,
      formatWiringIssue,
      KITS,
      renderWiringSheet,
      validateKitWiring,
    } = await import("../../boards/index.ts");
    const options = new Map<string, string>();
    for (let i = 0; i < args.length; i += 2) {
      const [name, value] = [args[i]!, args[i + 1]];
      if (!["--kit", "--board", "--out"].includes(name) || value === undefined) {
        io.err(
          format(messages.usage, io.locale, {
            kits: KITS.map((k) => k.id).join(", "),
            boards: BOARDS.map((b) => b.id).join(", "),
          }),
        );
        return 2;
      }
      options.set(name, value);
    }
    const kitId = options.get("--kit") ?? "2wd-kit";
    const kit = findKit(kitId);
    if (!kit) {
      io.err(format(messages.unknownKit, io.locale, { id: kitId }));
      return 1;
    }
    const boardId = options.get("--board") ?? kit.board;
    const board = findBoard(boardId);
    if (!board) {
      io.err(format(messages.unknownBoard, io.locale, { id: boardId }));
      return 1;
    }
    const issues = validateKitWiring(kit, board);
    if (issues.length > 0) {
      io.err(
        [
          format(messages.problems, io.locale),
          ...issues.map((i) => "- " + formatWiringIssue(i, io.locale)),
        ].join("\n"),
      );
    }
    const svg = renderWiringSheet(kit, board, io.locale);
    const out = options.get("--out");
    if (out) {
      await writeFile(out, svg);
      io.out(format(messages.written, io.locale, { file: out }));
    } else io.out(svg);
    return 0;
  },
};
export default command;
