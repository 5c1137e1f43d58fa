import { describe, expect, it } from "vitest";
import { REFERENCE_ARENA } from "../arenas/reference.ts";
import { loadArena } from "../arena/load.ts";
import { engineClockStopped, loadRapier } from "./rapier.ts";
import { World } from "./world.ts";

describe("rapier's engine as this world loads it", () => {
  it("reads a stopped clock for its own counters: its step timings are 0, the world still moves", async () => {
    await loadRapier();
    // If a rapier upgrade renames the clock import, this says the saving is gone.
    expect(engineClockStopped()).toBe(true);
    const world = await World.create({ arena: loadArena(REFERENCE_ARENA), seed: 1 });
    try {
      world.physics.profilerEnabled = true;
      world.robot.target[0] = 0.6;
      world.robot.target[1] = 0.6;
      const start = world.robot.pose();
      let timed = 0;
      for (let i = 0; i < 240; i++) {
        world.step();
        timed += world.physics.timingStep() + world.physics.timingSolver();
      }
      expect(timed).toBe(0);
      expect(world.robot.pose().x - start.x).toBeGreaterThan(20);
    } finally {
      world.dispose();
    }
  });

  it("leaves WebAssembly.instantiate as it was", () => {
    expect(WebAssembly.instantiate.name).toBe("instantiate");
  });
});
