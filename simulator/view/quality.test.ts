import { describe, expect, it } from "vitest";
import { isSoftwareWebGL, QUALITY_LEVELS, QualityGovernor, SOFTWARE_LEVEL } from "./quality.ts";

/** Feeds `count` ticks `every` ms apart, drawing at each; returns the levels announced. */
function feed(g: QualityGovernor, start: number, count: number, every: number, drew = true) {
  const changes: number[] = [];
  for (let i = 0; i < count; i++) {
    const level = g.tick(start + i * every, drew);
    if (level !== null) changes.push(level);
  }
  return changes;
}

describe("the arena's quality on a slow machine", () => {
  it("keeps full quality while back-to-back frames are quick", () => {
    const g = new QualityGovernor();
    expect(feed(g, 0, 200, 16)).toEqual([]);
    expect(g.quality).toBe(0);
  });

  it("steps down one level per window of slow frames, down to the last level", () => {
    const g = new QualityGovernor(100, 4);
    // 5 ticks make 4 back-to-back intervals: one decision.
    expect(feed(g, 0, 5, 400)).toEqual([1]);
    expect(feed(g, 10_000, 100, 400)).toEqual([2, 3, 4]);
    expect(g.quality).toBe(QUALITY_LEVELS);
  });

  it("starts lower in software WebGL, and still steps down from there", () => {
    expect(
      isSoftwareWebGL(
        "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)",
      ),
    ).toBe(true);
    expect(isSoftwareWebGL("llvmpipe (LLVM 15.0.6, 256 bits)")).toBe(true);
    expect(
      isSoftwareWebGL("ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)"),
    ).toBe(false);
    expect(isSoftwareWebGL(null)).toBe(false);
    const g = new QualityGovernor(100, 4, SOFTWARE_LEVEL);
    expect(g.quality).toBe(2);
    expect(feed(g, 0, 9, 400)).toEqual([3, 4]);
  });

  it("ignores the gaps of an idle view or of frames arriving slowly", () => {
    const g = new QualityGovernor(100, 4);
    // A frame drawn every 400 ms, but the ticks between draw nothing: never back to back.
    for (let i = 0; i < 400; i++) g.tick(i * 16, i % 25 === 0);
    expect(g.quality).toBe(0);
  });

  it("decides on the median, so one slow frame (a garbage collection) changes nothing", () => {
    const g = new QualityGovernor(100, 4);
    const times = [0, 16, 600, 616, 632];
    const changes = times.map((t) => g.tick(t, true)).filter((l) => l !== null);
    expect(changes).toEqual([]);
  });
});
