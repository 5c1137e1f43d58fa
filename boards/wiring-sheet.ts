/**
 * A printable wiring sheet for a kit on a board: an SVG drawing (board pins on the left, parts on
 * the right, one coloured wire per connection) and a table listing every connection, in the
 * teacher's language.
 */
import { format, textIn, type Locale, type Localized } from "../i18n/index.ts";
import type { BoardProfile, KitProfile } from "./schema.ts";
import {
  connectionsOf,
  formatWiringIssue,
  PART_NAMES,
  validateKitWiring,
  type Connection,
  type KitPartId,
} from "./wiring.ts";

const LABELS = {
  title: { fr: "Câblage : {kit} sur {board}", en: "Wiring: {kit} on {board}" },
  board: { fr: "Carte : {board}", en: "Board: {board}" },
  part: { fr: "Module", en: "Module" },
  terminal: { fr: "Borne", en: "Terminal" },
  pin: { fr: "Broche", en: "Pin" },
  role: { fr: "Rôle", en: "Role" },
  table: { fr: "Liste des fils", en: "List of wires" },
  power: {
    fr: "Alimentation : relie tous les GND ensemble ; les moteurs prennent leur courant sur les piles, jamais sur la broche 5V.",
    en: "Power: connect every GND together; the motors take their current from the batteries, never from the 5V pin.",
  },
  problems: { fr: "Problèmes de câblage", en: "Wiring problems" },
  pwm: { fr: "vitesse (PWM)", en: "speed (PWM)" },
  digital: { fr: "numérique", en: "digital" },
  analog: { fr: "analogique", en: "analog" },
  sda: { fr: "données I2C (SDA)", en: "I2C data (SDA)" },
  scl: { fr: "horloge I2C (SCL)", en: "I2C clock (SCL)" },
} satisfies Record<string, Localized>;

const PART_COLOURS: Record<KitPartId, string> = {
  leftMotor: "#d62728",
  rightMotor: "#ff7f0e",
  motorDriver: "#8c564b",
  ultrasonic: "#1f77b4",
  lineLeft: "#2ca02c",
  lineCenter: "#17becf",
  lineRight: "#9467bd",
  gripper: "#e377c2",
  colorSensor: "#7f7f7f",
};

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function text(x: number, y: number, content: string, attrs = ""): string {
  return `<text x="${x}" y="${y}"${attrs ? " " + attrs : ""}>${escapeXml(content)}</text>`;
}

function pinOrder(board: BoardProfile, name: string): number {
  return board.pins.findIndex((pin) => pin.name === name);
}

const ROW = 22;
const WIDTH = 960;

export function renderWiringSheet(kit: KitProfile, board: BoardProfile, locale: Locale): string {
  const t = (key: keyof typeof LABELS, params: Record<string, string> = {}) =>
    format(LABELS[key], locale, params);
  const connections = connectionsOf(kit);
  const issues = validateKitWiring(kit, board);
  const out: string[] = [];

  // The board column: each board pin used, once, in the board's order.
  const boardPins = [...new Set(connections.map((c) => c.boardPin))].sort(
    (a, b) => pinOrder(board, a) - pinOrder(board, b),
  );
  // The parts column: parts in kit order, each with its terminals.
  const parts: { part: KitPartId; terminals: Connection[] }[] = [];
  for (const c of connections) {
    let entry = parts.find((p) => p.part === c.part);
    if (!entry) parts.push((entry = { part: c.part, terminals: [] }));
    entry.terminals.push(c);
  }

  const top = 80;
  const pinY = new Map(boardPins.map((pin, i) => [pin, top + 30 + i * ROW]));
  const boardHeight = boardPins.length * ROW + 40;
  const terminalY = new Map<Connection, number>();
  let y = top;
  const partBoxes: string[] = [];
  for (const { part, terminals } of parts) {
    const height = terminals.length * ROW + 30;
    const colour = PART_COLOURS[part];
    partBoxes.push(
      `<rect x="620" y="${y}" width="300" height="${height}" rx="6" fill="#fafafa" stroke="${colour}" stroke-width="2"/>`,
      text(632, y + 18, textIn(PART_NAMES[part], locale), `font-weight="bold" fill="${colour}"`),
    );
    terminals.forEach((c, i) => {
      const ty = y + 38 + i * ROW;
      terminalY.set(c, ty);
      partBoxes.push(
        `<circle cx="620" cy="${ty - 4}" r="4" fill="${colour}"/>`,
        text(632, ty, c.partPin, 'font-family="monospace"'),
      );
    });
    y += height + 12;
  }
  const drawingBottom = Math.max(top + boardHeight, y);

  out.push(
    text(
      40,
      40,
      t("title", { kit: textIn(kit.name, locale), board: textIn(board.name, locale) }),
      'font-size="22" font-weight="bold"',
    ),
    `<rect x="40" y="${top}" width="220" height="${boardHeight}" rx="8" fill="#0b6e8a" stroke="#064b5e" stroke-width="2"/>`,
    text(
      52,
      top + 18,
      t("board", { board: textIn(board.name, locale) }),
      'fill="#ffffff" font-weight="bold"',
    ),
  );
  for (const pin of boardPins) {
    const py = pinY.get(pin)!;
    out.push(
      text(200, py, pin, 'fill="#ffffff" font-family="monospace"'),
      `<circle cx="260" cy="${py - 4}" r="4" fill="#ffffff" stroke="#064b5e"/>`,
    );
  }
  for (const c of connections) {
    const from = pinY.get(c.boardPin)! - 4;
    const to = terminalY.get(c)! - 4;
    out.push(
      `<path d="M 260 ${from} C 440 ${from}, 440 ${to}, 620 ${to}" fill="none" stroke="${PART_COLOURS[c.part]}" stroke-width="2"/>`,
    );
  }
  out.push(...partBoxes);

  // The table: every connection, one row each.
  let ty = drawingBottom + 40;
  out.push(text(40, ty, t("table"), 'font-size="18" font-weight="bold"'));
  ty += 26;
  const columns = [40, 140, 420, 560];
  [t("pin"), t("part"), t("terminal"), t("role")].forEach((label, i) =>
    out.push(text(columns[i]!, ty, label, 'font-weight="bold"')),
  );
  for (const c of connections) {
    ty += ROW;
    out.push(
      `<g class="connection" data-pin="${escapeXml(c.boardPin)}" data-part="${c.part}">`,
      text(columns[0]!, ty, c.boardPin, 'font-family="monospace"'),
      text(columns[1]!, ty, textIn(PART_NAMES[c.part], locale)),
      text(columns[2]!, ty, c.partPin, 'font-family="monospace"'),
      text(columns[3]!, ty, t(c.needs)),
      "</g>",
    );
  }
  ty += 34;
  out.push(text(40, ty, t("power"), 'font-size="13"'));
  if (issues.length > 0) {
    ty += 30;
    out.push(text(40, ty, t("problems"), 'font-size="16" font-weight="bold" fill="#c00000"'));
    for (const issue of issues) {
      ty += ROW;
      out.push(text(40, ty, formatWiringIssue(issue, locale), 'font-size="13" fill="#c00000"'));
    }
  }
  const height = ty + 30;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="14" lang="${locale}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...out,
    "</svg>",
    "",
  ].join("\n");
}
