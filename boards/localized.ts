/**
 * boards/ may import no other part, so it keeps its own copy of the tiny localization type
 * (identical to runtime's `Localized`: one string per language, French first).
 */
export type BoardsLocale = "fr" | "en";
export type Localized = Record<BoardsLocale, string>;

export function formatLocalized(
  message: Localized,
  locale: BoardsLocale,
  params: Record<string, string | number> = {},
): string {
  return message[locale].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}
