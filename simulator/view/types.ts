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

/** Sensor readings the view can show: the ultrasonic cone's length, the line sensors' spots. */
export interface ViewSensors {
  distance?: number;
  /** Left, centre, right: true when that sensor sees the line. */
  line?: readonly [boolean, boolean, boolean];
}

/**
 * One snapshot in the replay's frame format: the tick and the pose of each body (cm, quaternion;
 * `q: null` once the body has left the simulation). `gripper` is how open the jaws are (0..1);
 * without it the view infers it from whether an item rides with the robot.
 */
export interface ViewFrame {
  tick: number;
  poses: ReplayFrame["poses"];
  gripper?: number;
  sensors?: ViewSensors;
}

export type CameraMode = "follow" | "top" | "free";
