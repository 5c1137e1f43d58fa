/**
 * The languages Robotyc speaks, as data: adding one is adding its entry here and its strings.
 * French first (the pupils' school language), English complete; more languages come with the
 * inclusion work (newly arrived pupils), each falling back to another where a string is missing.
 */

/** Every message is written in these: no message may miss one of them. */
export const COMPLETE_LOCALES = ["fr", "en"] as const;
/** Every language a person can choose, complete ones first. */
export const LOCALES = [...COMPLETE_LOCALES] as const;

export type CompleteLocale = (typeof COMPLETE_LOCALES)[number];
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";

export interface LocaleInfo {
  /** The language's name in itself, for a language menu. */
  name: string;
  /** Writing direction of the interface. */
  dir: "ltr" | "rtl";
  /** The decimal mark of its numbers (« 236,9 » in French). */
  decimalMark: "." | ",";
  /** Where a string missing in this language is taken from (complete languages need none). */
  fallback?: CompleteLocale;
}

export const LOCALE_INFO: Record<Locale, LocaleInfo> = {
  fr: { name: "Français", dir: "ltr", decimalMark: "," },
  en: { name: "English", dir: "ltr", decimalMark: "." },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language a tag names: `fr_FR.UTF-8`, `en-GB`, `pt-BR`, `fr`; undefined when it names none
 * Robotyc speaks (`C`, `POSIX`, empty).
 */
export function localeOfTag(tag: string | undefined | null): Locale | undefined {
  const language = (tag ?? "").split(/[-_.@:]/)[0]!.toLowerCase();
  return isLocale(language) ? language : undefined;
}

/** The first language of a list of tags that Robotyc speaks (a browser's `navigator.languages`). */
export function localeFromTags(tags: readonly (string | undefined | null)[]): Locale {
  for (const tag of tags) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** Picks the locale from a tag such as `fr_FR.UTF-8`, `en-GB` or `en`; French when unknown. */
export function localeFromTag(tag: string | undefined | null): Locale {
  return localeFromTags([tag]);
}

/**
 * The locale an environment asks for: ROBOTYC_LANG, then the system's LC_ALL, LC_MESSAGES, LANG
 * (the first that is set, as POSIX reads them); French when none names a language Robotyc speaks.
 */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  if (localeOfTag(env.ROBOTYC_LANG)) return localeOfTag(env.ROBOTYC_LANG)!;
  const system = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== "");
  return localeFromTag(system);
}
