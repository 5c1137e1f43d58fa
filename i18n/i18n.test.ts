import { describe, expect, it } from "vitest";
import {
  COMPLETE_LOCALES,
  everyLocale,
  format,
  formatNumber,
  LOCALE_INFO,
  LOCALES,
  localeFromEnv,
  localeFromTag,
  localeFromTags,
  localize,
  LocalizedError,
  systemErrorReason,
  textIn,
  type Localized,
} from "./index.ts";

const seconds: Localized = { fr: "{what} en {time} s", en: "{what} in {time} s" };
const can: Localized = { fr: "la canette", en: "the can" };

describe("the localization leaf", () => {
  it("fills placeholders, numbers with the language's decimal mark, localized parts in the same language", () => {
    expect(format(seconds, "fr", { what: can, time: 236.9 })).toBe("la canette en 236,9 s");
    expect(format(seconds, "en", { what: can, time: 236.9 })).toBe("the can in 236.9 s");
    expect(format(seconds, "fr", { time: 3 })).toBe("{what} en 3 s");
    expect(localize(seconds, { what: "x", time: 0.5 })).toEqual({
      fr: "x en 0,5 s",
      en: "x in 0.5 s",
    });
  });

  it("writes numbers per language", () => {
    expect(formatNumber(236.94, "fr", 1)).toBe("236,9");
    expect(formatNumber(236.94, "en", 1)).toBe("236.9");
    expect(formatNumber(56.25, "fr")).toBe("56,25");
    expect(formatNumber(12, "fr")).toBe("12");
    expect(formatNumber(-0.04, "fr", 1)).toBe("0,0");
    expect(formatNumber(-1.5, "fr")).toBe("-1,5");
  });

  it("has every language as data, complete ones first, each with its own name and decimal mark", () => {
    expect(LOCALES.slice(0, COMPLETE_LOCALES.length)).toEqual([...COMPLETE_LOCALES]);
    expect(COMPLETE_LOCALES[0]).toBe("fr");
    for (const locale of LOCALES) {
      expect(LOCALE_INFO[locale].name.length).toBeGreaterThan(0);
      expect(everyLocale((l) => l)[locale]).toBe(locale);
    }
    expect(textIn(can, "en")).toBe("the can");
  });

  it("detects the language from ROBOTYC_LANG, then the system's settings, French when unknown", () => {
    expect(localeFromTag("fr_FR.UTF-8")).toBe("fr");
    expect(localeFromTag("en-GB")).toBe("en");
    expect(localeFromTag("C")).toBe("fr");
    expect(localeFromTag(undefined)).toBe("fr");
    expect(localeFromTags(["de-DE", "en-US", "fr"])).toBe("en");
    expect(localeFromEnv({ ROBOTYC_LANG: "en", LANG: "fr_FR.UTF-8" })).toBe("en");
    expect(localeFromEnv({ ROBOTYC_LANG: "", LANG: "en_US.UTF-8" })).toBe("en");
    expect(localeFromEnv({ LC_ALL: "en_GB.UTF-8", LANG: "fr_FR.UTF-8" })).toBe("en");
    expect(localeFromEnv({ LC_ALL: "", LC_MESSAGES: "en_US", LANG: "fr_FR" })).toBe("en");
    expect(localeFromEnv({})).toBe("fr");
  });

  it("an error carries its message in every language, English for logs", () => {
    const error = new LocalizedError(
      { fr: "ligne {line} : « {name} » inconnu", en: "line {line}: unknown {name}" },
      { line: 4, name: "lire" },
      4,
    );
    expect(error.message).toBe("line 4: unknown lire");
    expect(error.localized("fr")).toBe("ligne 4 : « lire » inconnu");
    expect(error.line).toBe(4);
    expect(error).toBeInstanceOf(Error);
  });

  it("says what a system error means in a few words, from its code", () => {
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), {
      code: "ENOENT",
    });
    expect(format(systemErrorReason(missing)!, "fr")).toBe("il n'existe pas");
    expect(format(systemErrorReason({ code: "EBUSY" })!, "en")).toBe("busy in another program");
    expect(systemErrorReason(new Error("no code"))).toBeUndefined();
  });
});
