import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputSpread, toInput } from "../../classifier/index.ts";
import { CATALOGUE } from "../../simulator/index.ts";
import { openRenderer } from "./render.ts";

type Renderer = Awaited<ReturnType<typeof openRenderer>>;
let renderer: Renderer | undefined;

// Debian's chromium is listed in .ci/apt-packages.txt; without it the renderer cannot start,
// so the test is skipped on such a machine instead of failing for the wrong reason.
const hasChromium = existsSync("/usr/bin/chromium");

describe.skipIf(!hasChromium)("catalogue renders in headless Chromium", () => {
  beforeAll(async () => {
    renderer = await openRenderer();
  });
  afterAll(async () => renderer?.close());

  it("renders a visible item, identical for the same seed, different for another variant", async () => {
    const item = CATALOGUE.find((i) => i.kind === "organic")!;
    const [a, b, c] = await renderer!.render([
      { item, variant: 7 },
      { item, variant: 7 },
      { item, variant: 8 },
    ]);
    expect(a!.width).toBe(128);
    expect(inputSpread(toInput(a!))).toBeGreaterThan(0.03);
    expect(Buffer.from(a!.data).equals(Buffer.from(b!.data))).toBe(true);
    expect(Buffer.from(a!.data).equals(Buffer.from(c!.data))).toBe(false);
  });
});
