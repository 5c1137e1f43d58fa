import { describe, expect, it } from "vitest";
import { formatNumber } from "./i18n.ts";

describe("numbers in the reader's language", () => {
  it("writes the decimal mark of the language, every digit or a fixed count", () => {
    expect(formatNumber(236.94, "fr", 1)).toBe("236,9");
    expect(formatNumber(236.94, "en", 1)).toBe("236.9");
    expect(formatNumber(56.25, "fr")).toBe("56,25");
    expect(formatNumber(12, "fr")).toBe("12");
    expect(formatNumber(-0.04, "fr", 1)).toBe("0,0");
    expect(formatNumber(-1.5, "fr")).toBe("-1,5");
  });
});
