/**
 * Localization: every text a person reads is a message with one string per language.
 * French first; English second; more languages later.
 */
export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";

/** A message in every language; `{name}` placeholders are filled by `format`. */
export type Localized = Record<Locale, string>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Picks the locale from a tag such as `fr_FR.UTF-8`, `en-GB` or `en`; French when unknown. */
export function localeFromTag(tag: string | undefined | null): Locale {
  const short = (tag ?? "").slice(0, 2).toLowerCase();
  return isLocale(short) ? short : DEFAULT_LOCALE;
}

/** The locale asked for by the environment: ROBOTYC_LANG, then LANG; French by default. */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  return localeFromTag(env.ROBOTYC_LANG ?? env.LANG);
}

export function format(
  message: Localized,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return message[locale].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/**
 * How numbers are written in each language: the decimal mark (« 236,9 » in French, "236.9" in
 * English). A spreadsheet's list separator follows it (`;` where the decimal mark is a comma).
 */
export const DECIMAL_MARK: Record<Locale, "." | ","> = { fr: ",", en: "." };

/**
 * A number as a person of that language writes it, without grouping: `decimals` fixes the digits
 * after the mark (236.94, 1 → « 236,9 »); without it, every digit the number has.
 */
export function formatNumber(value: number, locale: Locale, decimals?: number): string {
  const text = decimals === undefined ? String(value) : value.toFixed(decimals);
  // -0.04 to one decimal is "-0.0": a person writes 0.
  const unsigned = /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
  return unsigned.replace(".", DECIMAL_MARK[locale]);
}

/** An error that carries its message in every language. */
export class LocalizedError extends Error {
  constructor(
    readonly messageKey: Localized,
    readonly params: Record<string, string | number> = {},
    readonly line?: number,
  ) {
    super(format(messageKey, "en", params));
    this.name = "LocalizedError";
  }

  localized(locale: Locale): string {
    return format(this.messageKey, locale, this.params);
  }
}
