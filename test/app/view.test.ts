/**
 * The arena view in headless Chromium (software WebGL): it draws real simulator frames, the
 * robot's pixels move the way the robot drove, bins show their signs, the robot camera gives an
 * sRGB picture. Screenshots are kept in artifacts/app/.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunFrame, RunScene } from "../../desktop/renderer/run/protocol.ts";
import {
  artifactPath,
  HAS_CHROMIUM,
  launch,
  ROOT,
  serveDir,
  workDir,
  type Launched,
  type Served,
} from "./harness.ts";
import { recordedRun } from "./scenes.ts";
import { robotCentroid, decodePng } from "./pixels.ts";

let served: Served | undefined;
let browser: Launched | undefined;
let page: Page;
const work = workDir("view-test");

interface ViewApi {
  setScene(scene: RunScene, lang: string): void;
  setFrame(frame: RunFrame): void;
  setCamera(mode: string): void;
  showSensors(options: { cone?: boolean; line?: boolean }): void;
  render(): void;
  robotImage(): { width: number; height: number; data: number[] };
  project(point: { x: number; y: number; z: number }): { x: number; y: number };
  info(): { calls: number; triangles: number; quality: number };
}

async function shot(): Promise<ReturnType<typeof decodePng>> {
  await page.evaluate(() => (window as unknown as { viewApi: ViewApi }).viewApi.render());
  return decodePng(await page.screenshot());
}

describe.skipIf(!HAS_CHROMIUM)("arena view in headless Chromium", () => {
  let run: Awaited<ReturnType<typeof recordedRun>>;

  beforeAll(async () => {
    const [, recorded] = await Promise.all([
      build({
        configFile: false,
        logLevel: "error",
        root: join(ROOT, "test/app/view-page"),
        base: "./",
        build: { outDir: join(work, "dist"), emptyOutDir: true },
      }),
      // Level 1's solution: straight ahead (east) to the collection zone.
      recordedRun("trieur-1-zone", 1, "robot.setSpeed(100);\nawait robot.forward(70);\n"),
    ]);
    run = recorded;
    served = await serveDir(join(work, "dist"));
    browser = await launch();
    page = await browser.context.newPage();
    await page.goto(served.url);
    await page.waitForFunction(() => (window as unknown as { viewReady?: boolean }).viewReady);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("draws the arena, and the robot's pixels move east as the robot drives east", async () => {
    await page.evaluate(
      ([scene]) => {
        const api = (window as unknown as { viewApi: ViewApi }).viewApi;
        api.setScene(scene, "fr");
        api.setCamera("top");
      },
      [run.scene] as const,
    );
    const first = run.frames[0]!;
    const last = run.frames.at(-1)!;
    await page.evaluate(
      (f) => (window as unknown as { viewApi: ViewApi }).viewApi.setFrame(f),
      first,
    );
    const before = await shot();
    writeFileSync(artifactPath("view-top-start.png"), await page.screenshot());
    await page.evaluate(
      (f) => (window as unknown as { viewApi: ViewApi }).viewApi.setFrame(f),
      last,
    );
    const after = await shot();
    writeFileSync(artifactPath("view-top-end.png"), await page.screenshot());

    const a = robotCentroid(before);
    const b = robotCentroid(after);
    expect(a.count).toBeGreaterThan(200);
    expect(b.count).toBeGreaterThan(200);
    // The robot drove 70 cm east on a 120 cm table seen from above: about half the canvas.
    expect(b.x - a.x).toBeGreaterThan(before.width * 0.3);
    expect(Math.abs(b.y - a.y)).toBeLessThan(before.height * 0.05);
    // The robot ended in the collection zone: its simulated x is 90 ± 5 cm.
    expect(last.poses[0]!.x).toBeGreaterThan(85);
  });

  it("knows it draws in software WebGL here and starts without shadows, with simpler materials", async () => {
    await shot();
    const info = await page.evaluate(() =>
      (window as unknown as { viewApi: ViewApi }).viewApi.info(),
    );
    // Headless Chromium draws WebGL with SwiftShader (quality.ts: SOFTWARE_LEVEL).
    expect(info.quality).toBe(2);
    expect(info.calls).toBeGreaterThan(10);
  });

  it("follows the robot with the follow camera and shows the sensors on demand", async () => {
    await page.evaluate(() => {
      const api = (window as unknown as { viewApi: ViewApi }).viewApi;
      api.setCamera("follow");
    });
    const plain = await shot();
    await page.evaluate(() =>
      (window as unknown as { viewApi: ViewApi }).viewApi.showSensors({ cone: true, line: true }),
    );
    const withSensors = await shot();
    writeFileSync(artifactPath("view-follow-sensors.png"), await page.screenshot());
    const robot = robotCentroid(plain);
    // The robot is in the middle third of the picture, and large (the camera is close).
    expect(robot.x / plain.width).toBeGreaterThan(0.33);
    expect(robot.x / plain.width).toBeLessThan(0.67);
    expect(robot.count).toBeGreaterThan(2000);
    let changed = 0;
    for (let i = 0; i < plain.data.length; i += 4) {
      if (Math.abs(plain.data[i + 2]! - withSensors.data[i + 2]!) > 12) changed++;
    }
    expect(changed).toBeGreaterThan(500);
  });

  it("shows the robot camera's picture in sRGB", async () => {
    const image = await page.evaluate(() =>
      (window as unknown as { viewApi: ViewApi }).viewApi.robotImage(),
    );
    expect(image.width).toBe(96);
    // The table in front of the robot is white-ish: in linear values it would read darker.
    let sum = 0;
    for (let i = 0; i < image.data.length; i += 4) sum += image.data[i + 1]!;
    const mean = sum / (image.data.length / 4);
    expect(mean).toBeGreaterThan(120);
  });

  it("signs each bin with its pictogram and label (sorting level)", async () => {
    const sorting = await recordedRun("trieur-5-finale", 2, "await robot.forward(5);\n");
    await page.evaluate(
      ([scene, frame]) => {
        const api = (window as unknown as { viewApi: ViewApi }).viewApi;
        api.setScene(scene, "fr");
        api.setFrame(frame);
        api.setCamera("top");
      },
      [sorting.scene, sorting.frames[0]!] as const,
    );
    const image = await shot();
    writeFileSync(artifactPath("view-top-trieur-5.png"), await page.screenshot());
    const arena = sorting.scene.arena as unknown as {
      bins: {
        id: string;
        position: { x: number; y: number };
        size: { width: number; depth: number };
      }[];
    };
    expect(arena.bins.length).toBeGreaterThan(3);
    for (const bin of arena.bins) {
      expect(sorting.scene.bins[bin.id]!.kinds.length).toBeGreaterThan(0);
      const [c, corner] = await page.evaluate(
        (points) =>
          points.map((p) => (window as unknown as { viewApi: ViewApi }).viewApi.project(p)),
        [
          { x: bin.position.x, y: bin.position.y, z: 0 },
          {
            x: bin.position.x + bin.size.width / 2 - 2,
            y: bin.position.y + bin.size.depth / 2 - 2,
            z: 0,
          },
        ],
      );
      const hw = Math.floor(Math.abs(corner!.x - c!.x));
      const hh = Math.floor(Math.abs(corner!.y - c!.y));
      // Inside the bin: its colour, and ink of another brightness (the pictogram and the label).
      const lum: number[] = [];
      for (let y = Math.floor(c!.y) - hh; y < c!.y + hh; y++) {
        for (let x = Math.floor(c!.x) - hw; x < c!.x + hw; x++) {
          const i = (y * image.width + x) * 4;
          lum.push(0.3 * image.data[i]! + 0.59 * image.data[i + 1]! + 0.11 * image.data[i + 2]!);
        }
      }
      lum.sort((p, q) => p - q);
      const median = lum[lum.length >> 1]!;
      const ink = lum.filter((v) => Math.abs(v - median) > 60).length / lum.length;
      expect(ink, `ink on ${bin.id}`).toBeGreaterThan(0.04);
      expect(ink, `colour of ${bin.id}`).toBeLessThan(0.6);
    }
  });
});
