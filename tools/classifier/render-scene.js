/* global document, window */
// Runs inside headless Chromium (served by render.ts): draws one catalogue item with three.js
// under seeded random pose, lighting, background and camera jitter, and returns RGBA pixels.
import * as THREE from "three";
import { hashString as hash, seededRandom as mulberry32 } from "/random.js";

const SIZE = 128;
const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
renderer.setPixelRatio(1);
renderer.setSize(SIZE, SIZE);
renderer.shadowMap.enabled = true;
renderer.shadowMap.type = THREE.PCFShadowMap;
document.body.appendChild(renderer.domElement);
const readback = document.createElement("canvas");
readback.width = SIZE;
readback.height = SIZE;
const readContext = readback.getContext("2d", { willReadFrequently: true });

const rgb = (c, k = 1) =>
  new THREE.Color(
    Math.min(1, (c[0] / 255) * k),
    Math.min(1, (c[1] / 255) * k),
    Math.min(1, (c[2] / 255) * k),
  ).convertSRGBToLinear();

/** A surface texture: the item's main colour with an accent pattern fixed by the item's id. */
function surfaceTexture(item, main, accent, rand) {
  const canvas = document.createElement("canvas");
  canvas.width = 64;
  canvas.height = 64;
  const g = canvas.getContext("2d");
  const css = (c) => `rgb(${c.map((v) => Math.round(Math.max(0, Math.min(255, v)))).join(",")})`;
  g.fillStyle = css(main);
  g.fillRect(0, 0, 64, 64);
  g.fillStyle = css(accent);
  g.strokeStyle = css(accent);
  const pattern = item.kind === "paper" && item.id.includes("news") ? "lines" : hash(item.id) % 4;
  if (pattern === "lines") {
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
  } else if (pattern === 0) {
    g.fillRect(0, 28 + rand() * 8, 64, 6);
  } else if (pattern === 1) {
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

function material(item, map, rand) {
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
        transparent: item.id.includes("bottle") && !item.id.includes("detergent"),
        opacity: item.id.includes("bottle") && !item.id.includes("detergent") ? 0.8 : 1,
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
function crumple(geometry, amount, rand) {
  if (amount <= 0) return geometry;
  const pos = geometry.attributes.position;
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
    for (const [a, b, c, p] of waves) d += Math.sin((a * x + b * y + c * z) * 1.3 + p);
    const len = Math.hypot(x, y, z) || 1;
    const k = 1 + (amount * d) / 4;
    pos.setXYZ(i, (x / len) * len * k, (y / len) * len * k, (z / len) * len * k);
  }
  geometry.computeVertexNormals();
  return geometry;
}

function build(item, rand) {
  const scale = 0.85 + rand() * 0.3;
  const jitter = (c) => c.map((v) => v * (0.88 + rand() * 0.24));
  const main = jitter(item.colors.main);
  const accent = jitter(item.colors.accent);
  const map = surfaceTexture(item, main, accent, rand);
  const mat = material(item, map, rand);
  const s = item.shape;
  let geometry;
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
  } else if (item.id.includes("bottle") && !item.id.includes("detergent")) {
    const r = s.radius * scale;
    const h = s.height * scale;
    const profile = [
      [0.001, 0],
      [r, 0],
      [r, h * 0.6],
      [r * 0.45, h * 0.8],
      [r * 0.35, h * 0.97],
      [0.001, h],
    ].map(([x, y]) => new THREE.Vector2(x, y - h / 2));
    geometry = new THREE.LatheGeometry(profile, 24);
  } else if (item.id.includes("apple")) {
    const r = s.radius * scale;
    const h = s.height * scale;
    const profile = [
      [0.001, 0],
      [r, h * 0.08],
      [r * 0.45, h * 0.5],
      [r, h * 0.92],
      [0.001, h],
    ].map(([x, y]) => new THREE.Vector2(x, y - h / 2));
    geometry = new THREE.LatheGeometry(profile, 20);
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
    const pos = geometry.attributes.position;
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
        color: rgb(accent),
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
        new THREE.MeshStandardMaterial({ color: rgb(i % 2 ? accent : main), roughness: 0.5 }),
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

const BACKGROUNDS = [
  [235, 235, 232],
  [250, 250, 250],
  [200, 200, 195],
  [190, 170, 140],
  [160, 160, 165],
  [120, 150, 110],
  [90, 90, 95],
  [215, 205, 180],
  [60, 60, 60],
  [170, 190, 210],
];

function renderOne(item, seed) {
  const rand = mulberry32(seed);
  const scene = new THREE.Scene();
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const floorColor = pick(BACKGROUNDS).map((v) => v * (0.85 + rand() * 0.3));
  const wallColor = rand() < 0.5 ? floorColor : pick(BACKGROUNDS);
  scene.background = rgb(wallColor);
  const floor = new THREE.Mesh(
    new THREE.PlaneGeometry(400, 400),
    new THREE.MeshStandardMaterial({ color: rgb(floorColor), roughness: 0.9 }),
  );
  floor.rotation.x = -Math.PI / 2;
  floor.receiveShadow = true;
  scene.add(floor);

  const { group, size } = build(item, rand);
  const pose = rand();
  if (pose < 0.5) group.rotation.set(0, rand() * Math.PI * 2, 0);
  else if (pose < 0.8)
    group.rotation.set(Math.PI / 2, rand() * Math.PI * 2, rand() * Math.PI * 2, "YXZ");
  else group.rotation.set(rand() * Math.PI * 2, rand() * Math.PI * 2, rand() * Math.PI * 2);
  group.updateMatrixWorld(true);
  const box = new THREE.Box3().setFromObject(group);
  group.position.y -= box.min.y;
  group.updateMatrixWorld(true);
  scene.add(group);
  const center = new THREE.Box3().setFromObject(group).getCenter(new THREE.Vector3());

  scene.add(new THREE.HemisphereLight(0xffffff, rgb(floorColor), 0.6 + rand() * 1.2));
  const sun = new THREE.DirectionalLight(
    new THREE.Color().setHSL(0.08 + rand() * 0.5, 0.3 * rand(), 0.9),
    1 + rand() * 2.5,
  );
  const a = rand() * Math.PI * 2;
  sun.position.set(Math.cos(a) * 30, 25 + rand() * 40, Math.sin(a) * 30);
  sun.castShadow = rand() < 0.6;
  sun.shadow.mapSize.set(256, 256);
  sun.shadow.camera.left = -20;
  sun.shadow.camera.right = 20;
  sun.shadow.camera.top = 20;
  sun.shadow.camera.bottom = -20;
  scene.add(sun);

  const fov = 42 + rand() * 16;
  const camera = new THREE.PerspectiveCamera(fov, 1, 0.5, 500);
  const fill = 0.45 + rand() * 0.4; // share of the frame the item spans
  const distance = size / fill / (2 * Math.tan(((fov / 2) * Math.PI) / 180));
  const elevation = ((15 + rand() * 60) * Math.PI) / 180;
  const azimuth = rand() * Math.PI * 2;
  camera.position.set(
    center.x + distance * Math.cos(elevation) * Math.cos(azimuth),
    center.y + distance * Math.sin(elevation),
    center.z + distance * Math.cos(elevation) * Math.sin(azimuth),
  );
  const look = center
    .clone()
    .add(
      new THREE.Vector3(
        (rand() - 0.5) * size * 0.25,
        (rand() - 0.5) * size * 0.25,
        (rand() - 0.5) * size * 0.25,
      ),
    );
  camera.lookAt(look);
  camera.rotateZ((rand() - 0.5) * 0.3);
  renderer.toneMapping = THREE.ACESFilmicToneMapping;
  renderer.toneMappingExposure = 0.8 + rand() * 0.5;
  renderer.render(scene, camera);
  readContext.drawImage(renderer.domElement, 0, 0);
  const pixels = readContext.getImageData(0, 0, SIZE, SIZE).data;
  scene.traverse((o) => {
    if (o.geometry) o.geometry.dispose();
    if (o.material) {
      if (o.material.map) o.material.map.dispose();
      o.material.dispose();
    }
  });
  return pixels;
}

/** Renders `jobs` ({item, seed}); returns one base64 string of SIZE x SIZE RGBA images. */
window.renderItems = (jobs) => {
  const out = new Uint8Array(jobs.length * SIZE * SIZE * 4);
  jobs.forEach((job, i) => out.set(renderOne(job.item, job.seed), i * SIZE * SIZE * 4));
  let text = "";
  for (let i = 0; i < out.length; i += 0x8000)
    text += String.fromCharCode(...out.subarray(i, i + 0x8000));
  return window.btoa(text);
};
window.renderSize = SIZE;
window.renderReady = true;
