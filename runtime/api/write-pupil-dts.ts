/** Writes `robot-api.<locale>.pupil.d.ts` from `pupil-api.ts` (Node only; not part of the runtime). */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LOCALES } from "../i18n.ts";
import { PUPIL_API_DTS, pupilDtsFileName } from "./pupil-api.ts";

const here = dirname(fileURLToPath(import.meta.url));
for (const locale of LOCALES) {
  writeFileSync(join(here, pupilDtsFileName(locale)), PUPIL_API_DTS[locale]);
}
