/**
 * The camera seam of `classify()`: a camera source gives an image (RGB) of what sits in the gripper,
 * and a `ClassifyItem` function names its kind. The real ones are the classifier's image bank
 * (photos and renders of every catalogue item) and its TF.js model, wired for a challenge run by
 * `challenges/camera.ts`; `SimRobot` has no default and refuses `classify()` without them.
 *
 * PLACEHOLDER_CAMERA and placeholderClassify are a stand-in for tests of the seam itself: flat
 * synthetic drawings of catalogue items, named by the nearest clean drawing. No run uses them
 * unless it passes them explicitly.
 */
import type { ClassifyResult } from "../runtime/engine.ts";
import { CATALOGUE, isWasteKind } from "./items/catalogue.ts";
import type { CatalogueItem, Rgb } from "./items/catalogue.ts";
import type { Random } from "./random.ts";

export interface CameraImage {
  width: number;
  height: number;
  /** RGB, row by row, 3 bytes a pixel. */
  data: Uint8Array;
}

/** Gives the picture the robot's camera takes of an item at the gripper (null: nothing there). */
export interface CameraSource {
  imageOf(item: CatalogueItem | null, random: Random): CameraImage;
}

/** Names the kind of waste in a picture; may be async (a TF.js model). */
export type ClassifyItem = (image: CameraImage) => ClassifyResult | Promise<ClassifyResult>;

const SIZE = 32;
const BACKGROUND: Rgb = [90, 90, 95];

function draw(item: CatalogueItem | null, noise: Random | null): CameraImage {
  const data = new Uint8Array(SIZE * SIZE * 3);
  // Scale: the picture is 24 cm wide.
  const scale = SIZE / 24;
  let w = 0;
  let h = 0;
  let round = false;
  if (item) {
    const s = item.shape;
    if (s.type === "box") [w, h] = [s.width, s.height];
    else if (s.type === "cylinder") [w, h] = [s.radius * 2, s.height];
    else [w, h, round] = [s.radius * 2, s.radius * 2, true];
  }
  const pw = Math.min(SIZE, w * scale) / 2;
  const ph = Math.min(SIZE, h * scale);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const dx = x + 0.5 - SIZE / 2;
      const fromBottom = SIZE - (y + 0.5);
      let color = BACKGROUND;
      if (item) {
        const inside = round
          ? Math.hypot(dx, fromBottom - ph / 2) <= pw
          : Math.abs(dx) <= pw && fromBottom <= ph;
        if (inside) {
          const band = Math.abs(fromBottom - ph / 2) < ph / 6;
          color = band ? item.colors.accent : item.colors.main;
        }
      }
      const i = (y * SIZE + x) * 3;
      for (let c = 0; c < 3; c++) {
        const jitter = noise ? noise.gaussian(6) : 0;
        data[i + c] = Math.max(0, Math.min(255, Math.round(color[c]! + jitter)));
      }
    }
  }
  return { width: SIZE, height: SIZE, data };
}

/** PLACEHOLDER camera bank: flat synthetic drawings with seeded sensor noise. */
export const PLACEHOLDER_CAMERA: CameraSource = {
  imageOf: (item, random) => draw(item, random),
};

let templates: { item: CatalogueItem | null; image: CameraImage }[] | undefined;

/** PLACEHOLDER classifier: the nearest clean drawing of the placeholder bank names the kind. */
export const placeholderClassify: ClassifyItem = (image) => {
  templates ??= [null, ...CATALOGUE].map((item) => ({ item, image: draw(item, null) }));
  let best = templates[0]!;
  let bestDistance = Infinity;
  let second = Infinity;
  for (const template of templates) {
    if (template.image.data.length !== image.data.length) continue;
    let sum = 0;
    for (let i = 0; i < image.data.length; i++)
      sum += Math.abs(image.data[i]! - template.image.data[i]!);
    const distance = sum / image.data.length;
    if (distance < bestDistance) {
      second = bestDistance;
      bestDistance = distance;
      best = template;
    } else if (distance < second) second = distance;
  }
  const kind = best.item && isWasteKind(best.item.kind) ? best.item.kind : "none";
  // Confidence from the margin between the best and the second-best match.
  const confidence = Number.isFinite(second) ? second / (second + bestDistance + 1e-9) : 1;
  return { kind, confidence: Math.round(confidence * 1000) / 1000 };
};
