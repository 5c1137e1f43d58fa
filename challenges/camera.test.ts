import { describe, expect, it } from "vitest";
import { INPUT_SIZE } from "../classifier/index.ts";
import { catalogueItem, Random } from "../simulator/index.ts";
import { challengeCamera, challengeCameraLoaded } from "./camera.ts";

/** A run's generator that counts what is drawn from it. */
class CountingRandom extends Random {
  draws = 0;
  override next(): number {
    this.draws++;
    return super.next();
  }
}

describe("the camera of a headless challenge", () => {
  it("loads nothing until a picture is taken", () => {
    challengeCamera();
    expect(challengeCameraLoaded()).toBe(false);
  });

  it("runs the shipped model on the bank's render of the held item", async () => {
    const { camera, classifyItem } = challengeCamera();
    const random = new CountingRandom(7);
    const taking = camera.imageOf(catalogueItem("plastic-bottle")!, random);
    // The picture's one draw from the run's generator happens at the call, before any loading.
    expect(random.draws).toBe(1);
    const picture = await taking;
    // The bank's renders are stored at the model's input size (96x96 since the second model).
    expect(picture.width).toBe(INPUT_SIZE);
    expect((await classifyItem(picture)).kind).toBe("plastic");
    const nothing = await classifyItem(await camera.imageOf(null, random));
    expect(nothing.kind).toBe("none");
    expect(random.draws).toBe(2);
    expect(challengeCameraLoaded()).toBe(true);
  });

  it("is one camera per process", () => {
    expect(challengeCamera()).toBe(challengeCamera());
  });
});
