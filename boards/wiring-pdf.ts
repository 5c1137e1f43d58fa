/**
 * The wiring sheet as a PDF, to print: the same drawing as `renderWiringSheet`'s SVG (which this
 * reads: rectangles, circles, wires, text), on one A4 page, with the PDF standard fonts (Helvetica,
 * Courier), so no font file is embedded. Plain data in, bytes out: no Node module, no package.
 */

/** A4 portrait, in PDF points. */
const PAGE = { width: 595.28, height: 841.89, margin: 28 };

const FONTS = {
  sans: "Helvetica",
  "sans-bold": "Helvetica-Bold",
  mono: "Courier",
  "mono-bold": "Courier-Bold",
} as const;
type FontKey = keyof typeof FONTS;

/** Windows-1252 (the PDF standard fonts' WinAnsiEncoding) for the characters outside Latin-1. */
const WIN_ANSI: Record<string, number> = {
  "€": 0x80,
  "‚": 0x82,
  ƒ: 0x83,
  "„": 0x84,
  "…": 0x85,
  "†": 0x86,
  "‡": 0x87,
  ˆ: 0x88,
  "‰": 0x89,
  Š: 0x8a,
  "‹": 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  "‘": 0x91,
  "’": 0x92,
  "“": 0x93,
  "”": 0x94,
  "•": 0x95,
  "–": 0x96,
  "—": 0x97,
  "˜": 0x98,
  "™": 0x99,
  š: 0x9a,
  "›": 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};
/** Characters the standard fonts lack, written another way. */
const SPELLED: Record<string, string> = { "→": "->", "←": "<-", "×": "x", "≥": ">=", "≤": "<=" };

/** A text as a PDF string literal in WinAnsiEncoding (one byte per character). */
function pdfString(text: string): string {
  let out = "";
  for (const char of text) {
    const spelled = SPELLED[char];
    if (spelled !== undefined) {
      out += pdfString(spelled).slice(1, -1);
      continue;
    }
    const code = char.codePointAt(0)!;
    const byte = WIN_ANSI[char] ?? (code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : 0x3f);
    const c = String.fromCharCode(byte);
    out += c === "(" || c === ")" || c === "\\" ? `\\${c}` : c;
  }
  return `(${out})`;
}

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** `#rrggbb` as PDF colour operands, or undefined for none. */
function colour(value: string | undefined): string | undefined {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value ?? "");
  if (!m) return value === undefined || value === "none" ? undefined : "0 0 0";
  return m
    .slice(1)
    .map((h) => (parseInt(h, 16) / 255).toFixed(3))
    .join(" ");
}

const n = (value: string | undefined, fallback = 0) => {
  const x = Number(value);
  return Number.isFinite(x) ? x : fallback;
};
const f = (x: number) => (Math.round(x * 100) / 100).toString();

/** Fill and stroke operators for an element's paint. */
function paint(a: Record<string, string>, defaultFill = "#000000"): string[] {
  const fill = colour(a.fill ?? defaultFill);
  const stroke = colour(a.stroke);
  const ops: string[] = [];
  if (fill) ops.push(`${fill} rg`);
  if (stroke) ops.push(`${stroke} RG`, `${f(n(a["stroke-width"], 1))} w`);
  return ops;
}

const paintOp = (a: Record<string, string>, defaultFill = "#000000") => {
  const fill = colour(a.fill ?? defaultFill) !== undefined;
  const stroke = colour(a.stroke) !== undefined;
  return fill && stroke ? "B" : fill ? "f" : stroke ? "S" : "n";
};

/** Four Bézier quarters of a circle (or a corner's quarter), κ = 4(√2 − 1)/3. */
const K = 0.5523;

function roundedRect(x: number, y: number, w: number, h: number, r: number): string {
  if (r <= 0) return `${f(x)} ${f(y)} ${f(w)} ${f(h)} re`;
  const k = r * K;
  const [x1, y1] = [x + w, y + h];
  return [
    `${f(x + r)} ${f(y)} m`,
    `${f(x1 - r)} ${f(y)} l`,
    `${f(x1 - r + k)} ${f(y)} ${f(x1)} ${f(y + r - k)} ${f(x1)} ${f(y + r)} c`,
    `${f(x1)} ${f(y1 - r)} l`,
    `${f(x1)} ${f(y1 - r + k)} ${f(x1 - r + k)} ${f(y1)} ${f(x1 - r)} ${f(y1)} c`,
    `${f(x + r)} ${f(y1)} l`,
    `${f(x + r - k)} ${f(y1)} ${f(x)} ${f(y1 - r + k)} ${f(x)} ${f(y1 - r)} c`,
    `${f(x)} ${f(y + r)} l`,
    `${f(x)} ${f(y + r - k)} ${f(x + r - k)} ${f(y)} ${f(x + r)} ${f(y)} c`,
    "h",
  ].join("\n");
}

function circle(cx: number, cy: number, r: number): string {
  const k = r * K;
  return [
    `${f(cx + r)} ${f(cy)} m`,
    `${f(cx + r)} ${f(cy + k)} ${f(cx + k)} ${f(cy + r)} ${f(cx)} ${f(cy + r)} c`,
    `${f(cx - k)} ${f(cy + r)} ${f(cx - r)} ${f(cy + k)} ${f(cx - r)} ${f(cy)} c`,
    `${f(cx - r)} ${f(cy - k)} ${f(cx - k)} ${f(cy - r)} ${f(cx)} ${f(cy - r)} c`,
    `${f(cx + k)} ${f(cy - r)} ${f(cx + r)} ${f(cy - k)} ${f(cx + r)} ${f(cy)} c`,
    "h",
  ].join("\n");
}

/** An SVG path of moves, lines and cubic curves (what the sheet draws its wires with). */
function pathOps(d: string): string {
  const tokens = d.match(/[MLCZmlcz]|-?\d*\.?\d+(?:e[-+]?\d+)?/g) ?? [];
  const ops: string[] = [];
  let command = "";
  let i = 0;
  const take = (count: number) =>
    tokens
      .slice(i, (i += count))
      .map(Number)
      .map(f)
      .join(" ");
  while (i < tokens.length) {
    if (/[A-Za-z]/.test(tokens[i]!)) command = tokens[i++]!.toUpperCase();
    if (command === "M") ops.push(`${take(2)} m`);
    else if (command === "L") ops.push(`${take(2)} l`);
    else if (command === "C") ops.push(`${take(6)} c`);
    else if (command === "Z") ops.push("h");
    else i++; // a command the sheet never writes: skipped
  }
  return ops.join("\n");
}

/** The drawing operators of the sheet's SVG, in SVG user units (y down). */
function drawing(svg: string): string[] {
  const root = attributes(/<svg\b([^>]*)>/.exec(svg)?.[1] ?? "");
  const rootSize = n(root["font-size"], 14);
  const rootMono = /mono/.test(root["font-family"] ?? "");
  const ops: string[] = [];
  const element = /<(rect|circle|path)\b([^>]*?)\/?>|<text\b([^>]*)>([^<]*)<\/text>/g;
  for (const m of svg.matchAll(element)) {
    if (m[1]) {
      const a = attributes(m[2]!);
      const shape =
        m[1] === "rect"
          ? roundedRect(n(a.x), n(a.y), n(a.width), n(a.height), n(a.rx))
          : m[1] === "circle"
            ? circle(n(a.cx), n(a.cy), n(a.r))
            : pathOps(a.d ?? "");
      ops.push("q", ...paint(a), shape, paintOp(a), "Q");
      continue;
    }
    const a = attributes(m[3]!);
    const text = unescapeXml(m[4]!);
    if (text.trim() === "") continue;
    const mono = a["font-family"] ? /mono/.test(a["font-family"]) : rootMono;
    const bold = a["font-weight"] === "bold" || n(a["font-weight"]) >= 600;
    const font: FontKey = `${mono ? "mono" : "sans"}${bold ? "-bold" : ""}`;
    const size = n(a["font-size"], rootSize);
    // The page is drawn y down; a text matrix flips each line back upright.
    ops.push(
      "BT",
      `${colour(a.fill ?? "#000000") ?? "0 0 0"} rg`,
      `/${font} ${f(size)} Tf`,
      `1 0 0 -1 ${f(n(a.x))} ${f(n(a.y))} Tm`,
      `${pdfString(text)} Tj`,
      "ET",
    );
  }
  return ops;
}

/** The PDF of a wiring sheet's SVG: one A4 page, the drawing scaled to fit. */
export function wiringSheetPdf(svg: string, title = "Robotyc"): Uint8Array {
  const root = attributes(/<svg\b([^>]*)>/.exec(svg)?.[1] ?? "");
  const [width, height] = [n(root.width, 960), n(root.height, 1200)];
  const scale = Math.min(
    (PAGE.width - 2 * PAGE.margin) / width,
    (PAGE.height - 2 * PAGE.margin) / height,
  );
  const top = PAGE.height - PAGE.margin;
  const content = [
    `${f(scale)} 0 0 ${f(-scale)} ${f(PAGE.margin)} ${f(top)} cm`,
    ...drawing(svg),
  ].join("\n");
  const fonts = Object.values(FONTS);
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Contents 4 0 R /Resources << /Font << ${Object.keys(
      FONTS,
    )
      .map((key, i) => `/${key} ${5 + i} 0 R`)
      .join(" ")} >> >> >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ...fonts.map(
      (name) => `<< /Type /Font /Subtype /Type1 /BaseFont /${name} /Encoding /WinAnsiEncoding >>`,
    ),
    `<< /Title ${pdfString(title)} /Producer (Robotyc Studio) >>`,
  ];
  // Byte offsets: every character above is one byte (latin1).
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const bytes = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i) & 0xff;
  return bytes;
}
