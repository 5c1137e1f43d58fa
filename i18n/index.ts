/**
 * i18n/: the localization leaf. Locales and their detection, messages with placeholders, numbers
 * per language, the localized error. It imports nothing (no other part, no Node module), so every
 * part may import it, in Node and in the browser.
 */
export * from "./locales.ts";
export * from "./messages.ts";
export * from "./error.ts";
export * from "./system-errors.ts";
