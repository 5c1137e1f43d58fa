import { describe, expect, it } from "vitest";
import { compile } from "./compile.ts";
import { MAX_SOURCE_BYTES } from "./source-input.ts";

const lines = (...l: string[]) => l.join("\n");

describe("compile", () => {
  it("turns a pupil script with top-level await into a program", () => {
    const result = compile(
      lines("const d: number = robot.distance();", "await robot.forward(d / 2);"),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.program.code).toContain("await robot.forward(d / 2)");
    expect(result.program.code).not.toContain(": number");
    expect(result.program.code).not.toMatch(/^export/m);
  });

  it("keeps a pupil's text that looks like TypeScript's own output lines", () => {
    const result = compile(
      lines("const s = `", "export {};", "//# sourceMappingURL=x", "`;", "print(s);"),
    );
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.program.code).toContain("`\nexport {};\n//# sourceMappingURL=x\n`");
  });

  it("reports a type error on line 7 on line 7, in French", () => {
    const source = lines(
      "// Mon programme",
      "const vitesse = 50;",
      "robot.setSpeed(vitesse);",
      "",
      "interface Etape { cm: number }",
      "const etape: Etape = { cm: 20 };",
      "const texte: string = 42;",
      "await robot.forward(etape.cm);",
    );
    const result = compile(source, { locale: "fr" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect(d).toMatchObject({ line: 7, column: 7, code: "TS2322", severity: "error" });
    expect(d!.message).toBe("« texte » doit contenir un texte, pas le nombre 42.");
    expect(d!.detail).toBe("Impossible d'assigner le type 'number' au type 'string'.");
  });

  it("speaks English when asked, and reports syntax errors with their position", () => {
    const result = compile(lines("await robot.forward(10);", "robot.stop(;"), { locale: "en" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ line: 2, column: 12, code: "TS1005" });
    expect(result.diagnostics[0]!.message).toBe('A ")" is missing here.');
    expect(result.diagnostics[0]!.detail).toBe("')' expected.");
  });

  it("checks calls against the robot API", () => {
    const result = compile('await robot.forward("vingt");', { locale: "en" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]!.message).toBe(
      'robot.forward expects a number (centimetres), not the text "vingt".',
    );
    expect(result.diagnostics[0]!.detail).toContain("not assignable to parameter of type 'number'");
    const unknown = compile("robot.fly();", { locale: "fr" });
    expect(unknown.diagnostics[0]!.message).toContain("Le robot ne connaît pas « fly »");
  });

  it("refuses imports and exports with its own localized message", () => {
    const result = compile(
      lines('import fs from "node:fs";', "export const a = 1;", 'const m = await import("x");'),
      { locale: "fr" },
    );
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [1, "ROBOTYC_IMPORT"],
      [2, "ROBOTYC_EXPORT"],
      [3, "ROBOTYC_IMPORT"],
    ]);
    expect(result.diagnostics[0]!.message).toContain("ne peut pas importer");
  });

  it("knows nothing of Date, eval, require, fetch or process, and says so in its own words", () => {
    const result = compile(
      lines("Date.now();", 'eval("1");', 'require("fs");', 'fetch("x");', "process.exit();"),
      { locale: "en" },
    );
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.line, d.code])).toEqual(
      [1, 2, 3, 4, 5].map((line) => [line, "ROBOTYC_NOT_IN_SANDBOX"]),
    );
    expect(result.diagnostics[0]!.message).toBe(
      '"Date" does not exist in a robot program: use time().',
    );
    expect(result.diagnostics[2]!.message).toBe('"require" does not exist in a robot program.');
  });

  it("points a pupil who writes console.log to print", () => {
    const result = compile('\nconsole.log("salut");', { locale: "fr" });
    expect(result.diagnostics).toEqual([
      {
        line: 2,
        column: 1,
        code: "ROBOTYC_NOT_IN_SANDBOX",
        severity: "error",
        message: "« console » n'existe pas dans un programme de robot : utilise print(...).",
      },
    ]);
  });

  describe("bad input gives one clear diagnostic, never a crash", () => {
    it("empty file", () => {
      const result = compile("  \n\n ", { locale: "fr" });
      expect(result).toMatchObject({
        ok: false,
        diagnostics: [{ code: "ROBOTYC_EMPTY", line: 1 }],
      });
      expect(result.diagnostics[0]!.message).toContain("Le programme est vide");
    });

    it("binary garbage", () => {
      const bytes = new Uint8Array(4096);
      let state = 12345;
      for (let i = 0; i < bytes.length; i++) {
        state = (state * 1103515245 + 12345) >>> 0;
        bytes[i] = state >>> 24;
      }
      const result = compile(bytes, { locale: "en" });
      expect(result.ok).toBe(false);
      expect(result.diagnostics).toHaveLength(1);
      expect(["ROBOTYC_NOT_UTF8", "ROBOTYC_BINARY"]).toContain(result.diagnostics[0]!.code);
      const text = compile("await robot.forward(1);\n\u0000\u0001\u0002", { locale: "en" });
      expect(text.diagnostics[0]).toMatchObject({ code: "ROBOTYC_BINARY", line: 2 });
    });

    it("a 5 MB file, as bytes and as text", () => {
      const big = "await robot.forward(1);\n".repeat((5 * 1024 * 1024) / 24);
      const asText = compile(big, { locale: "fr" });
      expect(asText.diagnostics[0]!.code).toBe("ROBOTYC_TOO_LARGE");
      expect(asText.diagnostics[0]!.message).toContain(`au plus ${MAX_SOURCE_BYTES / 1024} Ko`);
      const asBytes = compile(new TextEncoder().encode(big), { locale: "en" });
      expect(asBytes.diagnostics[0]!.code).toBe("ROBOTYC_TOO_LARGE");
    });

    it("non-UTF-8 bytes (Latin-1 accents)", () => {
      const latin1 = Uint8Array.from(
        [...'print("'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x22, 0x29]),
      );
      const result = compile(latin1, { locale: "fr" });
      expect(result.diagnostics[0]!.code).toBe("ROBOTYC_NOT_UTF8");
      expect(result.diagnostics[0]!.message).toContain("UTF-8");
    });

    it("valid UTF-8 bytes with a byte-order mark compile", () => {
      const bytes = new TextEncoder().encode('\uFEFFprint("déchet");');
      expect(compile(bytes).ok).toBe(true);
    });
  });
});
