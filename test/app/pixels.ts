/** Reading screenshots: decode a PNG, find the robot (violet, a colour nothing else uses). */
import { PNG } from "pngjs";

export interface Pixels {
  width: number;
  height: number;
  data: Uint8Array;
}

export function decodePng(bytes: Uint8Array): Pixels {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}

/** Whether an sRGB pixel looks like the robot's violet chassis, lit or in shade. */
export function isRobotViolet(r: number, g: number, b: number): boolean {
  return b > 90 && r > 45 && b - g > 60 && r - g > 25 && b > r;
}

/** Centre (pixels) and size of the robot's violet pixels, inside an optional box. */
export function robotCentroid(
  image: Pixels,
  box = { x: 0, y: 0, width: image.width, height: image.height },
): { x: number; y: number; count: number } {
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * image.width + x) * 4;
      if (isRobotViolet(image.data[i]!, image.data[i + 1]!, image.data[i + 2]!)) {
        sx += x;
        sy += y;
        count++;
      }
    }
  }
  return count ? { x: sx / count, y: sy / count, count } : { x: NaN, y: NaN, count: 0 };
}
