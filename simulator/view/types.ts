/** What the arena view draws: a scene (built once per run) and snapshots (one per frame). */
import type { KitGeometry } from "../../boards/index.ts";
import type { Arena } from "../arena/schema.ts";
import type { ItemKind } from "../items/catalogue.ts";
import type { ReplayBody, ReplayFrame } from "../replay/replay.ts";

/** The sign on a bin: its name in the pupil's language and the kinds that go in it. */
export interface BinSign {
  label: string;
  kinds: ItemKind[];
}

export interface ViewScene {
  /** The placed arena of the run (checked, defaults filled: what `loadArena` returns). */
  arena: Arena;
  /** The bodies of the frames, in order: the robot first, then the items (replay order). */
  bodies: ReplayBody[];
  kit?: KitGeometry;
  /** Signs by bin id; a bin without one shows the kinds it accepts, unnamed. */
  bins?: Record<string, BinSign>;
  /** Names written on the floor in zones, by zone id. */
  zones?: Record<string, string>;
}

/**
 * What the robot was doing at a frame (the replay's robot frame, format 2): how far each wheel
 * has rolled (cm), how closed the jaws are (0 open … 1 closed), and the last sensor readings.
 */
export interface ViewRobot {
  wheels: readonly [number, number];
  jaw: number;
  seen: {
    distance?: number;
    line?: { left: boolean; center: boolean; right: boolean };
  };
}

/**
 * One snapshot in the replay's frame format: the tick and the pose of each body (cm, quaternion;
 * `q: null` once the body has left the simulation), and the robot's state when the frame has it
 * (without it, as in a format 1 replay, the view infers the wheels and the jaws from the poses).
 */
export interface ViewFrame {
  tick: number;
  poses: ReplayFrame["poses"];
  robot?: ViewRobot;
}

export type CameraMode = "follow" | "top" | "free";
