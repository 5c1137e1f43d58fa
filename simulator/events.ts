/**
 * What happens in a run, for scoring. Every event carries `time`, in simulated seconds.
 * Item ids are the arena's spawn ids (`id` of a fixed spawn) or `<catalogueId>-<n>` (n from 1 in
 * spawn order).
 */
import type { ItemKind } from "./items/catalogue.ts";

export type SimEvent =
  /** The item came to rest inside bin `binId` (its centre over the bin's floor). */
  | { type: "itemEnteredBin"; time: number; itemId: string; binId: string }
  /** The item, counted in bin `binId`, is no longer over it. */
  | { type: "itemLeftBin"; time: number; itemId: string; binId: string }
  /** The item fell off the table (or was pushed out of its area). */
  | { type: "itemLeftTable"; time: number; itemId: string }
  | { type: "itemGrabbed"; time: number; itemId: string }
  | { type: "itemReleased"; time: number; itemId: string }
  /** The robot's body touched a wall (`wallId`: a wall's id, or `border-north|south|east|west`). */
  | { type: "robotHitWall"; time: number; wallId: string }
  /** The robot's body touched a fixed obstacle. */
  | { type: "robotHitObstacle"; time: number; obstacleId: string }
  | { type: "robotLeftTable"; time: number }
  /** The robot's reference point (middle of the wheel axle) entered or left a marking's zone. */
  | { type: "robotEnteredZone"; time: number; zoneId: string }
  | { type: "robotLeftZone"; time: number; zoneId: string };

export type SimEventType = SimEvent["type"];

export interface FinalItem {
  id: string;
  catalogueId: string;
  kind: ItemKind;
  /** The bin the item rests in, or null. */
  binId: string | null;
  onTable: boolean;
  held: boolean;
  /** Arena frame, cm; null once the item has fallen out of the simulation. */
  position: { x: number; y: number; z: number } | null;
}

export interface FinalRobot {
  /** Middle of the wheel axle, arena frame, cm. */
  x: number;
  y: number;
  /** Degrees counter-clockwise from east (arena frame), 0..360. */
  heading: number;
  onTable: boolean;
  zones: string[];
  heldItemId: string | null;
}

/** The state of the world at the end of a run. */
export interface FinalState {
  items: FinalItem[];
  robot: FinalRobot;
}
