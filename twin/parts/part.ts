/**
 * One wire between the emulated board and the simulated robot, for one kit part: what the part
 * reads from the board's pins before each world step (motors, gripper), and what it gives the
 * board's inputs from the world (line sensors, ultrasonic echo, colour sensor).
 */
import type { BoardProfile, KitProfile } from "../../boards/index.ts";
import type { EmulatedBoard } from "../../firmware-bridge/index.ts";
import type { World } from "../../simulator/index.ts";

export interface TwinWiring {
  world: World;
  board: EmulatedBoard;
  kit: KitProfile;
  profile: BoardProfile;
  /** Arduino pin number of a board pin name ("D5", "A0"). */
  pin(name: string): number;
  /** What the parts show of themselves (the replay's robot state). */
  shown: { jaw: number };
}

export interface TwinPart {
  /** Before a world step: the board's outputs drive the robot. */
  drive?(): void;
  /** After a world step (and before the board runs): the world as the board's inputs see it. */
  sense?(): void;
  /** Removes the part's models from the board. */
  detach?(): void;
}
