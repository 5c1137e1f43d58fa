/**
 * A 2D canvas for the view's textures (the table, bin signs, item surfaces) that works on the
 * page and in the render worker: a page has `document`, a worker only `OffscreenCanvas`. Both
 * draw with the same rasteriser, so textures look the same either way.
 */
export type Canvas2D = HTMLCanvasElement | OffscreenCanvas;
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export function makeCanvas(width: number, height: number): { canvas: Canvas2D; g: Context2D } {
  let canvas: Canvas2D;
  if (typeof document !== "undefined") {
    canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
  } else canvas = new OffscreenCanvas(width, height);
  return { canvas, g: canvas.getContext("2d") as Context2D };
}
