/**
 * Localization lives in the i18n/ leaf (every part imports it); the runtime re-exports it so that
 * what imports it from the runtime keeps working.
 */
export * from "../i18n/index.ts";
