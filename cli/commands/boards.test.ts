import { describe, expect, it } from "vitest";
import { main } from "../main.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { locale: "fr" as const, out: (t: string) => out.push(t), err: (t: string) => err.push(t) },
  };
}

describe("robotyc boards", () => {
  it("refuses an unknown option, in French", async () => {
    const c = capture();
    expect(await main(["boards", "--bad"], c.io)).toBe(2);
    expect(c.err.join("\n")).toBe("Option inconnue : « --bad ». Options : --json, --no-probe.");
  });

  it("lists this machine's serial ports as JSON (no board attached here: an empty list)", async () => {
    const c = capture();
    expect(await main(["boards", "--json", "--no-probe"], c.io)).toBe(0);
    const ports = JSON.parse(c.out.join("\n")) as unknown[];
    expect(Array.isArray(ports)).toBe(true);
  });
});

describe("robotyc wiring", () => {
  it("prints the default kit's sheet as SVG", async () => {
    const c = capture();
    expect(await main(["wiring"], c.io)).toBe(0);
    const svg = c.out.join("\n");
    expect(svg).toContain("<svg");
    expect(svg).toContain("Câblage : Kit 2 roues motrices sur Arduino Uno");
    expect(c.err).toEqual([]);
  });

  it("warns when the kit is drawn on a board it was not wired for", async () => {
    const c = capture();
    expect(await main(["wiring", "--board", "mega2560"], c.io)).toBe(0);
    expect(c.err.join("\n")).toContain("doit aller sur la broche D20");
    const d = capture();
    expect(await main(["wiring", "--kit", "6wd"], d.io)).toBe(1);
    expect(d.err.join("\n")).toBe("Kit inconnu : « 6wd ».");
  });
});
