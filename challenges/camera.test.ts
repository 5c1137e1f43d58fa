import { describe, expect, it } from "vitest";
import { INPUT_SIZE } from "../classifier/index.ts";
import { shippedChallengeCamera as challengeCamera } from "./camera.node.ts";

describe("the camera of a headless challenge", () => {
  it("runs the shipped model on the bank's render of the held item", async () => {
    const { camera, classifyItem } = await challengeCamera();
    let draws = 0;
    const random = { next: () => (draws++ * 0.37) % 1 };
    const picture = camera.imageOf({ id: "plastic-bottle" }, random);
    // The bank's renders are stored at the model's input size (96x96 since the second model).
    expect(picture.width).toBe(INPUT_SIZE);
    expect(classifyItem(picture).kind).toBe("plastic");
    const nothing = classifyItem(camera.imageOf(null, random));
    expect(nothing.kind).toBe("none");
  });

  it("is loaded once per process", async () => {
    expect(await challengeCamera()).toBe(await challengeCamera());
  });
});
