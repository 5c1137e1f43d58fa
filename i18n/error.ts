import { format, type Localized } from "./messages.ts";
import type { Locale } from "./locales.ts";

/**
 * An error that carries its message in every language; `.message` is the English one (for logs
 * and stack traces), `localized(locale)` what a person reads.
 */
export class LocalizedError extends Error {
  constructor(
    readonly messageKey: Localized,
    /** Plain values, so the error crosses a worker's boundary as data (`localize` fills parts first). */
    readonly params: Record<string, string | number> = {},
    /** The line of the pupil's program it is about, when there is one. */
    readonly line?: number,
  ) {
    super(format(messageKey, "en", params));
    this.name = "LocalizedError";
  }

  localized(locale: Locale): string {
    return format(this.messageKey, locale, this.params);
  }
}
