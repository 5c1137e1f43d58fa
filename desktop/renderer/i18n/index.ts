/**
 * The app's strings through i18next: French first, English complete. The page's `lang` and `dir`
 * follow the language (the layout uses logical CSS properties, so a right-to-left language only
 * needs its strings). Elements carrying `data-i18n` (text) or `data-i18n-<attr>` (an attribute)
 * are re-translated when the language changes.
 */
import i18next from "i18next";
import type { Locale } from "../../../runtime/engine.ts";
import { en } from "./en.ts";
import { fr } from "./fr.ts";

export const LANGUAGES: readonly Locale[] = ["fr", "en"];
export const RESOURCES = { fr, en } as const;

export function isLanguage(value: unknown): value is Locale {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

const listeners = new Set<(lang: Locale) => void>();

export function initI18n(lang: Locale): void {
  void i18next.init({
    lng: lang,
    fallbackLng: "fr",
    initAsync: false,
    resources: { fr: { translation: fr }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyDocumentLanguage(lang);
}

export function t(key: string, options?: Record<string, unknown>): string {
  return i18next.t(key, options ?? {}) as string;
}

export function language(): Locale {
  return isLanguage(i18next.language) ? i18next.language : "fr";
}

export function setLanguage(lang: Locale): void {
  void i18next.changeLanguage(lang);
  applyDocumentLanguage(lang);
  translateTree(document.body);
  for (const listener of listeners) listener(lang);
}

export function onLanguageChange(listener: (lang: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A number as the pupil's language writes it (3,5 in French, 3.5 in English). */
export function formatNumber(value: number, digits = 1): string {
  return new Intl.NumberFormat(language(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

function applyDocumentLanguage(lang: Locale): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = i18next.dir(lang);
  document.title = `${t("app.title")} — ${t("app.tagline")}`;
}

/** Re-translates every element under `root` that names its key in a data-i18n attribute. */
export function translateTree(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>("*")) {
    for (const attr of el.getAttributeNames()) {
      if (!attr.startsWith("data-i18n")) continue;
      const key = el.getAttribute(attr)!;
      const args = el.dataset.i18nArgs ? JSON.parse(el.dataset.i18nArgs) : undefined;
      if (attr === "data-i18n") el.textContent = t(key, args);
      else if (attr !== "data-i18n-args")
        el.setAttribute(attr.slice("data-i18n-".length), t(key, args));
    }
  }
}
