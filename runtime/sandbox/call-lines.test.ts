import { describe, expect, it } from "vitest";
import { lines, runPupil as run } from "./test-helpers.ts";

describe("runProgram: the line of each call (which line is running)", () => {
  it("reports the pupil's line of every robot.* and wait() call, inside functions and loops", async () => {
    const seen: (number | undefined)[] = [];
    const source = lines(
      "async function avancer() {",
      "  await robot.forward(10);",
      "}",
      'print("début");',
      "for (let i = 0; i < 2; i++) {",
      "  await avancer();",
      "  await wait(0.5);",
      "}",
      "robot.stop();",
      "print(Math.round(time()));",
    );
    const { result, printed } = await run(source, { onCall: (line) => seen.push(line) });
    expect(result.outcome).toBe("finished");
    // print() and time() are not robot calls; the rest, in order, at their lines.
    expect(seen).toEqual([2, 7, 2, 7, 9]);
    expect(printed[0]).toBe("début");
  });

  it("changes nothing else: same calls, prints and result with or without it", async () => {
    const source = lines(
      "let n = 0;",
      "while (robot.distance() > 10 && n < 50) { n++; await robot.forward(1); }",
      "print(n, Math.random());",
    );
    const plain = await run(source, { world: { wallAt: 30 } });
    const counted: (number | undefined)[] = [];
    const traced = await run(source, {
      world: { wallAt: 30 },
      onCall: (line) => counted.push(line),
    });
    expect(traced.result).toEqual(plain.result);
    expect(traced.printed).toEqual(plain.printed);
    expect(traced.driver.calls).toEqual(plain.driver.calls);
    expect(counted.length).toBe(plain.result.robotCalls);
    expect(new Set(counted)).toEqual(new Set([2]));
  });
});
