import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../main.ts";

async function robotyc(args: string[], locale: "fr" | "en" = "fr") {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { locale, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("robotyc check", () => {
  const dir = mkdtempSync(join(tmpdir(), "robotyc-check-"));

  it("exits 0 on the example program", async () => {
    const r = await robotyc(["check", "examples/hello.ts"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toContain("aucun problème");
  });

  it("prints file:line:col: message and exits 1 on errors", async () => {
    const file = join(dir, "bad.ts");
    writeFileSync(file, "await robot.forward(10);\nconst s: string = 5;\n");
    const r = await robotyc(["check", file], "en");
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${file}:2:7: "s" must hold a text, not the number 5.`);
  });

  it("exits 1 with a clear message on a non-UTF-8 file", async () => {
    const file = join(dir, "latin1.ts");
    writeFileSync(file, Buffer.from([0x70, 0x72, 0x69, 0x6e, 0x74, 0x28, 0x22, 0xe9, 0x22, 0x29]));
    const r = await robotyc(["check", file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("UTF-8");
  });

  it("exits 2 on bad usage or a missing file", async () => {
    expect((await robotyc(["check"])).code).toBe(2);
    const missing = await robotyc(["check", join(dir, "nope.ts")], "en");
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("File not found");
    expect((await robotyc(["check", dir])).code).toBe(2);
  });
});

describe("robotyc check on a huge file", () => {
  it("refuses it from its size, exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "robotyc-check-big-"));
    const file = join(dir, "big.ts");
    writeFileSync(file, "await robot.forward(1);\n".repeat(220_000));
    const out: string[] = [];
    const code = await main(["check", file], {
      locale: "en",
      out: () => {},
      err: (t) => out.push(t),
    });
    expect(code).toBe(1);
    expect(out[0]).toMatch(
      new RegExp(`^${file}:1:1: The program is too long \\(\\d+ kB; at most 256 kB\\)\\.$`),
    );
  });
});
