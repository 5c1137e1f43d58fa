/**
 * The page's side of the free camera: pointer drags, the wheel and the keys on the arena's canvas
 * become `CameraCommand`s, handed to `send` (the view on the page, or a message to the render
 * worker, which has no DOM). Drag to turn around the table; right-drag or Shift-drag to slide it;
 * the wheel or + and - to zoom; the arrow keys slide, Shift and the arrows turn.
 */
import type { CameraCommand } from "./free-camera.ts";

/** One arrow key press: this fraction of the view's height. */
const KEY_STEP = 0.04;

export function attachCameraInput(
  element: HTMLElement,
  send: (command: CameraCommand) => void,
  enabled: () => boolean,
): () => void {
  let drag: { id: number; x: number; y: number; pan: boolean } | null = null;
  const height = () => Math.max(1, element.clientHeight);
  const down = (event: PointerEvent) => {
    if (!enabled() || drag) return;
    drag = {
      id: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      pan: event.button === 2 || event.shiftKey || event.ctrlKey || event.metaKey,
    };
    element.setPointerCapture?.(event.pointerId);
    event.preventDefault();
  };
  const move = (event: PointerEvent) => {
    if (!drag || event.pointerId !== drag.id) return;
    const dx = (event.clientX - drag.x) / height();
    const dy = (event.clientY - drag.y) / height();
    drag.x = event.clientX;
    drag.y = event.clientY;
    if (dx || dy) send({ kind: drag.pan ? "pan" : "rotate", dx, dy });
  };
  const up = (event: PointerEvent) => {
    if (drag && event.pointerId === drag.id) drag = null;
  };
  const wheel = (event: WheelEvent) => {
    if (!enabled()) return;
    event.preventDefault();
    const pixels = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
    send({ kind: "zoom", factor: Math.pow(1.0015, Math.max(-300, Math.min(300, pixels))) });
  };
  const key = (event: KeyboardEvent) => {
    if (!enabled()) return;
    const step: Record<string, [number, number]> = {
      ArrowLeft: [-KEY_STEP, 0],
      ArrowRight: [KEY_STEP, 0],
      ArrowUp: [0, -KEY_STEP],
      ArrowDown: [0, KEY_STEP],
    };
    let command: CameraCommand | null = null;
    const arrow = step[event.key];
    if (arrow) {
      command = { kind: event.shiftKey ? "rotate" : "pan", dx: arrow[0], dy: arrow[1] };
    } else if (event.key === "+" || event.key === "=") command = { kind: "zoom", factor: 0.9 };
    else if (event.key === "-") command = { kind: "zoom", factor: 1 / 0.9 };
    if (!command) return;
    event.preventDefault();
    send(command);
  };
  const menu = (event: Event) => {
    if (enabled()) event.preventDefault();
  };
  element.addEventListener("pointerdown", down);
  element.addEventListener("pointermove", move);
  element.addEventListener("pointerup", up);
  element.addEventListener("pointercancel", up);
  element.addEventListener("wheel", wheel, { passive: false });
  element.addEventListener("keydown", key);
  element.addEventListener("contextmenu", menu);
  return () => {
    element.removeEventListener("pointerdown", down);
    element.removeEventListener("pointermove", move);
    element.removeEventListener("pointerup", up);
    element.removeEventListener("pointercancel", up);
    element.removeEventListener("wheel", wheel);
    element.removeEventListener("keydown", key);
    element.removeEventListener("contextmenu", menu);
  };
}
