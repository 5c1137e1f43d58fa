/**
 * The fixed part of an arena in three.js (z up, cm, arena frame): the table with its markings
 * painted on, the border and walls, obstacles, and bins shown by colour, pictogram and label.
 */
import * as THREE from "three";
import type { ColorName } from "../../runtime/engine.ts";
import type { Arena, Bin, Marking } from "../arena/schema.ts";
import { PALETTE } from "../colors.ts";
import { makeCanvas, type Canvas2D, type Context2D } from "./canvas2d.ts";
import { drawPictogram } from "./pictograms.ts";
import { srgbColor } from "./item-mesh.ts";
import type { BinSign } from "./types.ts";

const RAD = Math.PI / 180;
const css = (name: ColorName) => `rgb(${PALETTE[name].join(",")})`;
const colorOf = (name: ColorName) => srgbColor(PALETTE[name]);

/** Pixels per cm of the table texture (at most 4096 px on a side). */
function textureScale(arena: Arena): number {
  return Math.min(6, 4096 / Math.max(arena.table.width, arena.table.depth));
}

function paintMarking(g: Context2D, m: Marking, s: number, depth: number): void {
  const X = (x: number) => x * s;
  const Y = (y: number) => (depth - y) * s;
  g.fillStyle = css(m.color);
  g.strokeStyle = css(m.color);
  switch (m.shape) {
    case "line":
      g.lineWidth = m.width * s;
      g.lineCap = "round";
      g.lineJoin = "round";
      g.beginPath();
      m.points.forEach((p, i) => (i === 0 ? g.moveTo(X(p.x), Y(p.y)) : g.lineTo(X(p.x), Y(p.y))));
      g.stroke();
      break;
    case "rect":
      g.save();
      g.translate(X(m.center.x), Y(m.center.y));
      g.rotate(-m.angle * RAD);
      g.fillRect(
        (-m.size.width / 2) * s,
        (-m.size.depth / 2) * s,
        m.size.width * s,
        m.size.depth * s,
      );
      g.restore();
      break;
    case "polygon":
      g.beginPath();
      m.points.forEach((p, i) => (i === 0 ? g.moveTo(X(p.x), Y(p.y)) : g.lineTo(X(p.x), Y(p.y))));
      g.closePath();
      g.fill();
      break;
    case "circle":
      g.beginPath();
      g.arc(X(m.center.x), Y(m.center.y), m.radius * s, 0, Math.PI * 2);
      g.fill();
      break;
  }
}

function markingCenter(m: Marking): { x: number; y: number } {
  if (m.shape === "rect" || m.shape === "circle") return m.center;
  const n = m.points.length;
  return {
    x: m.points.reduce((a, p) => a + p.x, 0) / n,
    y: m.points.reduce((a, p) => a + p.y, 0) / n,
  };
}

/** Dark text on light colours, light text on dark ones. */
function inkFor(name: ColorName): string {
  const [r, g, b] = PALETTE[name];
  return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? "#ffffff" : "#1d1d1f";
}

function tableTexture(arena: Arena, zones: Record<string, string>): THREE.CanvasTexture<Canvas2D> {
  const s = textureScale(arena);
  const { width: W, depth: D } = arena.table;
  const { canvas, g } = makeCanvas(Math.ceil(W * s), Math.ceil(D * s));
  g.fillStyle = css(arena.table.color);
  g.fillRect(0, 0, canvas.width, canvas.height);
  for (const m of arena.markings) paintMarking(g, m, s, D);
  // Zone names, written in their zone so a pupil reads where to go.
  g.textAlign = "center";
  g.textBaseline = "middle";
  for (const m of arena.markings) {
    const name = m.zone !== undefined ? zones[m.zone] : undefined;
    if (!name) continue;
    const c = markingCenter(m);
    g.font = `600 ${Math.round(3.2 * s)}px system-ui, sans-serif`;
    g.fillStyle = inkFor(m.color);
    g.fillText(name, c.x * s, (D - c.y) * s, 40 * s);
  }
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.anisotropy = 4;
  return texture;
}

function box(
  w: number,
  d: number,
  h: number,
  color: THREE.Color,
  at: { x: number; y: number; z: number },
  angle = 0,
): THREE.Mesh {
  const mesh = new THREE.Mesh(
    new THREE.BoxGeometry(w, d, h),
    new THREE.MeshStandardMaterial({ color, roughness: 0.8 }),
  );
  mesh.position.set(at.x, at.y, at.z);
  mesh.rotation.z = angle * RAD;
  mesh.castShadow = true;
  mesh.receiveShadow = true;
  return mesh;
}

/** The bin's floor: its colour, the pictograms of what goes in, its name. */
function binDecal(bin: Bin, sign: BinSign): THREE.Mesh {
  const px = 16;
  const { canvas, g } = makeCanvas(Math.ceil(bin.size.width * px), Math.ceil(bin.size.depth * px));
  const { width: cw, height: ch } = canvas;
  g.fillStyle = css(bin.color);
  g.fillRect(0, 0, cw, ch);
  const ink = inkFor(bin.color);
  const kinds = sign.kinds.slice(0, 3);
  const icon = Math.min(ch * 0.5, (cw * 0.8) / Math.max(1, kinds.length));
  kinds.forEach((kind, i) => {
    const x = cw / 2 - (kinds.length * icon) / 2 + i * icon;
    drawPictogram(g, kind, x + icon * 0.08, ch * 0.12, icon * 0.84, ink);
  });
  g.fillStyle = ink;
  g.textAlign = "center";
  g.textBaseline = "middle";
  g.font = `700 ${Math.round(ch * 0.16)}px system-ui, sans-serif`;
  g.fillText(sign.label, cw / 2, ch * 0.8, cw * 0.92);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.anisotropy = 4;
  const mesh = new THREE.Mesh(
    new THREE.PlaneGeometry(bin.size.width, bin.size.depth),
    new THREE.MeshStandardMaterial({ map: texture, roughness: 0.9 }),
  );
  mesh.position.set(bin.position.x, bin.position.y, 0.03);
  mesh.rotation.z = bin.angle * RAD;
  mesh.receiveShadow = true;
  mesh.name = `bin-floor:${bin.id}`;
  return mesh;
}

/** A sign above the bin, always facing the camera: readable from the follow camera too. */
function binSign(bin: Bin, sign: BinSign): THREE.Sprite {
  const { canvas, g } = makeCanvas(256, 128);
  g.fillStyle = "#ffffff";
  g.beginPath();
  g.roundRect(4, 4, 248, 120, 18);
  g.fill();
  g.lineWidth = 8;
  g.strokeStyle = css(bin.color);
  g.stroke();
  const kinds = sign.kinds.slice(0, 3);
  kinds.forEach((kind, i) => drawPictogram(g, kind, 14 + i * 46, 14, 44));
  g.fillStyle = "#1d1d1f";
  g.font = "700 30px system-ui, sans-serif";
  g.textBaseline = "middle";
  g.textAlign = kinds.length ? "left" : "center";
  const textX = kinds.length ? 20 : 128;
  g.fillText(sign.label, textX, 92, 220);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  const sprite = new THREE.Sprite(new THREE.SpriteMaterial({ map: texture, depthWrite: false }));
  const back = bin.size.depth / 2;
  const a = bin.angle * RAD;
  // Behind the bin's far side (from its open side, or north), so it hides no item inside.
  const towards = bin.openSide === "north" ? -1 : 1;
  sprite.position.set(
    bin.position.x - Math.sin(a) * back * towards,
    bin.position.y + Math.cos(a) * back * towards,
    bin.size.height + 7,
  );
  sprite.scale.set(16, 8, 1);
  sprite.name = `bin-sign:${bin.id}`;
  return sprite;
}

function binMesh(bin: Bin, sign: BinSign): THREE.Group {
  const group = new THREE.Group();
  group.name = `bin:${bin.id}`;
  const { width: w, depth: d, height: h } = bin.size;
  const t = bin.wallThickness;
  const color = colorOf(bin.color).multiplyScalar(0.8);
  const a = bin.angle * RAD;
  const place = (lx: number, ly: number) => ({
    x: bin.position.x + lx * Math.cos(a) - ly * Math.sin(a),
    y: bin.position.y + lx * Math.sin(a) + ly * Math.cos(a),
    z: h / 2,
  });
  const sides: [string, number, number, number, number][] = [
    ["east", w / 2 - t / 2, 0, t, d],
    ["west", -w / 2 + t / 2, 0, t, d],
    ["north", 0, d / 2 - t / 2, w, t],
    ["south", 0, -d / 2 + t / 2, w, t],
  ];
  for (const [side, lx, ly, sw, sd] of sides) {
    if (side === bin.openSide) continue;
    group.add(box(sw, sd, h, color, place(lx, ly), bin.angle));
  }
  group.add(binDecal(bin, sign), binSign(bin, sign));
  return group;
}

export function buildArenaMesh(
  arena: Arena,
  signs: Record<string, BinSign>,
  zones: Record<string, string>,
): THREE.Group {
  const group = new THREE.Group();
  group.name = "arena";
  const { width: W, depth: D } = arena.table;
  const top = new THREE.Mesh(
    new THREE.PlaneGeometry(W, D),
    new THREE.MeshStandardMaterial({ map: tableTexture(arena, zones), roughness: 0.85 }),
  );
  top.position.set(W / 2, D / 2, 0);
  top.receiveShadow = true;
  top.name = "table";
  group.add(top);
  // The table's thickness and legs' shadow under it, so the robot can be seen falling off.
  const slab = box(W, D, 3, new THREE.Color(0x8a6f52), { x: W / 2, y: D / 2, z: -1.51 });
  slab.castShadow = false;
  group.add(slab);
  const wallColor = new THREE.Color(0xc9cdd2);
  if (arena.border) {
    const { height: h, thickness: t } = arena.border;
    group.add(
      box(W + 2 * t, t, h, wallColor, { x: W / 2, y: -t / 2, z: h / 2 }),
      box(W + 2 * t, t, h, wallColor, { x: W / 2, y: D + t / 2, z: h / 2 }),
      box(t, D, h, wallColor, { x: -t / 2, y: D / 2, z: h / 2 }),
      box(t, D, h, wallColor, { x: W + t / 2, y: D / 2, z: h / 2 }),
    );
  }
  for (const wall of arena.walls) {
    const dx = wall.to.x - wall.from.x;
    const dy = wall.to.y - wall.from.y;
    group.add(
      box(
        Math.hypot(dx, dy) + wall.thickness,
        wall.thickness,
        wall.height,
        wallColor,
        { x: (wall.from.x + wall.to.x) / 2, y: (wall.from.y + wall.to.y) / 2, z: wall.height / 2 },
        (Math.atan2(dy, dx) * 180) / Math.PI,
      ),
    );
  }
  for (const o of arena.obstacles) {
    const mesh = box(
      o.size.width,
      o.size.depth,
      o.size.height,
      colorOf(o.color),
      { x: o.center.x, y: o.center.y, z: o.size.height / 2 },
      o.angle,
    );
    mesh.name = `obstacle:${o.id ?? ""}`;
    group.add(mesh);
  }
  for (const bin of arena.bins) {
    group.add(binMesh(bin, signs[bin.id] ?? { label: "", kinds: bin.accepts.slice() }));
  }
  return group;
}
