/**
 * Pictograms of what goes in a bin, drawn on a 2D canvas: a pupil who cannot tell yellow from
 * green, or cannot read the label yet, still knows the bin by its picture.
 */
import type { ItemKind } from "../items/catalogue.ts";
import type { Context2D } from "./canvas2d.ts";

type Ctx = Context2D;

/** Each pictogram draws in a 100 x 100 box, dark strokes and fills on a light background. */
const DRAW: Record<ItemKind, (g: Ctx) => void> = {
  plastic(g) {
    // a bottle
    g.beginPath();
    g.moveTo(42, 8);
    g.lineTo(58, 8);
    g.lineTo(58, 22);
    g.quadraticCurveTo(74, 32, 74, 48);
    g.lineTo(74, 90);
    g.quadraticCurveTo(74, 94, 70, 94);
    g.lineTo(30, 94);
    g.quadraticCurveTo(26, 94, 26, 90);
    g.lineTo(26, 48);
    g.quadraticCurveTo(26, 32, 42, 22);
    g.closePath();
    g.stroke();
    g.fillRect(26, 52, 48, 16);
  },
  paper(g) {
    // a folded newspaper
    g.strokeRect(16, 14, 68, 76);
    g.fillRect(24, 22, 52, 14);
    for (let y = 44; y <= 80; y += 9) {
      g.fillRect(24, y, 22, 4);
      g.fillRect(54, y, 22, 4);
    }
  },
  glass(g) {
    // a jar with a lid
    g.fillRect(30, 10, 40, 12);
    g.beginPath();
    g.moveTo(28, 26);
    g.lineTo(72, 26);
    g.quadraticCurveTo(82, 30, 82, 44);
    g.lineTo(82, 86);
    g.quadraticCurveTo(82, 94, 74, 94);
    g.lineTo(26, 94);
    g.quadraticCurveTo(18, 94, 18, 86);
    g.lineTo(18, 44);
    g.quadraticCurveTo(18, 30, 28, 26);
    g.closePath();
    g.stroke();
    g.beginPath();
    g.moveTo(30, 44);
    g.lineTo(30, 78);
    g.stroke();
  },
  metal(g) {
    // a drink can
    g.beginPath();
    g.ellipse(50, 18, 24, 8, 0, 0, Math.PI * 2);
    g.stroke();
    g.beginPath();
    g.moveTo(26, 18);
    g.lineTo(26, 84);
    g.ellipse(50, 84, 24, 8, 0, Math.PI, 0, true);
    g.lineTo(74, 18);
    g.stroke();
    g.fillRect(26, 40, 48, 20);
    g.fillRect(44, 10, 12, 5);
  },
  organic(g) {
    // an apple with a leaf
    g.beginPath();
    g.moveTo(50, 30);
    g.bezierCurveTo(20, 10, 6, 50, 24, 78);
    g.bezierCurveTo(34, 96, 44, 92, 50, 88);
    g.bezierCurveTo(56, 92, 66, 96, 76, 78);
    g.bezierCurveTo(94, 50, 80, 10, 50, 30);
    g.fill();
    g.fillRect(48, 12, 4, 18);
    g.beginPath();
    g.ellipse(62, 16, 11, 5, -0.5, 0, Math.PI * 2);
    g.fill();
  },
  residual(g) {
    // a tied rubbish bag
    g.beginPath();
    g.moveTo(40, 26);
    g.bezierCurveTo(6, 44, 10, 94, 50, 94);
    g.bezierCurveTo(90, 94, 94, 44, 60, 26);
    g.closePath();
    g.fill();
    g.beginPath();
    g.moveTo(40, 26);
    g.lineTo(30, 8);
    g.moveTo(60, 26);
    g.lineTo(70, 8);
    g.stroke();
    g.fillRect(38, 22, 24, 6);
  },
  ball(g) {
    g.beginPath();
    g.arc(50, 50, 40, 0, Math.PI * 2);
    g.stroke();
    g.beginPath();
    for (let i = 0; i < 5; i++) {
      const a = -Math.PI / 2 + (i * 2 * Math.PI) / 5;
      const x = 50 + 14 * Math.cos(a);
      const y = 50 + 14 * Math.sin(a);
      if (i === 0) g.moveTo(x, y);
      else g.lineTo(x, y);
    }
    g.closePath();
    g.fill();
  },
  obstacle(g) {
    g.strokeRect(14, 14, 72, 72);
    g.beginPath();
    g.moveTo(14, 14);
    g.lineTo(86, 86);
    g.moveTo(86, 14);
    g.lineTo(14, 86);
    g.stroke();
  },
};

/** Draws `kind`'s pictogram with its top-left corner at (x, y), `size` pixels wide. */
export function drawPictogram(
  g: Ctx,
  kind: ItemKind,
  x: number,
  y: number,
  size: number,
  ink = "#1d1d1f",
): void {
  g.save();
  g.translate(x, y);
  g.scale(size / 100, size / 100);
  g.fillStyle = ink;
  g.strokeStyle = ink;
  g.lineWidth = 7;
  g.lineJoin = "round";
  g.lineCap = "round";
  DRAW[kind](g);
  g.restore();
}
