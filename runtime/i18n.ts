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
