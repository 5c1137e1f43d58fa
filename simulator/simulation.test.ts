import { describe, expect, it } from "vitest";
import { compile } from "../runtime/index.ts";
import { REFERENCE_ARENA } from "./arenas/reference.ts";
import type { ArenaInput } from "./arena/schema.ts";
import { playReplay } from "./replay/replay.ts";
import { PLACEHOLDER_CAMERA, placeholderClassify } from "./camera.ts";
import { runSimulation } from "./simulation.ts";

const table: ArenaInput = {
  version: 1,
  table: { width: 200, depth: 120 },
  start: { x: 30, y: 60, heading: 0 },
  items: [{ item: "drink-can", id: "can", position: { x: 48, y: 60 } }],
};

describe("runSimulation (pupil programs in the sandbox)", () => {
  it("runs a program: moves, reads sensors, grabs and classifies, prints", async () => {
    const printed: string[] = [];
    const result = await runSimulation({
      program: `
        const held = await robot.grab();
        const seen = await robot.classify();
        print(held, seen.kind, robot.color().name);
        await robot.turnRight(90);
        await robot.forward(20);
        await robot.release();
        print(Math.round(robot.heading()), robot.distance());
      `,
      arena: table,
      seed: 4,
      maxTime: 30,
      locale: "en",
      // The seam's stand-in: this test is about the world, not the classifier.
      camera: PLACEHOLDER_CAMERA,
      classifyItem: placeholderClassify,
      print: (text) => printed.push(text),
    });
    expect(result.error).toBeUndefined();
    expect(result.outcome).toBe("finished");
    expect(printed[0]).toBe("true metal red");
    expect(printed[1]).toMatch(/^(89|90|91) /);
    expect(result.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["itemGrabbed", "itemReleased"]),
    );
    expect(result.simTime).toBeGreaterThan(2);
  });

  it("accepts a compiled program and gives the same trace as from source", async () => {
    const source = "await robot.forward(30); await robot.turnLeft(45); await wait(1);";
    const compiled = compile(source, { locale: "fr" });
    if (!compiled.ok) throw new Error("compile failed");
    const a = await runSimulation({ program: source, arena: table, seed: 2, maxTime: 10 });
    const b = await runSimulation({
      program: compiled.program,
      arena: table,
      seed: 2,
      maxTime: 10,
    });
    expect(a.trace).toEqual(b.trace);
  });

  it("a program that throws ends in error, with the line and a localized message", async () => {
    const result = await runSimulation({
      program: "await robot.forward(5);\nthrow new Error('boom');",
      arena: table,
      seed: 1,
      maxTime: 10,
      locale: "fr",
    });
    expect(result.outcome).toBe("error");
    expect(result.error?.line).toBe(2);
    expect(result.error?.message).toContain("boom");
    expect(result.final.robot.x).toBeGreaterThan(33);
  });

  it("a program that does not compile ends in error with the diagnostic's line", async () => {
    const result = await runSimulation({
      program: "let x: number = 'a';",
      arena: table,
      seed: 1,
      maxTime: 5,
      locale: "en",
    });
    expect(result.outcome).toBe("error");
    expect(result.error?.line).toBe(1);
    expect(result.simTime).toBe(0);
  });

  it("NaN speeds are refused with a clear message; no crash", async () => {
    const result = await runSimulation({
      program: "robot.setMotors(NaN, 50);",
      arena: table,
      seed: 1,
      maxTime: 5,
      locale: "en",
    });
    expect(result.outcome).toBe("error");
    expect(result.error?.message).toMatch(/NaN|number/);
  });

  it("a robot driven off the table: the event, the final state, and the run still ends", async () => {
    const result = await runSimulation({
      program: "robot.setMotors(100, 100);\nwhile (true) await wait(0.5);",
      arena: table,
      seed: 1,
      maxTime: 12,
    });
    expect(result.outcome).toBe("timeout");
    expect(result.simTime).toBeCloseTo(12, 1);
    expect(result.events.map((e) => e.type)).toContain("robotLeftTable");
    expect(result.final.robot.onTable).toBe(false);
  });

  it("a busy polling loop of sensor reads lets the world move, and times out", async () => {
    const result = await runSimulation({
      program: "robot.setMotors(40, 40);\nwhile (robot.distance() > 5) {}\nrobot.stop();",
      arena: REFERENCE_ARENA,
      seed: 1,
      maxTime: 3,
      record: true,
    });
    expect(["finished", "timeout"]).toContain(result.outcome);
    expect(result.final.robot.x).toBeGreaterThan(30);
    expect(playReplay(result.replay).hash).toBe(result.trace.hash);
  });
});

describe("the camera seam", () => {
  it("classify() takes the picture from the given camera and names it with the given function", async () => {
    const seen: string[] = [];
    const printed: string[] = [];
    const result = await runSimulation({
      program:
        "await robot.grab();\nconst r = await robot.classify();\nprint(r.kind, r.confidence);",
      arena: table,
      seed: 1,
      maxTime: 5,
      camera: {
        imageOf: (item) => {
          seen.push(item?.id ?? "nothing");
          return { width: 1, height: 1, data: Uint8Array.of(1, 2, 3) };
        },
      },
      classifyItem: async (image) => ({
        kind: image.data[0] === 1 ? "glass" : "none",
        confidence: 0.5,
      }),
      print: (text) => printed.push(text),
    });
    expect(result.outcome).toBe("finished");
    expect(seen).toEqual(["drink-can"]);
    expect(printed).toEqual(["glass 0.5"]);
  });

  it("has no made-up default: without a camera and a classifier, classify() says so", async () => {
    const result = await runSimulation({
      program: "await robot.grab();\nconst r = await robot.classify();\nprint(r.kind);",
      arena: table,
      seed: 1,
      maxTime: 5,
      locale: "fr",
    });
    expect(result.outcome).toBe("error");
    expect(result.error?.message).toContain(
      "La caméra de ce robot n'est reliée à aucun modèle qui reconnaît les déchets : « classify » ne peut rien reconnaître ici.",
    );
  });
});
