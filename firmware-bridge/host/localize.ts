import { format, LOCALES, type Localized } from "../../runtime/engine.ts";

/** Fills `{name}` placeholders with values that are themselves localized (part names). */
export function localizeWith(message: Localized, parts: Record<string, Localized>): Localized {
  const out = {} as Localized;
  for (const locale of LOCALES) {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(parts)) params[key] = value[locale];
    out[locale] = format(message, locale, params);
  }
  return out;
}
