import { describe, expect, it } from "vitest";
import { LocalizedError } from "../../runtime/index.ts";
import {
  REFERENCE_ARENA,
  REPLAY_VERSION,
  loadReplay,
  playReplay,
  runWorld,
} from "../../simulator/index.ts";
import type { ArenaInput, SimEvent } from "../../simulator/index.ts";
import { drive, pilot, wanderer } from "./pilots.ts";

const table = (extra: Partial<ArenaInput> = {}): ArenaInput => ({
  version: 1,
  table: { width: 200, depth: 120 },
  start: { x: 30, y: 60, heading: 0 },
  ...extra,
});

const types = (events: SimEvent[]) => events.map((e) => e.type);

describe("runWorld", () => {
  it("pushes a can into an open bin: itemEnteredBin at rest, final state says so", async () => {
    const arena = table({
      bins: [
        {
          id: "yellow",
          position: { x: 120, y: 60 },
          size: { width: 24, depth: 24, height: 2 },
          color: "yellow",
          accepts: ["metal"],
          openSide: "west",
        },
      ],
      items: [{ item: "food-tin", id: "tin", position: { x: 60, y: 60 } }],
    });
    const result = await runWorld(
      { arena, seed: 1, maxTime: 20 },
      pilot(async (d, max) => {
        await drive(d, d.forward(82), max);
        await drive(d, d.forward(-30), max);
      }),
    );
    expect(result.outcome).toBe("finished");
    const entered = result.events.find((e) => e.type === "itemEnteredBin");
    expect(entered).toMatchObject({ itemId: "tin", binId: "yellow" });
    expect(result.final.items[0]).toMatchObject({
      id: "tin",
      catalogueId: "food-tin",
      kind: "metal",
      binId: "yellow",
      onTable: true,
    });
  });

  it.each(["drink-can", "newspaper", "ball", "cardboard-box", "yoghurt-pot"])(
    "grabs a %s, carries it to a closed tray and drops it in over the wall",
    async (item) => {
      const arena = table({
        bins: [
          {
            id: "tray",
            position: { x: 120, y: 60 },
            size: { width: 24, depth: 24, height: 2 },
            color: "yellow",
          },
        ],
        items: [{ item, id: "it", position: { x: 48, y: 60 } }],
      });
      const result = await runWorld(
        { arena, seed: 1, maxTime: 30 },
        pilot(async (d, max) => {
          expect(await drive(d, d.grab(), max)).toBe(true);
          // Blocked by the tray's wall: the motion settles after 1 s blocked.
          await drive(d, d.forward(100), max);
          await drive(d, d.release(), max);
          await drive(d, d.forward(-20), max);
        }),
      );
      expect(result.outcome).toBe("finished");
      expect(result.final.items[0]!.binId).toBe("tray");
    },
  );

  it("reports the robot leaving the table, and its motion settles (no hang)", async () => {
    const result = await runWorld(
      { arena: table(), seed: 1, maxTime: 30 },
      pilot(async (d, max) => {
        await drive(d, d.forward(300), max);
        await drive(d, d.turn(90), max);
      }),
    );
    expect(result.outcome).toBe("finished");
    expect(types(result.events)).toContain("robotLeftTable");
    expect(result.final.robot.onTable).toBe(false);
    expect(result.simTime).toBeLessThan(20);
  });

  it("reports wall hits, zones entered and left, and items knocked off the table", async () => {
    const arena = table({
      walls: [{ id: "east", from: { x: 150, y: 0 }, to: { x: 150, y: 120 } }],
      markings: [
        {
          shape: "rect",
          center: { x: 30, y: 60 },
          size: { width: 30, depth: 30 },
          color: "green",
          zone: "start",
        },
        { shape: "circle", center: { x: 100, y: 60 }, radius: 10, color: "blue", zone: "middle" },
      ],
      items: [{ item: "drink-can", id: "can", position: { x: 30, y: 110 } }],
    });
    const result = await runWorld(
      { arena, seed: 3, maxTime: 30 },
      pilot(async (d, max) => {
        await drive(d, d.forward(200), max);
        await drive(d, d.forward(-100), max);
        await drive(d, d.turn(-90), max);
        await drive(d, d.forward(100), max);
      }),
    );
    const t = types(result.events);
    expect(result.events[0]).toEqual({ type: "robotEnteredZone", time: 0, zoneId: "start" });
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: "robotLeftZone", zoneId: "start" }),
    );
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: "robotEnteredZone", zoneId: "middle" }),
    );
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: "robotHitWall", wallId: "east" }),
    );
    expect(t).toContain("itemLeftTable");
    expect(result.final.items[0]!.onTable).toBe(false);
    for (let i = 1; i < result.events.length; i++) {
      expect(result.events[i]!.time).toBeGreaterThanOrEqual(result.events[i - 1]!.time);
    }
  });

  it("times out at maxTime; same seed → same trace; other seed → other trace", async () => {
    const a = await runWorld({ arena: REFERENCE_ARENA, seed: 5, maxTime: 8 }, wanderer);
    const b = await runWorld({ arena: REFERENCE_ARENA, seed: 5, maxTime: 8 }, wanderer);
    const c = await runWorld({ arena: REFERENCE_ARENA, seed: 6, maxTime: 8 }, wanderer);
    expect(a.outcome).toBe("timeout");
    expect(a.simTime).toBeCloseTo(8, 1);
    expect(a.trace).toEqual(b.trace);
    expect(a.events).toEqual(b.events);
    expect(c.trace.hash).not.toBe(a.trace.hash);
  });

  it("records a replay that plays back to the identical trace", async () => {
    const run = await runWorld(
      { arena: REFERENCE_ARENA, seed: 2, maxTime: 6, record: true },
      wanderer,
    );
    const text = JSON.stringify(run.replay);
    const played = playReplay(text);
    expect(played.hash).toBe(run.trace.hash);
    expect(played.frames).toHaveLength(run.trace.frames);
    expect(played.frames[0]!.poses).toHaveLength(21);
    // Compact: quantized deltas, one byte for a body at rest; 21 bodies × 7 numbers raw would be
    // over 1 kB a frame as JSON.
    expect(text.length / run.trace.frames).toBeLessThan(150);
    const end = played.frames.at(-1)!.poses[0]!;
    expect(end.x).toBeCloseTo(run.final.robot.x, 1);
  });

  it("refuses a replay from a newer version and a damaged one, with a localized message", async () => {
    const run = await runWorld({ arena: table(), seed: 2, maxTime: 1, record: true }, wanderer);
    const newer = { ...run.replay!, version: REPLAY_VERSION + 1 };
    expect(() => loadReplay(JSON.stringify(newer))).toThrow(LocalizedError);
    try {
      playReplay(newer);
    } catch (error) {
      expect((error as LocalizedError).localized("fr")).toContain("plus récent");
      expect((error as LocalizedError).localized("en")).toContain("newer");
    }
    expect(() => playReplay({ ...run.replay!, frames: "%%%" })).toThrow(/replay/i);
    expect(() => playReplay({ ...run.replay!, frameCount: run.replay!.frameCount + 5 })).toThrow(
      /replay/i,
    );
    expect(() => loadReplay("not json")).toThrow(LocalizedError);
  });

  it("turns NaN speeds and a throwing pilot into an error outcome with a localized message", async () => {
    const nan = await runWorld(
      { arena: table(), seed: 1, maxTime: 5, locale: "fr" },
      pilot(async (d) => d.setMotors(NaN, 20)),
    );
    expect(nan.outcome).toBe("error");
    expect(nan.error?.message).toContain("setMotors");
    expect(nan.error?.message).toContain("nombre fini");
    const nanWait = await runWorld(
      { arena: table(), seed: 1, maxTime: 5, locale: "en" },
      pilot(async (d) => void (await d.forward(Number.NaN))),
    );
    expect(nanWait.error?.message).toContain("finite number");
  });

  it("refuses a missing part with the part's name", async () => {
    const result = await runWorld(
      { arena: table(), seed: 1, maxTime: 5, locale: "fr", parts: ["motors"] },
      pilot(async (d) => void d.distance()),
    );
    expect(result.error?.message).toBe(
      "Ce robot n'a pas de capteur à ultrasons : « distance » est impossible",
    );
  });

  it("refuses a bad pacing and an arena with 10,000 items before building anything", async () => {
    await expect(
      runWorld({ arena: table(), seed: 1, maxTime: 1, pace: 20 }, wanderer),
    ).rejects.toThrow(LocalizedError);
    const many = table({
      items: [
        {
          random: {
            region: { x: 0, y: 0, width: 100, depth: 100 },
            items: ["ball"],
            count: 10_000,
          },
        },
      ],
    });
    await expect(runWorld({ arena: many, seed: 1, maxTime: 1 }, wanderer)).rejects.toThrow(/10000/);
  });

  it("paces to real time when asked (2x: 0.5 s simulated take about 0.25 s)", async () => {
    const start = performance.now();
    await runWorld(
      { arena: table(), seed: 1, maxTime: 5, pace: 2 },
      pilot(async (d, max) => void (await drive(d, d.wait(0.5), max))),
    );
    // A lower bound only: pacing never runs faster than asked.
    expect(performance.now() - start).toBeGreaterThanOrEqual(200);
  });
});
