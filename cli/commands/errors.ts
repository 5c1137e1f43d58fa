import { LocalizedError, type Locale } from "../../runtime/index.ts";

/** A person-readable message for an error: localized when it can be. */
export function errorText(error: unknown, locale: Locale): string {
  if (error instanceof LocalizedError) return error.localized(locale);
  return error instanceof Error ? error.message : String(error);
}
