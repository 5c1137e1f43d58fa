/**
 * The look of a catalogue item in three.js: shape, surface pattern, material, lid or cap. The
 * arena view and the classifier's dataset renderer (tools/classifier/) build items with this one
 * function, so the training images and the arena show the same objects.
 *
 * Meshes are built y-up (three.js' convention): a cylinder's axis is y, a box is width (x) by
 * height (y) by depth (z). The arena view turns them to its z-up frame.
 * `random` decides the variant (size, colour jitter, pattern details); the same sequence of
 * numbers gives the same item, so the renders of a seed never change.
 */
import * as THREE from "three";
import type { CatalogueItem, Rgb } from "../items/catalogue.ts";
import { makeCanvas, type Canvas2D } from "./canvas2d.ts";

/** A colour given as sRGB 0-255 (optionally brightened by `k`), in three.js' working space. */
export function srgbColor(c: Rgb | number[], k = 1): THREE.Color {
  return new THREE.Color(
    Math.min(1, (c[0]! / 255) * k),
    Math.min(1, (c[1]! / 255) * k),
    Math.min(1, (c[2]! / 255) * k),
  ).convertSRGBToLinear();
}

const css = (c: readonly number[]) =>
  `rgb(${c.map((v) => Math.round(Math.max(0, Math.min(255, v)))).join(",")})`;

/** A surface texture: the item's main colour with an accent pattern fixed by `pattern`. */
function surfaceTexture(
  item: CatalogueItem,
  main: number[],
  accent: number[],
  pattern: number,
  rand: () => number,
): THREE.CanvasTexture<Canvas2D> {
  const { canvas, g } = makeCanvas(64, 64);
  g.fillStyle = css(main);
  g.fillRect(0, 0, 64, 64);
  g.fillStyle = css(accent);
  g.strokeStyle = css(accent);
  const kind = item.kind === "paper" && item.id.includes("news") ? "lines" : pattern;
  if (kind === "lines") {
    for (let y = 4; y < 64; y += 5) g.fillRect(4 + rand() * 4, y, 20 + rand() * 36, 2);
  } else if (item.kind === "metal" || item.kind === "plastic" || item.kind === "glass") {
    // a label band
    const top = 18 + rand() * 6;
    g.fillRect(0, top, 64, 18 + rand() * 8);
    g.fillStyle = css(main);
    for (let i = 0; i < 4; i++) g.fillRect(rand() * 56, top + 4 + rand() * 12, 6 + rand() * 10, 3);
  } else if (item.kind === "organic") {
    for (let i = 0; i < 30; i++) {
      g.globalAlpha = 0.3 + rand() * 0.5;
      g.beginPath();
      g.arc(rand() * 64, rand() * 64, 1 + rand() * 4, 0, Math.PI * 2);
      g.fill();
    }
    g.globalAlpha = 1;
  } else if (kind === 0) {
    g.fillRect(0, 28 + rand() * 8, 64, 6);
  } else if (kind === 1) {
    for (let i = 0; i < 6; i++)
      g.fillRect(rand() * 64, rand() * 64, 8 + rand() * 12, 4 + rand() * 8);
  } else {
    g.lineWidth = 2;
    for (let i = 0; i < 5; i++) {
      g.beginPath();
      g.moveTo(rand() * 64, rand() * 64);
      g.lineTo(rand() * 64, rand() * 64);
      g.stroke();
    }
  }
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return texture;
}

const isClearBottle = (item: CatalogueItem) =>
  item.id.includes("bottle") && !item.id.includes("detergent");

function material(item: CatalogueItem, map: THREE.Texture, rand: () => number): THREE.Material {
  switch (item.kind) {
    case "glass":
      return new THREE.MeshPhysicalMaterial({
        map,
        roughness: 0.05 + rand() * 0.1,
        metalness: 0,
        transparent: true,
        opacity: 0.55 + rand() * 0.2,
        clearcoat: 1,
        specularIntensity: 1,
      });
    case "metal":
      return new THREE.MeshStandardMaterial({
        map,
        metalness: 0.75 + rand() * 0.2,
        roughness: 0.2 + rand() * 0.2,
      });
    case "plastic":
      return new THREE.MeshPhysicalMaterial({
        map,
        roughness: 0.3 + rand() * 0.2,
        metalness: 0,
        clearcoat: 0.5,
        transparent: isClearBottle(item),
        opacity: isClearBottle(item) ? 0.8 : 1,
      });
    case "paper":
      return new THREE.MeshStandardMaterial({ map, roughness: 0.95, metalness: 0 });
    case "organic":
      return new THREE.MeshStandardMaterial({ map, roughness: 0.75 + rand() * 0.2, metalness: 0 });
    default:
      return new THREE.MeshStandardMaterial({
        map,
        roughness: item.id.includes("crisp") ? 0.3 : 0.8,
        metalness: item.id.includes("crisp") ? 0.5 : 0,
      });
  }
}

/** Crumples a geometry: moves each vertex along a smooth random field (same vertex, same move). */
function crumple(
  geometry: THREE.BufferGeometry,
  amount: number,
  rand: () => number,
): THREE.BufferGeometry {
  if (amount <= 0) return geometry;
  const pos = geometry.attributes.position!;
  const waves = Array.from({ length: 4 }, () => [
    rand() * 2 - 1,
    rand() * 2 - 1,
    rand() * 2 - 1,
    rand() * 6,
  ]);
  for (let i = 0; i < pos.count; i++) {
    const x = pos.getX(i);
    const y = pos.getY(i);
    const z = pos.getZ(i);
    let d = 0;
    for (const [a, b, c, p] of waves) d += Math.sin((a! * x + b! * y + c! * z) * 1.3 + p!);
    const len = Math.hypot(x, y, z) || 1;
    const k = 1 + (amount * d) / 4;
    pos.setXYZ(i, (x / len) * len * k, (y / len) * len * k, (z / len) * len * k);
  }
  geometry.computeVertexNormals();
  return geometry;
}

function lathe(points: [number, number][], h: number, segments: number): THREE.LatheGeometry {
  return new THREE.LatheGeometry(
    points.map(([x, y]) => new THREE.Vector2(x, y - h / 2)),
    segments,
  );
}

export interface ItemLook {
  /** Draws the variant: size, colours, material and pattern details. */
  random: () => number;
  /** Which accent pattern (0..3) the item's surface carries; the renderer uses its id's hash. */
  pattern: number;
  /** Size jitter on (0.85..1.15, as the dataset varies it); false keeps the catalogue size. */
  scaleJitter?: boolean;
}

/**
 * Builds one item, centred on its bounding box's centre (y-up). `size` is the diagonal of its
 * bounding box, for framing a camera.
 */
export function buildItemMesh(
  item: CatalogueItem,
  look: ItemLook,
): { group: THREE.Group; size: number } {
  const rand = look.random;
  const drawnScale = 0.85 + rand() * 0.3;
  const scale = look.scaleJitter === false ? 1 : drawnScale;
  const jitter = (c: Rgb) => c.map((v) => v * (0.88 + rand() * 0.24));
  const main = jitter(item.colors.main);
  const accent = jitter(item.colors.accent);
  const map = surfaceTexture(item, main, accent, look.pattern, rand);
  const mat = material(item, map, rand);
  const s = item.shape;
  let geometry: THREE.BufferGeometry;
  const crumpleBy =
    item.kind === "organic"
      ? 0.12
      : item.kind === "residual"
        ? 0.15
        : item.id.includes("news")
          ? 0.05
          : 0;
  if (s.type === "box") {
    geometry = new THREE.BoxGeometry(s.width * scale, s.height * scale, s.depth * scale, 6, 6, 6);
  } else if (s.type === "sphere") {
    geometry = new THREE.SphereGeometry(s.radius * scale, 24, 16);
  } else if (isClearBottle(item)) {
    const r = s.radius * scale;
    const h = s.height * scale;
    const profile: [number, number][] = [
      [0.001, 0],
      [r, 0],
      [r, h * 0.6],
      [r * 0.45, h * 0.8],
      [r * 0.35, h * 0.97],
      [0.001, h],
    ];
    geometry = lathe(profile, h, 24);
  } else if (item.id.includes("apple")) {
    const r = s.radius * scale;
    const h = s.height * scale;
    const profile: [number, number][] = [
      [0.001, 0],
      [r, h * 0.08],
      [r * 0.45, h * 0.5],
      [r, h * 0.92],
      [0.001, h],
    ];
    geometry = lathe(profile, h, 20);
  } else {
    geometry = new THREE.CylinderGeometry(
      s.radius * scale,
      s.radius * scale,
      s.height * scale,
      28,
      4,
    );
  }
  if (item.id.includes("banana")) {
    // bend the peel into an arc
    const pos = geometry.attributes.position!;
    for (let i = 0; i < pos.count; i++) {
      const x = pos.getX(i);
      pos.setY(i, pos.getY(i) + 0.06 * x * x);
    }
  }
  crumple(geometry, crumpleBy, rand);
  const mesh = new THREE.Mesh(geometry, mat);
  mesh.castShadow = true;
  const group = new THREE.Group();
  group.add(mesh);
  if (item.kind === "metal" || (item.kind === "plastic" && item.id.includes("bottle"))) {
    // a lid or cap in the accent colour
    const r = s.type === "cylinder" ? s.radius * scale : 2;
    const h = s.type === "cylinder" ? s.height * scale : 10;
    const capR = item.id.includes("bottle") ? r * 0.4 : r * 0.98;
    const cap = new THREE.Mesh(
      new THREE.CylinderGeometry(capR, capR, 0.6, 24),
      new THREE.MeshStandardMaterial({
        color: srgbColor(accent),
        metalness: item.kind === "metal" ? 0.9 : 0.1,
        roughness: 0.3,
      }),
    );
    cap.position.y = h / 2 + 0.3;
    group.add(cap);
  }
  if (item.id.includes("toy")) {
    for (let i = 0; i < 3; i++) {
      const part = new THREE.Mesh(
        new THREE.BoxGeometry(1 + rand() * 2, 1 + rand() * 2, 1 + rand() * 2),
        new THREE.MeshStandardMaterial({ color: srgbColor(i % 2 ? accent : main), roughness: 0.5 }),
      );
      part.position.set((rand() - 0.5) * 6, (rand() - 0.5) * 5, (rand() - 0.5) * 5);
      part.rotation.set(rand() * 3, rand() * 3, rand() * 3);
      group.add(part);
    }
  }
  return {
    group,
    size: new THREE.Box3().setFromObject(group).getSize(new THREE.Vector3()).length(),
  };
}

/** Frees the geometries, materials and textures under `root`. */
export function disposeTree(root: THREE.Object3D): void {
  root.traverse((o) => {
    const mesh = o as THREE.Mesh;
    if (mesh.geometry) mesh.geometry.dispose();
    const materials = mesh.material
      ? Array.isArray(mesh.material)
        ? mesh.material
        : [mesh.material]
      : [];
    for (const m of materials) {
      (m as THREE.MeshStandardMaterial).map?.dispose();
      m.dispose();
    }
  });
}
