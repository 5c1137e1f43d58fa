/**
 * Where in the pupil's program something happened, said once: « Ligne 4, colonne 7 : … ».
 * Every message a pupil reads away from the editor (a run's error, a grade's error) carries its
 * position this way, and nothing adds it a second time.
 */
import { format, type Locale, type Localized } from "./i18n.ts";

const positionMessages = {
  line: { fr: "Ligne {line} : {text}", en: "Line {line}: {text}" },
  lineColumn: {
    fr: "Ligne {line}, colonne {column} : {text}",
    en: "Line {line}, column {column}: {text}",
  },
} satisfies Record<string, Localized>;

/** `text` after its position in the pupil's source (1-based); `text` alone without a line. */
export function atPosition(
  text: string,
  locale: Locale,
  line: number | undefined,
  column?: number,
): string {
  if (line === undefined) return text;
  return column === undefined
    ? format(positionMessages.line, locale, { line, text })
    : format(positionMessages.lineColumn, locale, { line, column, text });
}
