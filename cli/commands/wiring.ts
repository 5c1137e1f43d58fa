/**
 * `robotyc wiring [--kit <id>] [--board <id>] [--out <file.svg|file.pdf>]`: the printable wiring
 * sheet of a kit (SVG, or a one-page A4 PDF, in the user's language), and its wiring problems, if
 * any. Without --out the sheet goes to `wiring-<kit>.svg` in the current folder (a terminal is no
 * place for 10 kB of SVG).
 */
import { writeFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import {
  BOARDS,
  findBoard,
  findKit,
  formatWiringIssue,
  KITS,
  renderWiringSheet,
  validateKitWiring,
  wiringSheetPdf,
} from "../../boards/index.ts";
import { format, textIn, type Locale, type Localized } from "../../runtime/index.ts";
import { closest, defineCommand, type CommandSpec } from "./args.ts";
import { outputProblem } from "./output.ts";

const messages = {
  summary: {
    fr: "écrit la feuille de câblage d'un kit, à imprimer (SVG ou PDF)",
    en: "writes the wiring sheet of a kit, to print (SVG or PDF)",
  },
  kit: { fr: "le kit ; 2wd-kit par défaut", en: "the kit; 2wd-kit by default" },
  board: {
    fr: "la carte ; celle du kit par défaut",
    en: "the board; the kit's own by default",
  },
  out: {
    fr: "le fichier de la feuille : .svg, ou .pdf (une page A4) ; wiring-<kit>.svg dans le dossier courant par défaut",
    en: "the sheet's file: .svg, or .pdf (one A4 page); wiring-<kit>.svg in the current folder by default",
  },
  kits: { fr: "Kits : {list}", en: "Kits: {list}" },
  boards: { fr: "Cartes : {list}", en: "Boards: {list}" },
  unknownKit: {
    fr: "Kit inconnu : « {id} ». Kits : {list}.",
    en: 'Unknown kit: "{id}". Kits: {list}.',
  },
  unknownBoard: {
    fr: "Carte inconnue : « {id} ». Cartes : {list}.",
    en: 'Unknown board: "{id}". Boards: {list}.',
  },
  didYouMean: { fr: " Voulais-tu dire « {id} » ?", en: ' Did you mean "{id}"?' },
  notSvg: {
    fr: "La feuille de câblage s'écrit en SVG ou en PDF : donne un fichier .svg ou .pdf (reçu : « {file} »).",
    en: 'The wiring sheet is written as SVG or PDF: give a .svg or .pdf file (got "{file}").',
  },
  written: { fr: "Feuille écrite : {file}", en: "Sheet written: {file}" },
  problems: {
    fr: "Attention, ce câblage a des problèmes :",
    en: "Warning, this wiring has problems:",
  },
} satisfies Record<string, Localized>;

/** Board ids with the other names they take: `mega2560 (mega)`. */
function boardList(): string {
  return BOARDS.map((b) => (b.aliases?.length ? `${b.id} (${b.aliases[0]})` : b.id)).join(", ");
}

export const WIRING_SPEC: CommandSpec = {
  name: "wiring",
  summary: messages.summary,
  options: [
    { name: "kit", kind: "text", value: { fr: "<kit>", en: "<kit>" }, help: messages.kit },
    { name: "board", kind: "text", value: { fr: "<carte>", en: "<board>" }, help: messages.board },
    {
      name: "out",
      kind: "text",
      value: { fr: "<fichier.svg|fichier.pdf>", en: "<file.svg|file.pdf>" },
      help: messages.out,
    },
  ],
  notes: (locale: Locale) => [
    format(messages.kits, locale, { list: KITS.map((k) => k.id).join(", ") }),
    format(messages.boards, locale, { list: boardList() }),
  ],
};

function unknown(message: Localized, id: string, known: string[], locale: Locale): string {
  const near = closest(id, known);
  const list = message === messages.unknownBoard ? boardList() : known.join(", ");
  return (
    format(message, locale, { id, list }) +
    (near ? format(messages.didYouMean, locale, { id: near }) : "")
  );
}

export default defineCommand(WIRING_SPEC, async (parsed, io) => {
  const kitId = parsed.options.kit ?? "2wd-kit";
  const kit = findKit(kitId);
  if (!kit) {
    io.err(
      unknown(
        messages.unknownKit,
        kitId,
        KITS.map((k) => k.id),
        io.locale,
      ),
    );
    return 1;
  }
  const boardId = parsed.options.board ?? kit.board;
  const board = findBoard(boardId);
  if (!board) {
    const names = BOARDS.flatMap((b) => [b.id, ...(b.aliases ?? [])]);
    io.err(unknown(messages.unknownBoard, boardId, names, io.locale));
    return 1;
  }
  const out = parsed.options.out ?? `wiring-${kit.id}.svg`;
  const ext = extname(out).toLowerCase();
  if (ext !== ".svg" && ext !== ".pdf") {
    io.err(format(messages.notSvg, io.locale, { file: out }));
    return 2;
  }
  const problem = outputProblem(out, `wiring-${kit.id}.svg`);
  if (problem) {
    io.err(problem.localized(io.locale));
    return 2;
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
  const title = `${textIn(kit.name, io.locale)} — ${textIn(board.name, io.locale)}`;
  await writeFile(out, ext === ".pdf" ? wiringSheetPdf(svg, title) : svg);
  io.out(format(messages.written, io.locale, { file: resolve(out) }));
  return 0;
});
