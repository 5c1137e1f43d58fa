import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../i18n.ts";
import { PUPIL_API_DTS, ROBOT_METHODS, pupilDtsFileName } from "./pupil-api.ts";

const here = dirname(fileURLToPath(import.meta.url));

describe("pupil API declarations", () => {
  it.each(LOCALES)(
    "the %s .d.ts on disk is the generated text (regenerate: write-pupil-dts.ts)",
    (locale) => {
      const onDisk = readFileSync(join(here, pupilDtsFileName(locale)), "utf8");
      expect(onDisk).toBe(PUPIL_API_DTS[locale]);
    },
  );

  it.each(LOCALES)("the %s text declares exactly the API of the contract", (locale) => {
    const dts = PUPIL_API_DTS[locale];
    const robotBlock = /declare const robot: \{([\s\S]*?)\n\};/.exec(dts)![1]!;
    const members = [...robotBlock.matchAll(/^ {2}readonly (\w+):/gm)].map((m) => m[1]);
    expect(members).toEqual([...ROBOT_METHODS]);
    const globals = [...dts.matchAll(/^declare (?:function|const) (\w+)/gm)].map((m) => m[1]);
    expect(globals.sort()).toEqual(["print", "robot", "time", "wait"]);
    const types = [...dts.matchAll(/^type (\w+) =/gm)].map((m) => m[1]);
    expect(types).toEqual(["WasteKind", "ColorName"]);
  });

  it("documents in the language asked for", () => {
    expect(PUPIL_API_DTS.fr).toContain("Avance tout droit");
    expect(PUPIL_API_DTS.en).toContain("Drives straight ahead");
    expect(PUPIL_API_DTS.en).not.toContain("Avance tout droit");
  });
});
