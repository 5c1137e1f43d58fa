/**
 * Pictograms for the API's closed sets of values: each waste kind has a drawing and each colour
 * a swatch, always shown with its name (never colour alone). Images are SVG data URLs, so
 * nothing is fetched.
 */

const KIND_DRAWINGS: Record<string, string> = {
  // a bottle
  plastic:
    '<path d="M9 1h6v4l3 4v13a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V9l3-4z" fill="#fdd835" stroke="#333"/><path d="M6 13h12" stroke="#333"/>',
  // a folded newspaper
  paper:
    '<path d="M4 3h16v18H4z" fill="#90caf9" stroke="#333"/><path d="M7 7h10M7 11h10M7 15h6" stroke="#333"/>',
  // a jar
  glass:
    '<path d="M7 2h10v3H7z" fill="#795548" stroke="#333"/><path d="M6 6h12v15a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2z" fill="#e0f2f1" stroke="#333"/><path d="M9 10v8" stroke="#333"/>',
  // a can
  metal:
    '<ellipse cx="12" cy="5" rx="6" ry="2.5" fill="#cfd8dc" stroke="#333"/><path d="M6 5v14c0 1.4 2.7 2.5 6 2.5s6-1.1 6-2.5V5" fill="#b0bec5" stroke="#333"/>',
  // an apple core
  organic:
    '<path d="M12 6c-4-3-9 0-8 6s4 10 8 10 7-4 8-10-4-9-8-6z" fill="#8bc34a" stroke="#333"/><path d="M12 6c0-2 1-4 3-5" stroke="#333" fill="none"/>',
  // a tied bin bag
  residual:
    '<path d="M10 2l2 3 2-3M8 6h8l3 14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2z" fill="#616161" stroke="#222"/>',
  // an empty circle, crossed
  none: '<circle cx="12" cy="12" r="9" fill="#fff" stroke="#333" stroke-width="2"/><path d="M6 18L18 6" stroke="#333" stroke-width="2"/>',
};

const COLOR_SWATCHES: Record<string, string> = {
  black: "#000000",
  white: "#ffffff",
  grey: "#9e9e9e",
  red: "#e53935",
  orange: "#fb8c00",
  yellow: "#fdd835",
  green: "#43a047",
  blue: "#1e88e5",
  brown: "#795548",
};

export interface Pictogram {
  src: string;
  width: number;
  height: number;
  alt: string;
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** True when a value of the API has a pictogram. */
export const hasPictogram = (value: string) => value in KIND_DRAWINGS || value in COLOR_SWATCHES;

/** The pictogram of `value` with its `label` written beside it, as one image. */
export function pictogram(value: string, label: string): Pictogram {
  const drawing =
    KIND_DRAWINGS[value] ??
    `<rect x="3" y="3" width="18" height="18" rx="3" fill="${COLOR_SWATCHES[value] ?? "#fff"}" stroke="#333" stroke-width="1.5"/>`;
  const height = 24;
  // About 7.5 px per character of a 14 px sans-serif label.
  const width = 30 + Math.ceil(label.length * 7.5);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="${width}" height="${height}" rx="4" fill="#fff"/>` +
    `<g stroke-linejoin="round">${drawing}</g>` +
    `<text x="28" y="17" font-family="sans-serif" font-size="14" fill="#000">${escapeXml(label)}</text></svg>`;
  return { src: `data:image/svg+xml,${encodeURIComponent(svg)}`, width, height, alt: label };
}
