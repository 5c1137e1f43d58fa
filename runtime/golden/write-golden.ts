/** Rewrites the golden files of the pupil mistakes (see pupil-golden.ts). */
import { writeFileSync } from "node:fs";
import { LOCALES } from "../i18n.ts";
import { goldenFile, goldenPrograms, pupilFeedback } from "./pupil-golden.ts";

for (const program of goldenPrograms()) {
  for (const locale of LOCALES) {
    writeFileSync(goldenFile(program, locale), await pupilFeedback(program, locale));
  }
}
console.log(`${goldenPrograms().length} programs, ${LOCALES.length} languages`);
