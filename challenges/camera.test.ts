import { describe, expect, it } from "vitest";
import { challengeCamera } from "./camera.ts";

describe("the camera of a headless challenge", () => {
  it("runs the shipped model on the bank's render of the held item", async () => {
    const { camera, classifyItem } = await challengeCamera();
    let draws = 0;
    const random = { next: () => (draws++ * 0.37) % 1 };
    const picture = camera.imageOf({ id: "plastic-bottle" }, random);
    expect(picture.width).toBe(64);
    expect(classifyItem(picture).kind).toBe("plastic");
    const nothing = classifyItem(camera.imageOf(null, random));
    expect(nothing.kind).toBe("none");
  });

  it("is loaded once per process", async () => {
    expect(await challengeCamera()).toBe(await challengeCamera());
  });
});
