// Runs inside headless Chromium (bundled and served by render.ts): draws one catalogue item with
// the arena's own item meshes (simulator/view/item-mesh.ts) under seeded random pose, lighting,
// background and camera jitter, and returns RGBA pixels.
import * as THREE from "three";
import { hashString as hash, seededRandom as mulberry32 } from "../../classifier/random.ts";
import type { CatalogueItem } from "../../simulator/index.ts";
import { buildItemMesh, disposeTree, srgbColor as rgb } from "../../simulator/view/item-mesh.ts";

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
const readContext = readback.getContext("2d", { willReadFrequently: true })!;

const BACKGROUNDS: number[][] = [
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

function renderOne(item: CatalogueItem, seed: number): Uint8ClampedArray {
  const rand = mulberry32(seed);
  const scene = new THREE.Scene();
  const pick = (list: number[][]) => list[Math.floor(rand() * list.length)]!;
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

  const { group, size } = buildItemMesh(item, { random: rand, pattern: hash(item.id) % 4 });
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
  disposeTree(scene);
  return pixels;
}

interface RenderPage {
  renderItems(jobs: { item: CatalogueItem; seed: number }[]): string;
  renderSize: number;
  renderReady: boolean;
}
const page = window as unknown as RenderPage;

/** Renders `jobs` ({item, seed}); returns one base64 string of SIZE x SIZE RGBA images. */
page.renderItems = (jobs) => {
  const out = new Uint8Array(jobs.length * SIZE * SIZE * 4);
  jobs.forEach((job, i) => out.set(renderOne(job.item, job.seed), i * SIZE * SIZE * 4));
  let text = "";
  for (let i = 0; i < out.length; i += 0x8000)
    text += String.fromCharCode(...out.subarray(i, i + 0x8000));
  return window.btoa(text);
};
page.renderSize = SIZE;
page.renderReady = true;
