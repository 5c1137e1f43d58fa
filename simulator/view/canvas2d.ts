/**
 * A 2D canvas for the view's textures (the table, bin signs, item surfaces) that works on the
 * page and in the render worker: a page has `document`, a worker only `OffscreenCanvas`. Both
 * draw with the same rasteriser, so textures look the same either way.
 */
export type Canvas2D = HTMLCanvasElement | OffscreenCanvas;
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** A blank canvas, on the page or in a worker. */
export function newCanvas(width: number, height: number): Canvas2D {
  if (typeof document === "undefined") return new OffscreenCanvas(width, height);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

export function makeCanvas(width: number, height: number): { canvas: Canvas2D; g: Context2D } {
  const canvas = newCanvas(width, height);
  return { canvas, g: canvas.getContext("2d") as Context2D };
}

/**
 * The WebGL renderer's name (unmasked where the browser gives it), from a throwaway context; null
 * when there is no WebGL here.
 */
export function webglRendererName(): string | null {
  const gl = newCanvas(1, 1).getContext("webgl2") as WebGL2RenderingContext | null;
  if (!gl) return null;
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return name;
}
