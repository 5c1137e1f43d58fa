import { describe, expect, it } from "vitest";
import { INPUT_SIZE } from "../classifier/index.ts";
import { catalogueItem, Random } from "../simulator/index.ts";
import { loadClassifier, loadImageBankDir } from "../classifier/node.ts";
import { lazyCamera, makeChallengeCamera } from "./camera.ts";
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

  it("classifies a picture of the bank once, and gives the same answer each time it is taken again", async () => {
    const [bank, model] = await Promise.all([loadImageBankDir(), loadClassifier()]);
    let classified = 0;
    const classify = model.classify.bind(model);
    model.classify = (image) => {
      classified++;
      return classify(image);
    };
    const { camera, classifyItem } = makeChallengeCamera(bank, model);
    const random = { next: () => 0.25 };
    const first = classifyItem(camera.imageOf({ id: "glass-jar" }, random));
    expect(first.kind).toBe("glass");
    for (let i = 0; i < 3; i++) {
      expect(classifyItem(camera.imageOf({ id: "glass-jar" }, random))).toEqual(first);
    }
    expect(classified).toBe(1);
    // The model's own answer for the same pixels, when they do not come from this camera.
    const picture = camera.imageOf({ id: "glass-jar" }, random);
    const copy = { ...picture, data: new Uint8Array(picture.data) };
    expect(classifyItem(copy)).toEqual(first);
    expect(classifyItem(copy)).toEqual(first);
    expect(classified).toBe(3);
  });

  it("is loaded once per process", async () => {
    expect(await challengeCamera()).toBe(await challengeCamera());
  });
});

/** A run's generator that counts what is drawn from it. */
class CountingRandom extends Random {
  draws = 0;
  override next(): number {
    this.draws++;
    return super.next();
  }
}

describe("the camera a run gives its robot", () => {
  it("loads nothing until a picture is taken, and draws from the run's generator at the call", async () => {
    let loads = 0;
    const { camera, classifyItem } = lazyCamera(() => {
      loads++;
      return challengeCamera();
    });
    expect(loads).toBe(0);
    const random = new CountingRandom(7);
    const taking = camera.imageOf(catalogueItem("plastic-bottle")!, random);
    expect(random.draws).toBe(1);
    const picture = await taking;
    expect(picture.width).toBe(INPUT_SIZE);
    expect((await classifyItem(picture)).kind).toBe("plastic");
    expect(loads).toBe(2);
  });
});
