/**
 * The conformance scenes as arenas, shared by every driver's test: a 300 x 300 cm table, the robot
 * at (100, 150) facing east, and what each scene puts around it.
 */
import { TWO_WD_GEOMETRY } from "../../boards/index.ts";
import type { ArenaInput } from "../../simulator/index.ts";

export const START = { x: 100, y: 150, heading: 0 };

/** Corners of the bent line: 50 cm straight ahead, then 30° to the right for 80 cm. */
export const BENT_LINE = [
  { x: 40, y: START.y },
  { x: 150, y: START.y },
  { x: 150 + 80 * Math.cos(Math.PI / 6), y: START.y - 80 * Math.sin(Math.PI / 6) },
];

function arena(extra: Partial<ArenaInput> = {}): ArenaInput {
  return { version: 1, table: { width: 300, depth: 300 }, start: START, ...extra };
}

function line(points: { x: number; y: number }[]): Partial<ArenaInput> {
  return { markings: [{ shape: "line", points, width: 2, color: "black" }] };
}

export const SCENE_ARENAS = {
  freeFloor: () => arena(),
  /** A wall across the path, `cm` in front of the ultrasonic sensor. */
  wallAhead: (cm: number) => {
    const x = START.x + TWO_WD_GEOMETRY.ultrasonic.x + cm + 1;
    return arena({ walls: [{ from: { x, y: 50 }, to: { x, y: 250 }, thickness: 2 }] });
  },
  blackLine: () =>
    arena(
      line([
        { x: 50, y: START.y },
        { x: 250, y: START.y },
      ]),
    ),
  bentLine: () => arena(line(BENT_LINE)),
  itemAtGripper: () =>
    arena({
      items: [
        {
          item: "drink-can",
          position: { x: START.x + TWO_WD_GEOMETRY.gripper.holdPoint.x, y: START.y },
        },
      ],
    }),
};
