/**
 * Messages: one string per language with `{name}` placeholders, and numbers written the way each
 * language writes them.
 */
import {
  DEFAULT_LOCALE,
  LOCALE_INFO,
  LOCALES,
  type CompleteLocale,
  type Locale,
} from "./locales.ts";

/**
 * A message in every language: the complete languages always, the others where translated
 * (a missing one is read in its language's fallback).
 */
export type Localized = Record<CompleteLocale, string> & Partial<Record<Locale, string>>;

/** A placeholder's value: text, a number (written per language), or a text in every language. */
export type MessageParam = string | number | Localized;
export type MessageParams = Record<string, MessageParam>;

/** The decimal mark of each language. */
export const DECIMAL_MARK = Object.fromEntries(
  LOCALES.map((locale) => [locale, LOCALE_INFO[locale].decimalMark]),
) as Record<Locale, "." | ",">;

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

/** The message's text in a language, or in its fallback where it has not been translated. */
export function textIn(message: Localized, locale: Locale): string {
  const own = message[locale];
  if (own !== undefined) return own;
  return message[LOCALE_INFO[locale].fallback ?? DEFAULT_LOCALE];
}

function paramText(value: MessageParam, locale: Locale): string {
  if (typeof value === "number") return formatNumber(value, locale);
  return typeof value === "string" ? value : textIn(value, locale);
}

/** The message in one language, its `{name}` placeholders filled (unknown ones left as they are). */
export function format(message: Localized, locale: Locale, params: MessageParams = {}): string {
  return textIn(message, locale).replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : paramText(value, locale);
  });
}

/** A message built per language by `text` (a localized message from other localized parts). */
export function everyLocale(text: (locale: Locale) => string): Localized {
  const out: Partial<Record<Locale, string>> = {};
  for (const locale of LOCALES) out[locale] = text(locale);
  return out as Localized;
}

/** The message with its placeholders filled in every language: still a message, not a text. */
export function localize(message: Localized, params: MessageParams = {}): Localized {
  return everyLocale((locale) => format(message, locale, params));
}
